import { describe, expect, it } from 'vitest';
import { ratioEstimate } from './ratio-estimate.js';
import { seededRandom } from './seeded-random.js';

describe('ratioEstimate', () => {
  it('finds an exact ratio when the candidate is the baseline scaled', () => {
    const baseline = [10, 11, 12, 13, 14, 15, 16, 17];
    const estimate = ratioEstimate(
      baseline,
      baseline.map((value) => value * 1.2),
    );
    expect(estimate.ratio).toBeCloseTo(1.2, 2);
    expect(estimate.confidenceInterval[0]).toBeLessThan(1.2);
    expect(estimate.confidenceInterval[1]).toBeGreaterThan(1.2);
  });

  it('reaches the asked coverage once the samples are large enough, and says when not', () => {
    expect(ratioEstimate([1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6]).achievedConfidence).toBeGreaterThanOrEqual(
      0.95,
    );
    expect(ratioEstimate([1, 2], [1, 2]).achievedConfidence).toBeLessThan(0.95);
  });

  it('covers the true ratio in about 95% of synthetic repetitions (log-normal noise, 8 rounds a side)', () => {
    const random = seededRandom(42);
    const trueRatio = 1.15;
    const repetitions = 2000;
    let covered = 0;
    for (let repetition = 0; repetition < repetitions; repetition++) {
      const noise = () => Math.exp(0.05 * random.normal());
      const baseline = Array.from({ length: 8 }, () => 10 * noise());
      const candidate = Array.from({ length: 8 }, () => 10 * trueRatio * noise());
      const [low, high] = ratioEstimate(baseline, candidate).confidenceInterval;
      if (low <= trueRatio && trueRatio <= high) covered++;
    }
    // The Moses interval for 8+8 has an exact coverage of 95.0%; 2000 repetitions add ±1% of sampling error.
    expect(covered / repetitions).toBeGreaterThan(0.93);
    expect(covered / repetitions).toBeLessThan(0.975);
  });

  it('refuses values that are not positive', () => {
    expect(() => ratioEstimate([0, 1], [1, 2])).toThrow(RangeError);
  });
});
