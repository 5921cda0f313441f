import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport, Report } from '../../src/report/report-schema.js';
import { harnessLeftovers, requireEngine } from '../support/docker-leftovers.js';
import { liveProcesses } from '../support/processes.js';
import { fixture, readReport, repoRoot, runCli, temporaryDir } from '../support/run-cli.js';

const CHROMIUM = '/usr/bin/chromium';
const demoApp = path.join(repoRoot, 'examples', 'gradio-demo', 'app.py');
const neverReadyApp = fixture('gradio-app-never-ready', 'app.py');

const checkOf = (report: Report, id: string): CheckReport => {
  const check = report.checks.find((candidate) => candidate.id === id);
  if (!check) throw new Error(`no check ${id} in the report`);
  return check;
};
const sideDetails = (check: CheckReport, side: 'baseline' | 'candidate') =>
  check[side].details as {
    gradioVersion: string;
    protocol: string;
    apiPrefix: string;
    endpoints?: { api: string; route: string; passed: boolean; outputs?: unknown[] }[];
    browser?: { passed: boolean; steps: { step: string; ok: boolean }[]; screenshotFile?: string };
    fileProbes?: { probes: { name: string; status: number; leaked: boolean }[] };
  };

beforeAll(async () => {
  // The browser part drives Debian's Chromium for real: without it these tests must fail, not skip.
  await access(CHROMIUM).catch(() => {
    throw new Error(`${CHROMIUM} is missing: run test/setup/prepare-machine.sh (apt-get install chromium)`);
  });
});

describe('gradio 4.8.0 → 5.31.0, the demo app (local backend)', () => {
  let run: { exitCode: number; stderr: string };
  let report: Report;
  let outDir: string;

  beforeAll(async () => {
    outDir = await temporaryDir('gradio-demo');
    run = await runCli(['run', 'examples/gradio-demo/scenario.yaml', '--out', outDir, '--backend', 'local']);
    report = await readReport(outDir);
  });

  it('calls every endpoint through the route layout of each version, and both answer alike', () => {
    const check = checkOf(report, 'demo-app');
    const baseline = sideDetails(check, 'baseline');
    const candidate = sideDetails(check, 'candidate');
    expect([baseline.gradioVersion, baseline.protocol, baseline.apiPrefix]).toEqual(['4.8.0', 'sse', '']);
    expect([candidate.gradioVersion, candidate.protocol, candidate.apiPrefix]).toEqual([
      '5.31.0',
      'sse_v3',
      '/gradio_api',
    ]);
    expect(
      baseline.endpoints?.map((endpoint) => [endpoint.route, endpoint.passed, endpoint.outputs]),
    ).toEqual([
      ['/run/greet', true, ['Hello, WORLD!']],
      ['/run/add', true, [5.5]],
      ['/run/image_info', true, ['32x20 RGB']],
    ]);
    expect(candidate.endpoints?.map((endpoint) => [endpoint.route, endpoint.passed])).toEqual([
      ['/gradio_api/run/greet', true],
      ['/gradio_api/run/add', true],
      ['/gradio_api/run/image_info', true],
    ]);
    expect(check.details?.answersAgree).toEqual({ greet: true, add: true, image_info: true });
  });

  it('passes every browser step on both sides and keeps both screenshots and their diff', async () => {
    const check = checkOf(report, 'demo-app');
    expect(check.outcome).toBe('pass');
    for (const side of ['baseline', 'candidate'] as const) {
      const browser = sideDetails(check, side).browser;
      expect(browser?.passed, `${side}: ${check[side].message}`).toBe(true);
      expect(browser?.steps.filter((step) => !step.ok)).toEqual([]);
      expect(browser?.steps.map((step) => step.step)).toContain('expect #img-info-out to show "32x20 RGB"');
    }
    const screenshots = check.details?.screenshots as Record<string, string>;
    for (const file of [screenshots.baseline, screenshots.candidate, screenshots.diff]) {
      const png = PNG.sync.read(await readFile(path.join(outDir, file as string)));
      expect(png.width).toBe(1280);
    }
    const diff = check.metrics?.find((metric) => metric.name === 'screenshot pixel diff');
    expect(diff).toMatchObject({ limit: 0.9, limitKind: 'absolute', regressed: false });
    expect(diff?.candidate).toBeGreaterThan(0);
  });

  it('reports p50 and p99 latency of every endpoint with its limit', () => {
    const names = checkOf(report, 'demo-app').metrics?.map((metric) => metric.name);
    expect(names).toEqual(
      expect.arrayContaining(['greet latency p50', 'greet latency p99', 'image_info latency p99']),
    );
    const p50 = checkOf(report, 'demo-app').metrics?.find((metric) => metric.name === 'add latency p50');
    expect(p50).toMatchObject({ unit: 'ms', limit: 5, limitKind: 'ratio' });
    expect(p50?.baseline).toBeGreaterThan(0);
    // Judged over the turns the two sides took: an interval and a p-value, as for torch benchmarks.
    expect(p50?.confidenceInterval).toHaveLength(2);
    expect(p50?.pValue).toBeGreaterThan(0);
  });

  it('shows 4.8.0 serving the canary through a traversal and 5.31.0 refusing it: improved', () => {
    const check = checkOf(report, 'file-access');
    expect(check.outcome).toBe('improved');
    const leaks = sideDetails(check, 'baseline').fileProbes?.probes.filter((probe) => probe.leaked);
    expect(leaks?.map((probe) => [probe.name, probe.status])).toEqual([
      ['/file=: traversal from an upload dir', 200],
      ['/file=: traversal from an upload dir, ..%2F', 200],
    ]);
    const candidateProbes = sideDetails(check, 'candidate').fileProbes?.probes ?? [];
    expect(candidateProbes.filter((probe) => probe.leaked)).toEqual([]);
    expect(
      candidateProbes.filter((probe) => probe.name.startsWith('/gradio_api/file=')).map((p) => p.status),
    ).toEqual([403, 403, 403, 403, 403]);
  });

  it('says go and leaves no app process behind', async () => {
    expect(report.verdict).toBe('go');
    expect(run.exitCode).toBe(0);
    expect(await liveProcesses(['gradio_launch.py', demoApp])).toEqual([]);
  });
});

