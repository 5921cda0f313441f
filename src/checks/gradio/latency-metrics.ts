import { judgeMetric } from '../../compare/statistics/judge-metric.js';
import type { Side } from '../../provision/environment.js';
import type { Metric } from '../../report/report-schema.js';
import type { LatencySummary } from './api-latency.js';

/**
 * Significance level of the one-sided test over the turns' values. Six turns a side can give p as
 * low as 1/924, so a real slowdown is seen; one slow turn of a busy machine cannot reach it.
 */
const ALPHA = 0.01;

/**
 * p50 and p99 latency metrics of one endpoint. The values shown are those of all calls; the gate
 * judges the turns (one value per turn and side, the sides taking turns): the Hodges-Lehmann ratio
 * past the limit AND a one-sided Mann-Whitney p below alpha, as for torch benchmarks. A p99 of a
 * few dozen calls is nearly their slowest one, so a single stalled call must not decide it.
 */
export function latencyMetrics(
  api: string,
  measured: Record<Side, LatencySummary>,
  limitRatio: number,
): Metric[] {
  const { baseline, candidate } = measured;
  const metric = (percentile: 'p50' | 'p99'): Metric => {
    const pick = (summary: LatencySummary) => summary.turns.map((turn) => turn[`${percentile}Ms`]);
    const judgement = judgeMetric({
      baseline: pick(baseline),
      candidate: pick(candidate),
      better: 'lower',
      limitRatio,
      alpha: ALPHA,
    });
    return {
      name: `${api} latency ${percentile}`,
      unit: 'ms',
      baseline: round(baseline[`${percentile}Ms`]),
      candidate: round(candidate[`${percentile}Ms`]),
      ratio: round(judgement.ratio),
      significant: judgement.significant,
      limit: limitRatio,
      limitKind: 'ratio',
      regressed: judgement.regressed,
      better: 'lower',
      confidenceInterval: [round(judgement.confidenceInterval[0]), round(judgement.confidenceInterval[1])],
      pValue: judgement.pValue,
    };
  };
  return [metric('p50'), metric('p99')];
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
