import type { Side } from '../../provision/environment.js';
import type { Metric } from '../../report/report-schema.js';
import type { LatencySummary } from './api-latency.js';

/**
 * A shift counts as beyond noise only when the medians differ by more than twice the two sides'
 * spreads added (median absolute deviations) and by at least half a millisecond, which a loopback
 * HTTP call moves by on a busy machine anyway.
 */
const NOISE_SPREADS = 2;
const NOISE_FLOOR_MS = 0.5;

/** p50 and p99 latency metrics of one endpoint, each judged by its ratio against the limit. */
export function latencyMetrics(
  api: string,
  measured: Record<Side, LatencySummary>,
  limitRatio: number,
): Metric[] {
  const { baseline, candidate } = measured;
  const noiseMs = Math.max(NOISE_FLOOR_MS, NOISE_SPREADS * (baseline.madMs + candidate.madMs));
  const metric = (percentile: 'p50' | 'p99', base: number, cand: number): Metric => {
    const ratio = base > 0 ? cand / base : null;
    const significant = Math.abs(cand - base) > noiseMs;
    return {
      name: `${api} latency ${percentile}`,
      unit: 'ms',
      baseline: round(base),
      candidate: round(cand),
      ratio: ratio === null ? null : round(ratio),
      significant,
      limit: limitRatio,
      limitKind: 'ratio',
      regressed: significant && ratio !== null && ratio > limitRatio,
      better: 'lower',
      // As a share of the baseline, like every metric's noise floor (0.05 = ±5%).
      ...(base > 0 ? { noiseFloor: round(noiseMs / base) } : {}),
    };
  };
  return [metric('p50', baseline.p50Ms, candidate.p50Ms), metric('p99', baseline.p99Ms, candidate.p99Ms)];
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
