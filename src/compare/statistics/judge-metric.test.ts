import { describe, expect, it } from 'vitest';
import { judgeMetric, noiseFloorOf } from './judge-metric.js';

const baseline = [12.1, 11.8, 12.4, 12.0, 11.9, 12.3, 12.2, 12.05];

describe('judgeMetric', () => {
  it('flags a clear 20% slowdown of the median latency', () => {
    const judgement = judgeMetric({
      baseline,
      candidate: baseline.map((value) => value * 1.2),
      better: 'lower',
      limitRatio: 1.1,
    });
    expect(judgement.ratio).toBeCloseTo(1.2, 1);
    expect(judgement.pValue).toBeLessThan(0.01);
    expect(judgement.significant).toBe(true);
    expect(judgement.regressed).toBe(true);
  });

  it('calls a significant 4% slowdown significant but within the 10% limit', () => {
    const judgement = judgeMetric({
      baseline,
      candidate: baseline.map((value) => value * 1.04),
      better: 'lower',
      limitRatio: 1.1,
    });
    expect(judgement.significant).toBe(true);
    expect(judgement.regressed).toBe(false);
  });

  it('does not flag a ratio past the limit that noise explains (one wild round)', () => {
    const judgement = judgeMetric({
      baseline: [10, 10.2, 9.9, 10.1],
      candidate: [10.1, 9.8, 30, 10.05],
      better: 'lower',
      limitRatio: 1.1,
    });
    expect(judgement.regressed).toBe(false);
  });

  it('judges throughput in the other direction: fewer samples per second is worse', () => {
    const judgement = judgeMetric({
      baseline: [1000, 1010, 990, 1005, 995, 1002],
      candidate: [800, 810, 790, 805, 795, 802],
      better: 'higher',
      limitRatio: 0.9,
    });
    expect(judgement.ratio).toBeCloseTo(0.8, 2);
    expect(judgement.regressed).toBe(true);
    const faster = judgeMetric({
      baseline: [800, 810, 790, 805, 795, 802],
      candidate: [1000, 1010, 990, 1005, 995, 1002],
      better: 'higher',
      limitRatio: 0.9,
    });
    expect(faster.regressed).toBe(false);
    expect(faster.significant).toBe(true);
  });

  it('reports medians of the rounds as the two sides', () => {
    const judgement = judgeMetric({
      baseline: [1, 2, 3],
      candidate: [4, 5, 6],
      better: 'lower',
      limitRatio: 1.1,
    });
    expect([judgement.baseline, judgement.candidate]).toEqual([2, 5]);
  });
});

describe('noiseFloorOf', () => {
  it('is the farther end of the A/A interval from 1', () => {
    expect(noiseFloorOf({ confidenceInterval: [0.97, 1.05] })).toBeCloseTo(0.05, 12);
  });
});
