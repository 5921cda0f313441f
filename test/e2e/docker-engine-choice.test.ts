import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCli, temporaryDir } from '../support/run-cli.js';

describe('when no Docker engine answers', () => {
  let cacheDir: string;
  const noEngine = () => ({
    DOCKER_HOST: 'unix:///nonexistent/docker.sock',
    UPGRADE_HARNESS_CACHE_DIR: cacheDir,
  });
  beforeAll(async () => {
    cacheDir = await temporaryDir('no-engine-cache');
  });
  afterAll(() => rm(cacheDir, { recursive: true, force: true }));

  it('--backend docker stops with exit 2, naming the socket and how to start an engine', async () => {
    const outDir = await temporaryDir('no-engine');
    const scenario = fixture('candidate-install-conflict', 'scenario.yaml');
    const result = await runCli(['run', scenario, '--backend', 'docker', '--out', outDir], {
      env: noEngine(),
    });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('No Docker engine answered at unix:///nonexistent/docker.sock');
    expect(result.stderr).toContain('docker/ensure-engine.sh');
    expect(result.stderr).toContain('DOCKER_HOST');
  });

  it('--backend auto falls back to local virtualenvs and logs why', async () => {
    const outDir = await temporaryDir('no-engine-auto');
    const scenario = fixture('candidate-install-conflict', 'scenario.yaml');
    const result = await runCli(['run', scenario, '--backend', 'auto', '--out', outDir], { env: noEngine() });
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(await readFile(path.join(outDir, 'report.json'), 'utf8')) as {
      backend: string;
    };
    expect(report.backend).toBe('local');
    expect(await readFile(path.join(outDir, 'harness.log'), 'utf8')).toContain('no Docker engine answered');
  });
});
