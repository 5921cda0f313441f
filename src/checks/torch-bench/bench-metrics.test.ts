import { describe, expect, it } from 'vitest';
import { type CaseRounds, caseMetrics, driftMetrics } from './bench-metrics.js';
import type { RoundSummary } from './run-round.js';
import { torchBenchCheckSchema } from './torch-bench-schema.js';

const check = (extra: Record<string, unknown> = {}) =>
  torchBenchCheckSchema.parse({ id: 'bench', kind: 'torch-bench', models: [{ builtin: 'mlp' }], ...extra });

// Eight rounds' medians with a few percent of spread, as a quiet machine gives.
const spread = [1.0, 1.02, 0.98, 1.01, 0.99, 1.03, 0.97, 1.0];

function rounds(scale: { cpu?: number; wall?: number; rss?: number } = {}): RoundSummary[] {
  return spread.map((factor, index) => ({
    p50LatencyMs: 2 * factor * (scale.wall ?? 1),
    p95LatencyMs: 2.5 * factor * (scale.wall ?? 1),
    p50CpuTimeMs: 1.9 * factor * (scale.cpu ?? 1),
    p95CpuTimeMs: 2.2 * factor * (scale.cpu ?? 1),
    throughputSamplesPerSec: 32_000 / (factor * (scale.wall ?? 1)),
    peakRssBytes: (300e6 + index * 1e5) * (scale.rss ?? 1),
    cudaMaxAllocatedBytes: null,
    cudaMaxReservedBytes: null,
    cudaDeviceUsedBytes: null,
  }));
}

const caseOf = (candidate: RoundSummary[], noise: RoundSummary[] | null = rounds()): CaseRounds => ({
  label: 'mlp b8',
  baseline: rounds(),
  candidate,
  noise,
});

const byName = (metrics: ReturnType<typeof caseMetrics>, name: string) =>
  metrics.find((metric) => metric.name === `mlp b8 ${name}`);

