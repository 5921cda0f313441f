import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report-schema.js';
import { liveProcesses } from '../support/processes.js';
import { fixture, readReport, repoRoot, runCli, temporaryDir } from '../support/run-cli.js';

// The check on the team's own models, in real torch 2.13.0 environments (the CPU wheel from
// $PIP_FIND_LINKS) that differ by six 1.16.0 → 1.17.0: the model file does twice the work, or shifts
// its outputs, where it finds six 1.17. A slowdown and a drift that a dependency upgrade really
// causes, measured end to end; and a TorchScript file in an A/A run timed for a budget.

/** Runs one of this folder's scenarios to the end and reads its report. */
async function runScenario(file: string): Promise<{ exitCode: number; report: Report; outDir: string }> {
  const outDir = await temporaryDir(`torch-bench-${path.basename(file, '.yaml')}`);
  const run = await runCli(['run', fixture('torch-bench-own-models', file), '--out', outDir]);
  return { exitCode: run.exitCode, report: await readReport(outDir), outDir };
}

describe('torch-bench on a model file and a TorchScript file (local backend)', () => {
  let exitCode: number;
  let report: Report;
  let outDir: string;

  beforeAll(async () => {
    ({ exitCode, report, outDir } = await runScenario('scenario.yaml'));
  }, 30 * 60_000);

  const check = (id: string) => report.checks.find((entry) => entry.id === id);
  const metric = (id: string, name: string) => check(id)?.metrics?.find((entry) => entry.name === name);

  it('flags the model that does twice the work after the upgrade, and only that one', () => {
    const slower = metric('own-model', 'slower b16 p50 CPU time');
    expect(slower?.ratio).toBeGreaterThan(1.6);
    expect(slower?.ratio).toBeLessThan(2.4);
    expect(slower?.pValue).toBeLessThan(0.005);
    expect(slower?.regressed).toBe(true);
    expect(metric('own-model', 'drifting b16 p50 CPU time')?.regressed).toBe(false);
    expect(metric('own-model', 'slower output max abs error')).toMatchObject({
      candidate: 0,
      regressed: false,
    });
  });

  it('measures the shifted outputs as drift beyond the tolerance', () => {
    const drift = metric('own-model', 'drifting output max abs error');
    expect(drift?.candidate).toBeCloseTo(0.01, 6);
    expect(drift?.limit).toBe(1e-4);
    expect(drift?.regressed).toBe(true);
  });

  it('gates the run on those findings', () => {
    expect(check('own-model')?.outcome).toBe('regressed');
    expect(report.verdict).toBe('no-go');
    expect(exitCode).toBe(1);
  });

  it('prints the interval, p-value and noise floor beside every delta in report.md', async () => {
    const markdown = (await readFile(path.join(outDir, 'report.md'), 'utf8')).split('\n');
    expect(markdown).toContain(
      '| check | metric | baseline | candidate | ratio | 95% interval | p | noise floor | limit | judgement |',
    );
    const row = markdown.find((line) => line.startsWith('| own-model | slower b16 p50 CPU time |'));
    expect(row).toMatch(
      / \| ×[12]\.\d+ \| [\d.]+–[\d.]+ \| (<0\.0001|0\.00\d+) \| ±\d+\.\d% \| ×1\.1 \| \*\*regressed\*\* \|$/,
    );
    // What each side ran on, beside the numbers.
    expect(markdown).toContain('## Benchmark environments: own-model');
    expect(markdown).toContain('| torch | 2.13.0+cpu | 2.13.0+cpu |');
    expect(markdown).toContain('| threads (intra-op / inter-op) | 1 / 1 | 1 / 1 |');
    const rss = markdown.find((line) => line.startsWith('| own-model | slower b16 peak RSS |'));
    expect(rss).toMatch(/^\| own-model \| slower b16 peak RSS \| \d+(\.\d+)? MiB \| \d+(\.\d+)? MiB \|/);
  });

  it('runs a TorchScript file against itself for a time budget, under torch.no_grad()', () => {
    const scripted = check('scripted');
    // Whether an A/A run passes measures the machine (a busy one can fail it), not the harness; what
    // is asserted is that both sides ran in the baseline environment and the interval became the floor.
    expect(scripted?.baseline.status).toBe('passed');
    expect(scripted?.candidate.status).toBe('passed');
    expect(scripted?.candidate.message).toMatch(/^A\/A: the baseline environment again/);
    expect(scripted?.baseline.details).toMatchObject({ torchVersion: '2.13.0+cpu', inferenceMode: false });
    const p50 = metric('scripted', 'scripted_mlp b4 p50 CPU time');
    const [low = Number.NaN, high = Number.NaN] = p50?.confidenceInterval ?? [];
    expect(p50?.noiseFloor).toBeCloseTo(Math.max(1 - low, high - 1), 12);
    // A 0.2 s budget holds many calls of a 64→128→10 MLP: the rounds' latencies are all in the report.
    const latencies = scripted?.baseline.details?.latencyMs as Record<string, number[]> | undefined;
    expect(latencies?.['scripted_mlp b4']?.length).toBeGreaterThan(4 * 10);
  });
});

