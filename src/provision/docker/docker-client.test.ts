import { describe, expect, it } from 'vitest';
import { connectEngine } from './docker-client.js';

// docker-modem keeps its connection settings as plain fields its typings do not list.
const modemOf = (engine: ReturnType<typeof connectEngine>) =>
  engine.client.modem as unknown as { socketPath?: string; host?: string; port?: string | number };

describe('connectEngine', () => {
  it('uses the default socket without DOCKER_HOST', () => {
    expect(connectEngine({}).describe).toBe('unix:///var/run/docker.sock');
  });

  it('honours a unix socket and a tcp address in DOCKER_HOST', () => {
    const unix = connectEngine({ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' });
    expect(unix.describe).toBe('unix:///run/user/1000/docker.sock');
    expect(modemOf(unix).socketPath).toBe('/run/user/1000/docker.sock');
    const tcp = connectEngine({ DOCKER_HOST: 'tcp://10.0.0.5:2375' });
    expect(tcp.describe).toBe('tcp://10.0.0.5:2375');
    expect([modemOf(tcp).host, String(modemOf(tcp).port)]).toEqual(['10.0.0.5', '2375']);
  });
});
