import { rm } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report-schema.js';
import { harnessLeftovers, requireEngine } from '../support/docker-leftovers.js';
import { fixture, readReport, repoRoot, runCli, temporaryDir } from '../support/run-cli.js';

// pip, setuptools and wheel come with the interpreter's venv, not from the set: pyenv's 3.11.7 seeds
// other versions than Debian's 3.11.2. Parity is about what the set asked for and its dependencies.
const SEEDED_BY_VENV = new Set(['pip', 'setuptools', 'wheel']);
const requested = (packages: Record<string, string>) =>
  Object.fromEntries(Object.entries(packages).filter(([name]) => !SEEDED_BY_VENV.has(name)));
const outcomes = (report: Report) =>
  Object.fromEntries(report.checks.map((check) => [check.id, check.outcome]));

let cacheDir: string;
const env = () => ({ UPGRADE_HARNESS_CACHE_DIR: cacheDir });

beforeAll(async () => {
  await requireEngine();
  cacheDir = await temporaryDir('docker-cache');
});
afterAll(() => rm(cacheDir, { recursive: true, force: true }));

async function run(scenario: string, backend: string, extra: string[] = []) {
  const outDir = await temporaryDir(`${path.basename(path.dirname(scenario))}-${backend}`);
  const result = await runCli(['run', scenario, '--backend', backend, '--out', outDir, ...extra], {
    env: env(),
  });
  return { ...result, report: await readReport(outDir), leftovers: await harnessLeftovers() };
}

describe('the README example on both backends', () => {
  let docker: Awaited<ReturnType<typeof run>>;
  let dockerAgain: Awaited<ReturnType<typeof run>>;
  let local: Awaited<ReturnType<typeof run>>;
  let cleaned: { exitCode: number; stderr: string };

  beforeAll(async () => {
    cleaned = await runCli(['clean'], { env: env() });
    docker = await run('examples/numpy-upgrade/scenario.yaml', 'docker');
    dockerAgain = await run('examples/numpy-upgrade/scenario.yaml', 'docker');
    local = await run('examples/numpy-upgrade/scenario.yaml', 'local');
  });

  it('clean says what it removed from the engine', () => {
    expect(cleaned.exitCode).toBe(0);
    expect(cleaned.stderr).toMatch(
      /Removed \d+ container\(s\), \d+ network\(s\) and \d+ environment image\(s\)/,
    );
    expect(cleaned.stderr).toMatch(/Freed [\d.]+ MiB/);
  });

  it('gives the same verdict, outcomes and resolved sets as the local backend', () => {
    expect(docker.report.backend).toBe('docker');
    expect(local.report.backend).toBe('local');
    expect(docker.exitCode).toBe(1);
    expect(local.exitCode).toBe(1);
    expect(outcomes(docker.report)).toEqual(outcomes(local.report));
    expect(outcomes(docker.report)).toEqual({
      imports: 'pass',
      'scaling-math': 'pass',
      features: 'regressed',
    });
    for (const side of ['baseline', 'candidate'] as const) {
      expect(requested(docker.report.environments[side].packages)).toEqual(
        requested(local.report.environments[side].packages),
      );
    }
    expect(docker.report.dependencyDiff).toEqual(local.report.dependencyDiff);
  });

  it('reports the base image and its glibc', () => {
    const details = docker.report.environments.candidate.details as Record<string, unknown>;
    expect(details.baseImage).toBe('upgrade-harness/python:3.11-bookworm');
    expect(details.glibc).toBe('glibc-2.36');
    expect(details.image).toMatch(/^upgrade-harness\/env:[0-9a-f]{24}$/);
  });

  it('reuses both images on the second run, provisioning in under 10% of the first', () => {
    for (const side of ['baseline', 'candidate'] as const) {
      expect(docker.report.environments[side].cached).toBe(false);
      expect(dockerAgain.report.environments[side].cached).toBe(true);
      expect(dockerAgain.report.environments[side].provisionSeconds).toBeLessThan(
        (docker.report.environments[side].provisionSeconds ?? 0) * 0.1,
      );
    }
    expect(dockerAgain.report.verdict).toBe('no-go');
  });

  it('leaves no container or network behind', () => {
    expect(docker.leftovers).toEqual({ containers: [], networks: [] });
    expect(dockerAgain.leftovers).toEqual({ containers: [], networks: [] });
  });
});

describe('the main job fixtures give the same verdicts in containers', () => {
  it.each([
    ['candidate-install-conflict', 1],
    ['baseline-no-longer-installs', 0],
    ['command-timeout', 1],
  ])('%s', async (name, exitCode) => {
    const scenario = fixture(name, 'scenario.yaml');
    const [docker, local] = [await run(scenario, 'docker'), await run(scenario, 'local')];
    expect(docker.exitCode).toBe(exitCode);
    expect(local.exitCode).toBe(exitCode);
    expect(outcomes(docker.report)).toEqual(outcomes(local.report));
    for (const side of ['baseline', 'candidate'] as const) {
      expect(docker.report.environments[side].status).toBe(local.report.environments[side].status);
      expect(requested(docker.report.environments[side].packages)).toEqual(
        requested(local.report.environments[side].packages),
      );
    }
    expect(docker.leftovers).toEqual({ containers: [], networks: [] });
    if (name === 'command-timeout') {
      expect(docker.report.checks[0]?.candidate).toMatchObject({ timedOut: true });
    } else {
      expect(docker.report.reasons.join('\n')).toMatch(/ERROR|conflict|No matching distribution/);
    }
  });
});

describe('isolation and limits inside the container', () => {
  let isolation: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    const only = 'network-blocked-by-default,network-when-allowed,out-of-memory';
    isolation = await run(fixture('docker-isolation', 'scenario.yaml'), 'docker', ['--only', only]);
  });
  const check = (id: string) => isolation.report.checks.find((candidate) => candidate.id === id);

  it('blocks the network by default', () => {
    expect(check('network-blocked-by-default')?.outcome).toBe('fail');
    expect(check('network-blocked-by-default')?.candidate.stderrTail).toMatch(
      /URLError|resolution|unreachable/,
    );
  });

  it('lets a check that asks for the network reach it', () => {
    expect(check('network-when-allowed')?.outcome).toBe('pass');
    expect(check('network-when-allowed')?.candidate.stdoutTail).toContain('200');
  });

  it('reports an out-of-memory kill as such', () => {
    expect(check('out-of-memory')?.candidate).toMatchObject({ status: 'failed', oomKilled: true });
    expect(check('out-of-memory')?.candidate.message).toMatch(/^killed for running out of memory/);
  });

  it('leaves no container or network behind', () => {
    expect(isolation.leftovers).toEqual({ containers: [], networks: [] });
  });
});

describe('an interrupted run', () => {
  it('exits 130 on SIGINT and leaves no container or network behind', async () => {
    const outDir = await temporaryDir('sigint');
    const child = execa(
      'node',
      [path.join(repoRoot, 'dist', 'bin.js'), 'run', fixture('docker-isolation', 'scenario.yaml')].concat([
        '--backend',
        'docker',
        '--only',
        'sleeps',
        '--out',
        outDir,
      ]),
      { env: { ...env(), FORCE_COLOR: '0' }, reject: false },
    );
    await new Promise<void>((resolve) => {
      child.stderr?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Running sleeps')) setTimeout(resolve, 3000);
      });
    });
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(130);
    expect(String(result.stderr)).toContain('Interrupted');
    expect(await harnessLeftovers()).toEqual({ containers: [], networks: [] });
  });
});
