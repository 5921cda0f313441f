import { describe, expect, it } from 'vitest';
import { latencyMetrics } from './latency-metrics.js';

const side = (p50Ms: number, p99Ms: number, madMs: number) => ({ p50Ms, p99Ms, madMs, samples: 30 });

describe('latencyMetrics', () => {
  it('regresses when the candidate is slower beyond both the limit and the noise', () => {
    const [p50, p99] = latencyMetrics(
      'greet',
      { baseline: side(4, 8, 0.2), candidate: side(10, 30, 0.3) },
      1.5,
    );
    expect(p50).toMatchObject({ name: 'greet latency p50', ratio: 2.5, significant: true, regressed: true });
    expect(p99).toMatchObject({ name: 'greet latency p99', ratio: 3.75, regressed: true, limit: 1.5 });
  });

  it('does not regress on a large ratio that is inside the noise', () => {
    const [p50] = latencyMetrics('add', { baseline: side(0.2, 1, 0.1), candidate: side(0.6, 1, 0.1) }, 1.5);
    // 0.5 ms of noise on a 0.2 ms baseline: ±250%.
    expect(p50).toMatchObject({ ratio: 3, significant: false, regressed: false, noiseFloor: 2.5 });
  });

  it('does not regress when the candidate is clearly faster', () => {
    const [p50] = latencyMetrics('add', { baseline: side(10, 20, 0.5), candidate: side(5, 10, 0.5) }, 1.5);
    expect(p50).toMatchObject({ ratio: 0.5, significant: true, regressed: false });
  });
});
