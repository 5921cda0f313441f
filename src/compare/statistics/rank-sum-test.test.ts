import { describe, expect, it } from 'vitest';
import { exactUDistribution, rankSumTest, smallestPValue } from './rank-sum-test.js';

// Reference values from scipy 1.17.1: scipy.stats.mannwhitneyu(y, x, alternative=…, method=…).
describe('rankSumTest', () => {
  it('gives the exact tail when every candidate value exceeds every baseline value', () => {
    const result = rankSumTest([1, 2, 3], [4, 5, 6]);
    expect(result.uStatistic).toBe(9);
    expect(result.method).toBe('exact');
    expect(result.pGreater).toBeCloseTo(0.05, 12);
    expect(result.pTwoSided).toBeCloseTo(0.1, 12);
  });

  it('matches scipy on two latency samples without ties', () => {
    const baseline = [12.1, 11.8, 12.4, 12.0, 11.9, 12.3];
    const candidate = [12.9, 13.1, 12.2, 13.4, 12.8, 13.0];
    const result = rankSumTest(baseline, candidate);
    expect(result.uStatistic).toBe(34);
    expect(result.pGreater).toBeCloseTo(0.004329004329004329, 12);
    expect(result.pLess).toBeCloseTo(0.9978354978354979, 12);
    expect(result.pTwoSided).toBeCloseTo(0.008658008658008658, 12);
  });

  it('uses the tie-corrected normal approximation when values tie, as scipy does', () => {
    const result = rankSumTest([1, 2, 2, 3, 3, 3, 4, 5], [3, 4, 4, 5, 5, 6, 6, 7]);
    expect(result.method).toBe('normal');
    expect(result.uStatistic).toBe(56.5);
    expect(result.pGreater).toBeCloseTo(0.005257622967929454, 9);
    expect(result.pTwoSided).toBeCloseTo(0.010515245935858907, 9);
  });

  it('finds nothing when the same value is measured on both sides', () => {
    const result = rankSumTest([5, 5, 5], [5, 5, 5]);
    expect(result.pTwoSided).toBe(1);
  });

  it('refuses empty samples', () => {
    expect(() => rankSumTest([], [1])).toThrow(RangeError);
  });
});

describe('exactUDistribution', () => {
  it('is the known distribution for two samples of two: 1,1,2,1,1 over 6 rankings', () => {
    expect(exactUDistribution(2, 2).map((p) => p * 6)).toEqual([1, 1, 2, 1, 1]);
  });

  it('sums to one and is symmetric', () => {
    const distribution = exactUDistribution(7, 5);
    expect(distribution).toHaveLength(36);
    expect(distribution.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 12);
    expect(distribution).toEqual([...distribution].reverse());
  });
});

describe('smallestPValue', () => {
  it('is one over the number of rankings, and what the exact test gives when the sides do not overlap', () => {
    expect(smallestPValue(3, 6)).toBeCloseTo(1 / 84, 12);
    expect(smallestPValue(4, 8)).toBeCloseTo(1 / 495, 12);
    expect(smallestPValue(5, 5)).toBeCloseTo(1 / 252, 12);
    const test = rankSumTest([1, 2, 3, 4, 5, 6], [7, 8, 9]);
    expect(test.method).toBe('exact');
    expect(test.pGreater).toBeCloseTo(smallestPValue(3, 6), 12);
  });
});