describe('torch-bench on models that cannot be built (local backend)', () => {
  let exitCode: number;
  let report: Report;

  beforeAll(async () => {
    ({ exitCode, report } = await runScenario('model-errors.yaml'));
  }, 30 * 60_000);

  const check = (id: string) => report.checks.find((entry) => entry.id === id);

  it('gates on the regression found', () => {
    expect(report.verdict).toBe('no-go');
    expect(exitCode).toBe(1);
  });

  it('builds a model the baseline cannot build in the candidate, and runs the candidate alone', () => {
    const needsUpgrade = check('needs-upgrade');
    expect(needsUpgrade?.outcome).toBe('improved');
    expect(needsUpgrade?.baseline.status).toBe('failed');
    expect(needsUpgrade?.baseline.message).toContain('RuntimeError: this model needs six 1.17 or later');
    expect(needsUpgrade?.candidate).toMatchObject({
      status: 'passed',
      message: '4 rounds in fresh processes',
    });
  });

  it('still compares the models both sides build, so a slowdown beside an unbuilt model regresses', () => {
    const beside = check('beside-slower');
    expect(beside?.outcome).toBe('regressed');
    expect(beside?.items).toEqual({ regressed: 0, improved: 1, failedBoth: 0 });
    expect(beside?.baseline.status).toBe('passed');
    expect(beside?.baseline.message).toMatch(
      /^preparing the weights of version_sensitive .* needs six 1\.17/,
    );
    const slower = beside?.metrics?.find((metric) => metric.name === 'slower b16 p50 CPU time');
    expect(slower?.regressed).toBe(true);
    expect(beside?.metrics?.some((metric) => metric.name.startsWith('version_sensitive'))).toBe(false);
  });
});

describe('torch-bench on a factory the model file does not have (local backend)', () => {
  it(
    'calls it an error of the scenario, not a finding, and cannot decide',
    async () => {
      const { exitCode, report } = await runScenario('unknown-factory.yaml');
      const missing = report.checks.find((entry) => entry.id === 'no-such-factory');
      expect(missing?.outcome).toBe('error');
      expect(missing?.baseline.message).toContain("model file has no factory function 'make_modle'");
      expect(report.verdict).toBe('error');
      expect(exitCode).toBe(2);
    },
    30 * 60_000,
  );
});

describe('interrupting a benchmark (local backend)', () => {
  // Starts the first scenario again (its environments are cached by now) with its own TMPDIR, where
  // the local backend makes each side's scratch folder, and interrupts it once a round is running.
  async function startAndWaitForARound() {
    const tmp = await temporaryDir('interrupt-tmp');
    const outDir = await temporaryDir('interrupt-bench');
    const run = execa(
      'node',
      [
        path.join(repoRoot, 'dist', 'bin.js'),
        'run',
        fixture('torch-bench-own-models', 'scenario.yaml'),
        '--out',
        outDir,
      ],
      { cwd: repoRoot, env: { TMPDIR: tmp, FORCE_COLOR: '0' }, reject: false },
    );
    let ended = false;
    void run.then(() => {
      ended = true;
    });
    const deadline = Date.now() + 10 * 60_000;
    while ((await scan(tmp)).length === 0 && Date.now() < deadline && !ended)
      await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await scan(tmp), 'no benchmark round started').not.toEqual([]);
    return { run, tmp };
  }
  const scan = (tmp: string) => liveProcesses(['torch_bench.py run --model', tmp], 0);
  const scratchFolders = async (tmp: string) =>
    (await readdir(tmp)).filter((name) => name.startsWith('upgrade-harness-'));

  it(
    'stops at the round it interrupted, with no check result after the notice, and cleans up',
    async () => {
      const { run, tmp } = await startAndWaitForARound();
      run.kill('SIGINT');
      const result = await run;
      expect(result.exitCode).toBe(130);
      const afterNotice = String(result.stderr).split('SIGINT received')[1] ?? '';
      expect(afterNotice).toContain('Interrupted; everything the run started has been removed.');
      expect(afterNotice).not.toMatch(/^\s+(pass|regressed|fail|improved|error):/m);
      expect(await scratchFolders(tmp)).toEqual([]);
      expect(await liveProcesses(['torch_bench.py', tmp])).toEqual([]);
    },
    15 * 60_000,
  );

  it(
    'quits at once on a second Ctrl-C and still leaves no scratch folder or runner behind',
    async () => {
      const { run, tmp } = await startAndWaitForARound();
      // The second comes before the asynchronous cleanup could finish (two at once would be one).
      run.kill('SIGINT');
      await new Promise((resolve) => setTimeout(resolve, 20));
      run.kill('SIGINT');
      const result = await run;
      // 130 either way for a shell: exit(130), or death by the SIGINT that came after cleanup ended.
      expect(result.exitCode ?? result.signal).toSatisfy((end) => end === 130 || end === 'SIGINT');
      expect(await scratchFolders(tmp)).toEqual([]);
      expect(await liveProcesses(['torch_bench.py', tmp])).toEqual([]);
    },
    15 * 60_000,
  );
});
