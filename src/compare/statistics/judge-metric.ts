import { median } from 'simple-statistics';
import { rankSumTest } from './rank-sum-test.js';
import { ratioEstimate } from './ratio-estimate.js';

export interface MetricSamples {
  /** One value per round (fresh process) on each side, e.g. each round's median latency. */
  baseline: readonly number[];
  candidate: readonly number[];
  better: 'lower' | 'higher';
  /**
   * The worst tolerated ratio candidate/baseline: above it (lower is better) or below it (higher is
   * better) the metric regresses, if the change is also significant. Example: 1.10 for +10% latency.
   */
  limitRatio: number;
  /** Significance level of the one-sided test that the candidate is worse. Default 0.01. */
  alpha?: number;
  /** Coverage of the ratio's interval. Default 0.95. */
  confidence?: number;
}

export interface MetricJudgement {
  baseline: number;
  candidate: number;
  /** Hodges-Lehmann estimate of candidate / baseline. */
  ratio: number;
  confidenceInterval: [number, number];
  /** One-sided Mann-Whitney p-value for "the candidate is worse" (slower, bigger, fewer samples/s). */
  pValue: number;
  /** Whether the two sides differ at level alpha (two-sided), in either direction. */
  significant: boolean;
  /** The estimated ratio is beyond the limit in the worse direction AND the worsening is significant. */
  regressed: boolean;
}

/**
 * The gate's rule for one metric. A point estimate past the limit alone is not enough (machine
 * noise moves it); a significant change alone is not enough (a real 2% slowdown is not worth a
 * no-go); both together are.
 */
export function judgeMetric(samples: MetricSamples): MetricJudgement {
  const alpha = samples.alpha ?? 0.01;
  const test = rankSumTest(samples.baseline, samples.candidate);
  const estimate = ratioEstimate(samples.baseline, samples.candidate, samples.confidence ?? 0.95);

  const pValue = samples.better === 'lower' ? test.pGreater : test.pLess;
  const beyondLimit =
    samples.better === 'lower' ? estimate.ratio > samples.limitRatio : estimate.ratio < samples.limitRatio;
  return {
    baseline: median([...samples.baseline]),
    candidate: median([...samples.candidate]),
    ratio: estimate.ratio,
    confidenceInterval: estimate.confidenceInterval,
    pValue,
    significant: test.pTwoSided < alpha,
    regressed: beyondLimit && pValue < alpha,
  };
}

/**
 * How far apart one environment measured against itself can land on this machine: the larger
 * distance of an A/A interval's ends from 1, as a fraction (0.04 = ±4%).
 */
export function noiseFloorOf(aa: { confidenceInterval: [number, number] }): number {
  const [low, high] = aa.confidenceInterval;
  return Math.max(Math.abs(1 - low), Math.abs(high - 1));
}
