import path from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, readReport, repoRoot, runCli, temporaryDir } from '../support/run-cli.js';

// The runner's numbers against independent measurements in one real torch 2.13.0 environment (the
// CPU wheel from $PIP_FIND_LINKS, built or reused through the harness's own cache). Both are
// comparisons of two measurements taken in turns in the same environment, not timing thresholds:
// see runners/tests/verify_accuracy.py for how they stay steady on a loaded machine.
describe('torch-bench runner accuracy (torch 2.13.0, one thread)', () => {
  let python: string;

  beforeAll(async () => {
    const outDir = await temporaryDir('torch-bench-accuracy');
    const run = await runCli(['run', fixture('torch-bench-accuracy', 'scenario.yaml'), '--out', outDir]);
    expect(run.exitCode, run.stderr).toBe(0);
    const report = await readReport(outDir);
    const venv = report.environments.baseline.details?.venv;
    expect(typeof venv).toBe('string');
    python = path.join(String(venv), 'bin', 'python');
  }, 30 * 60_000);

  async function verify(what: 'latency' | 'memory'): Promise<Record<string, unknown>> {
    const script = path.join(repoRoot, 'runners', 'tests', 'verify_accuracy.py');
    const result = await execa(python, [script, what], { reject: false });
    expect(result.exitCode, result.stderr).toBe(0);
    return JSON.parse(String(result.stdout).trimEnd().split('\n').at(-1) ?? '{}');
  }

  it(
    "passes the runner's own tests, the CUDA run where torch sees a GPU and the CUDA skip elsewhere",
    async () => {
      const tests = path.join(repoRoot, 'runners', 'tests', 'test_torch_bench.py');
      const result = await execa(python, ['-W', 'ignore', tests, '-v'], {
        env: { TORCH_BENCH_PYTHON: python },
        reject: false,
        timeout: 15 * 60_000,
      });
      const log = String(result.stderr);
      expect(result.exitCode, log).toBe(0);
      const gpu = await execa(python, [
        '-W',
        'ignore',
        '-c',
        'import torch; print(torch.cuda.is_available())',
      ]);
      const skipped = String(gpu.stdout).trim() === 'True' ? 'test_cuda_skip' : 'test_cuda_run';
      expect(log).toMatch(/Ran 1[0-9] tests/);
      expect(log).toMatch(new RegExp(`${skipped} .*\\.\\.\\. skipped`));
      expect(log.match(/\.\.\. skipped/g)).toHaveLength(1);
    },
    20 * 60_000,
  );

  it("times the median latency within 5% of torch.utils.benchmark.Timer's", async () => {
    const latency = await verify('latency');
    expect(latency.torchVersion).toBe('2.13.0+cpu');
    expect(latency.turns).toHaveLength(31);
    // The median over turns of runner median / Timer median, each turn measured back to back.
    expect(latency.medianRatio).toBeGreaterThan(0.95);
    expect(latency.medianRatio).toBeLessThan(1.05);
  });

  it("reports a peak RSS within 10% of the kernel's maximum resident set size of the process", async () => {
    const memory = (await verify('memory')) as {
      models: Record<'small' | 'large', { medianRatio: number; runnerPeakRssBytes: number }>;
    };
    for (const model of ['small', 'large'] as const) {
      expect(memory.models[model].medianRatio).toBeGreaterThan(0.9);
      expect(memory.models[model].medianRatio).toBeLessThan(1.1);
    }
    // The larger model's ~100 MB of weights show up: the number follows the model, not just torch.
    const grown = memory.models.large.runnerPeakRssBytes - memory.models.small.runnerPeakRssBytes;
    expect(grown).toBeGreaterThan(90e6);
  });
});
