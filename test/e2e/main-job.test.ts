import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report-schema.js';
import { fixture, readReport, repoRoot, runCli, temporaryDir } from '../support/run-cli.js';

describe('the README example: numpy 1 → 2 (local backend)', () => {
  let cacheDir: string;
  let first: { exitCode: number; stderr: string; report: Report; outDir: string };
  let second: { exitCode: number; report: Report };

  beforeAll(async () => {
    cacheDir = await temporaryDir('cache');
    const env = { UPGRADE_HARNESS_CACHE_DIR: cacheDir };
    const outDir = await temporaryDir('numpy');
    const run = await runCli(['run', 'examples/numpy-upgrade/scenario.yaml', '--out', outDir], { env });
    first = { ...run, report: await readReport(outDir), outDir };
    const outDir2 = await temporaryDir('numpy-again');
    const again = await runCli(['run', 'examples/numpy-upgrade/scenario.yaml', '--out', outDir2], { env });
    second = { exitCode: again.exitCode, report: await readReport(outDir2) };
  });
  afterAll(() => rm(cacheDir, { recursive: true, force: true }));

  it('says no-go with exit 1 because numpy 2 removed np.float_', () => {
    expect(first.exitCode).toBe(1);
    expect(first.report.verdict).toBe('no-go');
    const features = first.report.checks.find((check) => check.id === 'features');
    expect(features?.outcome).toBe('regressed');
    expect(features?.candidate.stderrTail).toContain('np.float_` was removed in the NumPy 2.0 release');
    expect(first.report.reasons).toEqual([expect.stringMatching(/^features: regressed/)]);
  });

  it('passes the checks that work on both sides', () => {
    const outcomes = Object.fromEntries(first.report.checks.map((check) => [check.id, check.outcome]));
    expect(outcomes).toEqual({ imports: 'pass', 'scaling-math': 'pass', features: 'regressed' });
  });

  it('records the resolved versions, pip check and the diff', () => {
    const { baseline, candidate } = first.report.environments;
    expect(baseline.packages.numpy).toBe('1.26.4');
    expect(candidate.packages.numpy).toBe('2.1.3');
    expect(baseline.python).toMatch(/^3\.11\.\d+$/);
    expect(candidate.pipCheck).toEqual({ ok: true, problems: [] });
    expect(first.report.dependencyDiff).toEqual([
      { name: 'numpy', baseline: '1.26.4', candidate: '2.1.3', change: 'upgraded', majorJump: true },
    ]);
  });

  it('writes every report format', async () => {
    const files = await readdir(first.outDir);
    expect(files).toEqual(expect.arrayContaining(['report.json', 'report.md', 'report.html', 'junit.xml']));
    const markdown = await readFile(path.join(first.outDir, 'report.md'), 'utf8');
    expect(markdown.indexOf('NO-GO')).toBeLessThan(markdown.indexOf('## Checks'));
    expect(markdown.indexOf('## Checks')).toBeLessThan(markdown.indexOf('## Dependency changes'));
    expect(markdown.indexOf('## Dependency changes')).toBeLessThan(markdown.indexOf('## Failure excerpts'));
  });

  it('reuses both environments on the second run, in under 10% of the first provisioning time', () => {
    expect(second.exitCode).toBe(1);
    for (const side of ['baseline', 'candidate'] as const) {
      const before = first.report.environments[side];
      const after = second.report.environments[side];
      expect(before.cached).toBe(false);
      expect(after.cached).toBe(true);
      expect(after.provisionSeconds).toBeLessThan(before.provisionSeconds * 0.1);
    }
  });

  it('re-renders the saved report', async () => {
    const markdown = await runCli(['report', path.join(first.outDir, 'report.json'), '--format', 'md']);
    expect(markdown.exitCode).toBe(0);
    expect(markdown.stdout).toBe(await readFile(path.join(first.outDir, 'report.md'), 'utf8'));
    const junit = await runCli(['report', path.join(first.outDir, 'report.json'), '--format', 'junit']);
    expect(junit.stdout).toContain('<testcase classname="numpy-1-to-2.candidate" name="features"');
  });
});

