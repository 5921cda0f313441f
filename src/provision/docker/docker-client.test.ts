import { describe, expect, it } from 'vitest';
import { connectEngine } from './docker-client.js';

describe('connectEngine', () => {
  it('uses the default socket without DOCKER_HOST', () => {
    expect(connectEngine({}).describe).toBe('unix:///var/run/docker.sock');
  });

  it('honours a unix socket and a tcp address in DOCKER_HOST', () => {
    const unix = connectEngine({ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' });
    expect(unix.describe).toBe('unix:///run/user/1000/docker.sock');
    expect(unix.client.modem.socketPath).toBe('/run/user/1000/docker.sock');
    const tcp = connectEngine({ DOCKER_HOST: 'tcp://10.0.0.5:2375' });
    expect(tcp.describe).toBe('tcp://10.0.0.5:2375');
    expect([tcp.client.modem.host, String(tcp.client.modem.port)]).toEqual(['10.0.0.5', '2375']);
  });
});
