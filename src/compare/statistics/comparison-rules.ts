import { mean, median } from 'simple-statistics';
import { rankSumTest } from './rank-sum-test.js';

/**
 * Rules other tools use, kept only to be measured against ours in `npm run bench`.
 * Each takes the raw samples of both sides and says whether it would flag a slowdown.
 */

/** The rule of a dashboard that compares means: flag when the mean grew beyond the factor. */
export function naiveMeanRatioFlags(
  baseline: readonly number[],
  candidate: readonly number[],
  factor = 1.1,
): boolean {
  return mean([...candidate]) / mean([...baseline]) > factor;
}

/**
 * asv's `compare` default: a change beyond factor 1.1 that a Mann-Whitney test also finds, at
 * p < 0.002, over the timing samples it has (see asv's `asv/statistics.py`).
 */
export function asvDefaultFlags(
  baseline: readonly number[],
  candidate: readonly number[],
  factor = 1.1,
  alpha = 0.002,
): boolean {
  const ratio = median([...candidate]) / median([...baseline]);
  return ratio > factor && rankSumTest(baseline, candidate).pTwoSided < alpha;
}