describe('dependency sets that do not install', () => {
  it('says no-go and quotes pip when the candidate names a package that does not exist', async () => {
    const outDir = await temporaryDir('missing');
    const run = await runCli([
      'run',
      fixture('candidate-install-missing-package', 'scenario.yaml'),
      '--out',
      outDir,
    ]);
    const report = await readReport(outDir);
    expect(run.exitCode).toBe(1);
    expect(report.verdict).toBe('no-go');
    expect(report.environments.candidate.status).toBe('failed');
    expect(report.reasons[0]).toBe(
      'the candidate set did not install: ERROR: Could not find a version that satisfies the requirement upgrade-harness-no-such-package-xyz==1.0 (from versions: none)',
    );
    expect(report.environments.candidate.failure).toContain(
      'ERROR: No matching distribution found for upgrade-harness-no-such-package-xyz==1.0',
    );
    expect(report.checks[0]?.candidate.status).toBe('skipped');
    expect(report.checks[0]?.candidate.message).toBe('the candidate environment did not install');
  });

  it('says no-go with the resolver conflict when pins contradict', async () => {
    const outDir = await temporaryDir('conflict');
    const run = await runCli([
      'run',
      fixture('candidate-install-conflict', 'scenario.yaml'),
      '--out',
      outDir,
    ]);
    const report = await readReport(outDir);
    expect(run.exitCode).toBe(1);
    expect(report.environments.candidate.failure?.join('\n')).toMatch(/six==1\.16\.0|six<1\.16/);
    expect(report.environments.candidate.failure?.join('\n')).toMatch(/conflict|Could not find a version/i);
  });

  it('says plainly that the baseline itself no longer installs, and judges the candidate alone', async () => {
    const outDir = await temporaryDir('baseline-broken');
    const run = await runCli([
      'run',
      fixture('baseline-no-longer-installs', 'scenario.yaml'),
      '--out',
      outDir,
    ]);
    const report = await readReport(outDir);
    expect(report.environments.baseline.status).toBe('failed');
    expect(report.checks[0]?.outcome).toBe('pass');
    expect(report.reasons[0]).toMatch(/^the baseline set itself no longer installs/);
    expect(report.verdict).toBe('go');
    expect(run.exitCode).toBe(0);
  });
});

describe('checks that misbehave', () => {
  it('kills a command that outlives its timeout, with the processes it started', async () => {
    const outDir = await temporaryDir('timeout');
    const run = await runCli(['run', fixture('command-timeout', 'scenario.yaml'), '--out', outDir]);
    const report = await readReport(outDir);
    const check = report.checks[0];
    expect(run.exitCode).toBe(1);
    expect(check?.outcome).toBe('regressed');
    expect(check?.candidate).toMatchObject({ status: 'failed', timedOut: true, exitCode: null });
    expect(check?.candidate.message).toMatch(/^timed out after 3 s/);
    expect(check?.candidate.durationSeconds).toBeLessThan(60);
    const childPid = Number(await readFile('/tmp/uh-timeout-child.pid', 'utf8'));
    expect(await isRunning(childPid)).toBe(false);
  });
});

describe('a scenario written from the contract alone', () => {
  it('runs an upgrade of packages the harness was not built around', async () => {
    const outDir = await temporaryDir('contract');
    const run = await runCli([
      'run',
      fixture('contract-only', 'scenario.yaml'),
      '--out',
      outDir,
      '--backend',
      'local',
    ]);
    const report = await readReport(outDir);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(report.verdict).toBe('go');
    expect(run.exitCode).toBe(0);
    expect(report.environments.baseline.packages.requests).toBe('2.25.1');
    expect(report.environments.candidate.packages.requests).toBe('2.32.3');
    expect(report.dependencyDiff.map((change) => change.name)).toEqual(
      expect.arrayContaining(['requests', 'urllib3']),
    );
    expect(report.checks.map((check) => check.outcome)).toEqual(['pass', 'pass']);
    expect(report.scenario).toEqual({
      name: 'requests-upgrade',
      file: fixture('contract-only', 'scenario.yaml'),
    });
  });
});

describe('init', () => {
  it('writes a starter scenario that validates, with paths relative to it', async () => {
    const dir = await temporaryDir('init');
    const output = path.join(dir, 'nested', 'starter.yaml');
    const baseline = fixture('contract-only', 'requirements-old.txt');
    const made = await runCli(['init', '--baseline', baseline, '--candidate', baseline, '-o', output], {
      cwd: dir,
    });
    expect(made.exitCode).toBe(0);
    const text = await readFile(output, 'utf8');
    expect(text).toContain(`requirementsFile: ${path.relative(path.dirname(output), baseline)}`);
    expect(text).toContain('- requests');
    const validated = await runCli(['validate', output]);
    expect(validated.exitCode).toBe(0);
  });
});

/** Whether a process is alive (a zombie waiting to be reaped is not). Waits a little for SIGKILL to land. */
async function isRunning(pid: number): Promise<boolean> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
    if (stat === undefined || stat.split(') ')[1]?.startsWith('Z')) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return true;
}

describe('interruption', () => {
  it('exits 130 on SIGINT and leaves no half-built environment', async () => {
    const cacheDir = await temporaryDir('interrupt-cache');
    const outDir = await temporaryDir('interrupt');
    const run = execa(
      'node',
      [path.join(repoRoot, 'dist', 'bin.js'), 'run', 'examples/numpy-upgrade/scenario.yaml', '--out', outDir],
      {
        cwd: repoRoot,
        env: { UPGRADE_HARNESS_CACHE_DIR: cacheDir },
        reject: false,
      },
    );
    const builds = path.join(cacheDir, 'venvs', 'builds');
    // Wait until pip is at work, then interrupt as Ctrl-C would.
    for (let attempt = 0; attempt < 100 && (await readdir(builds).catch(() => [])).length === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    run.kill('SIGINT');
    const result = await run;
    expect(result.exitCode).toBe(130);
    expect(String(result.stderr)).toContain('Interrupted; everything the run started has been removed.');
    expect(await readdir(builds)).toEqual([]);
    expect(await readdir(path.join(cacheDir, 'venvs'))).toEqual(['builds']);
    await rm(cacheDir, { recursive: true, force: true });
  });
});
