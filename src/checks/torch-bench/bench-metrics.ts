import { judgeMetric, noiseFloorOf } from '../../compare/statistics/judge-metric.js';
import type { Metric } from '../../report/report-schema.js';
import type { OutputDrift } from './output-drift.js';
import type { RoundSummary } from './run-round.js';
import type { TorchBenchCheck } from './torch-bench-schema.js';

interface MetricDefinition {
  name: string;
  unit: string;
  better: 'lower' | 'higher';
  pick: (round: RoundSummary) => number | null;
  limitPercent: (limits: TorchBenchCheck['limits']) => number;
}

const DEFINITIONS: MetricDefinition[] = [
  {
    name: 'p50 latency',
    unit: 'ms',
    better: 'lower',
    pick: (r) => r.p50LatencyMs,
    limitPercent: (l) => l.p50LatencyPercent,
  },
  {
    name: 'p95 latency',
    unit: 'ms',
    better: 'lower',
    pick: (r) => r.p95LatencyMs,
    limitPercent: (l) => l.p95LatencyPercent,
  },
  {
    name: 'throughput',
    unit: 'samples/s',
    better: 'higher',
    pick: (r) => r.throughputSamplesPerSec,
    limitPercent: (l) => l.throughputPercent,
  },
  {
    name: 'peak RSS',
    unit: 'bytes',
    better: 'lower',
    pick: (r) => r.peakRssBytes,
    limitPercent: (l) => l.peakRssPercent,
  },
  {
    name: 'CUDA max allocated',
    unit: 'bytes',
    better: 'lower',
    pick: (r) => r.cudaMaxAllocatedBytes,
    limitPercent: (l) => l.peakRssPercent,
  },
];

export interface CaseRounds {
  /** "mlp b64": model and batch size, prefixed to each metric name. */
  label: string;
  baseline: RoundSummary[];
  candidate: RoundSummary[];
  /** Extra baseline rounds interleaved with the others (noiseFloor: true), compared with `baseline`. */
  noise: RoundSummary[] | null;
}

/**
 * Per-round values of each metric, judged with the gate's rule. The noise floor comes from the
 * A/A comparison of the extra baseline rounds; in `aa` mode the comparison itself is A/A.
 */
export function caseMetrics(rounds: CaseRounds, check: TorchBenchCheck): Metric[] {
  const metrics: Metric[] = [];
  for (const definition of DEFINITIONS) {
    const baseline = values(rounds.baseline, definition);
    const candidate = values(rounds.candidate, definition);
    if (!baseline || !candidate) continue;

    const percent = definition.limitPercent(check.limits);
    const limitRatio = definition.better === 'lower' ? 1 + percent / 100 : 1 - percent / 100;
    const judgement = judgeMetric({
      baseline,
      candidate,
      better: definition.better,
      limitRatio,
      alpha: check.alpha,
    });
    const noise = rounds.noise ? values(rounds.noise, definition) : null;
    const noiseFloor =
      check.mode === 'aa'
        ? noiseFloorOf(judgement)
        : noise
          ? noiseFloorOf(
              judgeMetric({
                baseline,
                candidate: noise,
                better: definition.better,
                limitRatio,
                alpha: check.alpha,
              }),
            )
          : undefined;
    metrics.push({
      name: `${rounds.label} ${definition.name}`,
      unit: definition.unit,
      baseline: judgement.baseline,
      candidate: judgement.candidate,
      ratio: judgement.ratio,
      significant: judgement.significant,
      limit: limitRatio,
      limitKind: 'ratio',
      regressed: judgement.regressed,
      better: definition.better,
      confidenceInterval: judgement.confidenceInterval,
      pValue: judgement.pValue,
      ...(noiseFloor === undefined ? {} : { noiseFloor }),
    });
  }
  return metrics;
}

function values(rounds: RoundSummary[], definition: MetricDefinition): number[] | null {
  const picked = rounds.map(definition.pick);
  if (picked.length === 0 || picked.some((value) => value === null || !(value > 0))) return null;
  return picked as number[];
}

/** Output drift of one model as two metrics judged against the scenario's absolute tolerances. */
export function driftMetrics(
  model: string,
  drift: OutputDrift,
  tolerance: TorchBenchCheck['tolerance'],
): Metric[] {
  const metric = (name: string, value: number | null, limit: number): Metric => {
    const beyond = value === null || value > limit || drift.mismatch !== undefined;
    return {
      name: `${model} ${name}`,
      unit: 'abs',
      baseline: 0,
      candidate: value,
      ratio: null,
      significant: beyond,
      limit,
      limitKind: 'absolute',
      regressed: beyond,
      better: 'lower',
    };
  };
  return [
    metric('output max abs error', drift.maxAbsoluteError, tolerance.absolute),
    metric('output max rel error', drift.maxRelativeError, tolerance.relative),
  ];
}
