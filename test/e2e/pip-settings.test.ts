import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireEngine } from '../support/docker-leftovers.js';
import { fixture, readReport, runCli, temporaryDir } from '../support/run-cli.js';
import { tinyWheel, writeTinyIndex } from '../support/tiny-index.js';

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

  it('installs both sets from a file:// index that only the host’s pip.conf names', async () => {
    const dir = await temporaryDir(`file-index-${backend}`);
    const indexUrl = await writeTinyIndex(path.join(dir, 'index'), ['1.0', '1.1']);
    // The only index pip may use, from a configuration file alone: no variable names it.
    const pipConf = path.join(dir, 'pip.conf');
    await writeFile(pipConf, `[global]\nindex-url = ${indexUrl}\n`);
    const env = {
      UPGRADE_HARNESS_CACHE_DIR: cacheDir,
      PIP_CONFIG_FILE: pipConf,
      XDG_CONFIG_DIRS: path.join(dir, 'no-such-dir'),
      PIP_FIND_LINKS: '',
    };
    const outDir = path.join(dir, 'out');
    const run = await runCli(
      ['run', fixture('host-file-index', 'scenario.yaml'), '--backend', backend, '--out', outDir],
      { env },
    );
    const report = await readReport(outDir);
    expect(report.backend).toBe(backend);
    expect(report.environments.baseline.packages['tiny-pkg']).toBe('1.0');
    expect(report.environments.candidate.packages['tiny-pkg']).toBe('1.1');
    expect(report.verdict).toBe('go');
    expect(run.exitCode).toBe(0);
    const pipLog = await readFile(path.join(outDir, 'logs', 'candidate-pip.log'), 'utf8');
    expect(pipLog).toContain(tinyWheel('1.1'));
    // Docker's build fetched it from the index served on loopback, not from a copy in its context.
    if (backend === 'docker') expect(pipLog).toMatch(/http:\/\/127\.0\.0\.1:\d+\/0\/simple/);
  });
});