describe('a gradio app that never becomes ready', () => {
  it('fails the check after readyTimeoutSeconds, keeps the log and stops the app', async () => {
    const outDir = await temporaryDir('gradio-never-ready');
    const run = await runCli([
      'run',
      fixture('gradio-app-never-ready', 'scenario.yaml'),
      '--out',
      outDir,
      '--only',
      'never-ready',
    ]);
    const check = checkOf(await readReport(outDir), 'never-ready');
    expect(run.exitCode).toBe(1);
    expect(check.outcome).toBe('fail');
    expect(check.candidate.message).toBe(
      'the app did not start: the app did not answer GET /config within 5 s (readyTimeoutSeconds)',
    );
    await access(path.join(outDir, check.candidate.logFile as string));
    expect(await liveProcesses(['gradio_launch.py', neverReadyApp])).toEqual([]);
  });

  it('exits 130 on Ctrl-C while waiting for the app, and stops it', async () => {
    const outDir = await temporaryDir('gradio-interrupt');
    const cli = execa(
      'node',
      [
        path.join(repoRoot, 'dist', 'bin.js'),
        'run',
        fixture('gradio-app-never-ready', 'scenario.yaml'),
        '--out',
        outDir,
        '--only',
        'waits-long',
      ],
      { cwd: repoRoot, reject: false },
    );
    let launched: string[] = [];
    for (let attempt = 0; attempt < 600 && launched.length < 2; attempt++) {
      launched = await liveProcesses(['gradio_launch.py', neverReadyApp], 0);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(launched).toHaveLength(2);
    cli.kill('SIGINT');
    const result = await cli;
    expect(result.exitCode).toBe(130);
    expect(await liveProcesses(['gradio_launch.py', neverReadyApp])).toEqual([]);
  });
});

describe('gradio 4.8.0 → 5.31.0, the demo app (Docker backend)', () => {
  let run: { exitCode: number; stderr: string };
  let report: Report;
  let outDir: string;

  beforeAll(async () => {
    await requireEngine();
    outDir = await temporaryDir('gradio-demo-docker');
    run = await runCli(['run', 'examples/gradio-demo/scenario.yaml', '--out', outDir, '--backend', 'docker']);
    report = await readReport(outDir);
  });

  it('gives the same outcomes as on the local backend: app passes, the file-access hole is closed', () => {
    expect(report.backend).toBe('docker');
    expect(Object.fromEntries(report.checks.map((check) => [check.id, check.outcome]))).toEqual({
      imports: 'pass',
      'demo-app': 'pass',
      'file-access': 'improved',
    });
    expect(report.verdict).toBe('go');
    expect(run.exitCode).toBe(0);
  });

  it('reaches both apps from the host through the right routes and drives both pages', () => {
    const check = checkOf(report, 'demo-app');
    expect(sideDetails(check, 'baseline').endpoints?.map((endpoint) => endpoint.route)).toEqual([
      '/run/greet',
      '/run/add',
      '/run/image_info',
    ]);
    expect(sideDetails(check, 'candidate').endpoints?.map((endpoint) => endpoint.route)).toEqual([
      '/gradio_api/run/greet',
      '/gradio_api/run/add',
      '/gradio_api/run/image_info',
    ]);
    expect(sideDetails(check, 'baseline').browser?.passed).toBe(true);
    expect(sideDetails(check, 'candidate').browser?.passed).toBe(true);
  });

  it('leaves no container or network behind', async () => {
    expect(await harnessLeftovers()).toEqual({ containers: [], networks: [] });
  });
});
