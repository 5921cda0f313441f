import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireEngine } from '../support/docker-leftovers.js';
import { fixture, readReport, runCli, temporaryDir } from '../support/run-cli.js';

// The host's pip settings, as a team's CI sets them: a wheel folder and no index at all.
const wheels = fixture('offline-wheel-folder', 'wheels');
let cacheDir: string;

beforeAll(async () => {
  await requireEngine();
  cacheDir = await temporaryDir('pip-settings-cache');
});
afterAll(() => rm(cacheDir, { recursive: true, force: true }));

describe.each(['local', 'docker'])('pip.fromHost on the %s backend', (backend) => {
  it('installs both sets from the host’s offline wheel folder alone', async () => {
    const outDir = await temporaryDir(`offline-${backend}`);
    const env = { UPGRADE_HARNESS_CACHE_DIR: cacheDir, PIP_FIND_LINKS: wheels, PIP_NO_INDEX: '1' };
    const run = await runCli(
      ['run', fixture('offline-wheel-folder', 'scenario.yaml'), '--backend', backend, '--out', outDir],
      { env },
    );
    const report = await readReport(outDir);
    expect(report.backend).toBe(backend);
    expect(report.environments.baseline.packages.six).toBe('1.15.0');
    expect(report.environments.candidate.packages.six).toBe('1.16.0');
    expect(report.verdict).toBe('go');
    expect(run.exitCode).toBe(0);
    const pipLog = await readFile(path.join(outDir, 'logs', 'candidate-pip.log'), 'utf8');
    expect(pipLog).toMatch(/six-1\.16\.0-py2\.py3-none-any\.whl/);
  });
});
