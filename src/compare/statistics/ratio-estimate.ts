import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { median } from 'simple-statistics';
import { exactUDistribution } from './rank-sum-test.js';

export interface RatioEstimate {
  /** Hodges-Lehmann estimate of y/x: the median of every pairwise ratio y_j / x_i. */
  ratio: number;
  /** Distribution-free interval for that ratio, from the rank-sum distribution. */
  confidenceInterval: [number, number];
  /** The coverage the interval really has; below the asked one when the samples are too small. */
  achievedConfidence: number;
}

/**
 * Ratio of two positive samples with a confidence interval that needs no normality: the
 * Hodges-Lehmann shift of the logarithms and its Moses interval (the k-th smallest and largest
 * pairwise differences, k from the Mann-Whitney distribution). Working on logarithms makes a
 * slowdown of 1.2× and a speed-up of 1/1.2× equally far from 1.
 */
export function ratioEstimate(x: readonly number[], y: readonly number[], confidence = 0.95): RatioEstimate {
  if (x.length === 0 || y.length === 0) throw new RangeError('a ratio needs at least one value on each side');
  if ([...x, ...y].some((value) => !(value > 0)))
    throw new RangeError('ratios need positive values on both sides');

  const differences: number[] = [];
  for (const xValue of x) for (const yValue of y) differences.push(Math.log(yValue) - Math.log(xValue));
  differences.sort((a, b) => a - b);

  const { k, achievedConfidence } = intervalRank(x.length, y.length, confidence);
  const low = differences[k - 1] ?? Number.NaN;
  const high = differences[differences.length - k] ?? Number.NaN;
  return {
    ratio: Math.exp(median(differences)),
    confidenceInterval: [Math.exp(low), Math.exp(high)],
    achievedConfidence,
  };
}

/**
 * The rank k of the interval's ends: the largest k with P(U < k) ≤ (1 - confidence) / 2.
 * Exact for small samples; beyond them the normal approximation of U is close enough.
 */
function intervalRank(n: number, m: number, confidence: number): { k: number; achievedConfidence: number } {
  const tail = (1 - confidence) / 2;
  if (n * m <= 2500) {
    const distribution = exactUDistribution(n, m);
    let below = 0;
    let k = 0;
    // P(U < k+1) = P(U ≤ k); grow k while the next tail still fits.
    while (k < distribution.length && below + (distribution[k] ?? 0) <= tail) {
      below += distribution[k] ?? 0;
      k++;
    }
    if (k === 0) return { k: 1, achievedConfidence: 1 - 2 * (distribution[0] ?? 0) };
    return { k, achievedConfidence: 1 - 2 * below };
  }
  const sd = Math.sqrt((n * m * (n + m + 1)) / 12);
  const k = Math.max(1, Math.floor((n * m) / 2 - normalQuantile(1 - tail, 0, 1) * sd));
  return { k, achievedConfidence: confidence };
}