describe('caseMetrics', () => {
  it('gates on CPU time on the cpu device by default and reports wall latency and throughput beside it', () => {
    const metrics = caseMetrics(caseOf(rounds({ cpu: 1.2 })), check());
    expect(metrics.map((metric) => metric.name)).toEqual([
      'mlp b8 p50 latency',
      'mlp b8 p95 latency',
      'mlp b8 p50 CPU time',
      'mlp b8 p95 CPU time',
      'mlp b8 throughput',
      'mlp b8 peak RSS',
    ]);
    const cpu = byName(metrics, 'p50 CPU time');
    expect(cpu).toMatchObject({ limit: 1.1, regressed: true, significant: true, better: 'lower' });
    expect(cpu?.ratio).toBeCloseTo(1.2, 2);
    expect(byName(metrics, 'p95 CPU time')).toMatchObject({ limit: 1.15, regressed: true });
    for (const name of ['p50 latency', 'p95 latency', 'throughput'])
      expect(byName(metrics, name)).toMatchObject({ limit: null, regressed: false });
  });

  it('never lets a wall-clock slowdown regress when CPU time is the gated clock, but shows it', () => {
    const metrics = caseMetrics(caseOf(rounds({ wall: 1.5 })), check());
    const wall = byName(metrics, 'p50 latency');
    expect(wall?.ratio).toBeCloseTo(1.5, 2);
    expect(wall?.significant).toBe(true);
    expect(wall?.regressed).toBe(false);
    expect(metrics.some((metric) => metric.regressed)).toBe(false);
  });

  it('gates on wall time, p95 and throughput with latencyClock: wall', () => {
    const metrics = caseMetrics(caseOf(rounds({ wall: 1.2 })), check({ latencyClock: 'wall' }));
    expect(byName(metrics, 'p50 latency')).toMatchObject({ limit: 1.1, regressed: true });
    expect(byName(metrics, 'p95 latency')).toMatchObject({ limit: 1.15, regressed: true });
    // 1/1.2 = 0.83 of the throughput: below the 0.9 floor.
    expect(byName(metrics, 'throughput')).toMatchObject({ limit: 0.9, better: 'higher', regressed: true });
    expect(byName(metrics, 'p50 CPU time')).toMatchObject({ limit: null, regressed: false });
  });

  it('gates on wall time on cuda, whatever the clock setting, and leaves CPU time out there', () => {
    const onGpu = (round: RoundSummary, reserved: number) => ({
      ...round,
      p50CpuTimeMs: null,
      p95CpuTimeMs: null,
      cudaMaxAllocatedBytes: 1e6,
      cudaMaxReservedBytes: reserved,
      cudaDeviceUsedBytes: 5e8 + reserved,
    });
    const onCuda = rounds({ wall: 1.2 }).map((round) => onGpu(round, 4e6));
    const baseline = rounds().map((round) => onGpu(round, 2e6));
    const metrics = caseMetrics(
      { label: 'mlp b8', baseline, candidate: onCuda, noise: null },
      check({ device: 'cuda' }),
    );
    expect(byName(metrics, 'p50 latency')).toMatchObject({ limit: 1.1, regressed: true });
    expect(byName(metrics, 'p50 CPU time')).toBeUndefined();
    expect(byName(metrics, 'CUDA max allocated')).toMatchObject({ ratio: 1, limit: 1.1, regressed: false });
    // The allocator's cache and the device's use are reported, not gated: they follow allocation.
    expect(byName(metrics, 'CUDA max reserved')).toMatchObject({ ratio: 2, limit: null, regressed: false });
    expect(byName(metrics, 'CUDA device used')?.ratio).toBeCloseTo(504 / 502, 5);
  });

  it('does not flag a 5% slowdown under a 10% limit, however clear', () => {
    const cpu = byName(caseMetrics(caseOf(rounds({ cpu: 1.05 })), check()), 'p50 CPU time');
    expect(cpu?.significant).toBe(true);
    expect(cpu?.regressed).toBe(false);
  });

  it('flags peak memory beyond its own limit', () => {
    const rss = byName(caseMetrics(caseOf(rounds({ rss: 1.25 })), check()), 'peak RSS');
    expect(rss).toMatchObject({ limit: 1.1, regressed: true, unit: 'bytes' });
  });

  it('pools the noise-floor rounds with the baseline and prints their A/A spread as the noise floor', () => {
    const noise = rounds({ cpu: 1.04 });
    const cpu = byName(caseMetrics(caseOf(rounds(), noise), check()), 'p50 CPU time');
    // 16 baseline values (8 at ×1, 8 at ×1.04) against 8 candidate values at ×1: the candidate looks faster.
    expect(cpu?.ratio).toBeLessThan(1);
    // The median of the 16: between 1.9·1.0192 (1.04 × 0.98) and 1.9·1.02; without pooling it would be 1.9.
    expect(cpu?.baseline).toBeCloseTo(1.9 * 1.0196, 6);
    // The A/A interval of noise vs baseline reaches past +4%.
    expect(cpu?.noiseFloor).toBeGreaterThan(0.04);
    expect(cpu?.noiseFloor).toBeLessThan(0.1);
  });

  it('in aa mode takes the noise floor from the comparison itself and does not pool', () => {
    const metrics = caseMetrics(caseOf(rounds(), null), check({ mode: 'aa' }));
    const cpu = byName(metrics, 'p50 CPU time');
    expect(cpu?.ratio).toBe(1);
    expect(cpu?.noiseFloor).toBeGreaterThan(0);
    expect(cpu?.regressed).toBe(false);
  });

  it('leaves out a metric that some round could not measure', () => {
    const missing = rounds().map((round, index) => (index === 3 ? { ...round, p95CpuTimeMs: null } : round));
    const metrics = caseMetrics(caseOf(missing), check());
    expect(byName(metrics, 'p95 CPU time')).toBeUndefined();
    expect(byName(metrics, 'p50 CPU time')).toBeDefined();
  });
});

describe('driftMetrics', () => {
  const tolerance = { absolute: 1e-4, relative: 1e-3 };

  it('passes drift within both tolerances', () => {
    const metrics = driftMetrics(
      'mlp',
      { maxAbsoluteError: 5e-5, maxRelativeError: 2e-4, elements: 64 },
      tolerance,
    );
    expect(metrics).toHaveLength(2);
    expect(metrics[0]).toMatchObject({
      name: 'mlp output max abs error',
      candidate: 5e-5,
      limit: 1e-4,
      limitKind: 'absolute',
      regressed: false,
    });
    expect(metrics[1]).toMatchObject({ name: 'mlp output max rel error', limit: 1e-3, regressed: false });
  });

  it('flags only the error beyond its tolerance', () => {
    const metrics = driftMetrics(
      'mlp',
      { maxAbsoluteError: 5e-5, maxRelativeError: 2e-3, elements: 64 },
      tolerance,
    );
    expect(metrics.map((metric) => metric.regressed)).toEqual([false, true]);
  });

  it('flags both when the outputs disagree outright', () => {
    const metrics = driftMetrics(
      'mlp',
      { maxAbsoluteError: null, maxRelativeError: null, elements: 0, mismatch: 'output shapes differ' },
      tolerance,
    );
    expect(metrics.map((metric) => metric.regressed)).toEqual([true, true]);
    expect(metrics[0]?.candidate).toBeNull();
  });

  it('flags both when NaNs appear on one side even if the finite values agree', () => {
    const metrics = driftMetrics(
      'mlp',
      { maxAbsoluteError: 0, maxRelativeError: 0, elements: 64, mismatch: '1 output value(s) are NaN' },
      tolerance,
    );
    expect(metrics.every((metric) => metric.regressed)).toBe(true);
  });
});
