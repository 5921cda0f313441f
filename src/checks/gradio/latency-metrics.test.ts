import { describe, expect, it } from 'vitest';
import type { LatencySummary } from './api-latency.js';
import { latencyMetrics } from './latency-metrics.js';

// Six turns' values a side; the pooled p50/p99 are what the report shows.
const side = (p50s: number[], p99s: number[]): LatencySummary => ({
  p50Ms: [...p50s].sort((a, b) => a - b)[3] ?? 0,
  p99Ms: Math.max(...p99s),
  samples: 30,
  turns: p50s.map((p50Ms, index) => ({ p50Ms, p99Ms: p99s[index] ?? 0 })),
});
const steady = (value: number) => [1, 1.02, 0.98, 1.01, 0.99, 1.03].map((factor) => value * factor);

describe('latencyMetrics', () => {
  it('regresses when every turn of the candidate is slower beyond the limit', () => {
    const [p50, p99] = latencyMetrics(
      'greet',
      { baseline: side(steady(4), steady(8)), candidate: side(steady(10), steady(30)) },
      1.5,
    );
    expect(p50).toMatchObject({ name: 'greet latency p50', significant: true, regressed: true, limit: 1.5 });
    expect(p50?.ratio).toBeCloseTo(2.5, 1);
    expect(p50?.pValue).toBeLessThan(0.01);
    expect(p99).toMatchObject({ name: 'greet latency p99', regressed: true });
    expect(p99?.ratio).toBeCloseTo(3.75, 1);
  });

  it('does not let one stalled turn regress the p99, however large its ratio of slowest calls', () => {
    // A busy machine stalls one of the candidate's turns: its pooled p99 is five times the baseline's.
    const stalled = steady(4);
    stalled[2] = 20;
    const [, p99] = latencyMetrics(
      'add',
      { baseline: side(steady(2), steady(4)), candidate: side(steady(2), stalled) },
      5,
    );
    expect(p99?.candidate).toBe(20);
    expect(p99?.baseline).toBeCloseTo(4.12, 2);
    expect(p99?.regressed).toBe(false);
  });

  it('does not regress when the candidate is clearly faster', () => {
    const [p50] = latencyMetrics(
      'add',
      { baseline: side(steady(10), steady(20)), candidate: side(steady(5), steady(10)) },
      1.5,
    );
    expect(p50).toMatchObject({ significant: true, regressed: false });
    expect(p50?.ratio).toBeCloseTo(0.5, 1);
  });
});
