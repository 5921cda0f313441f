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
  /** The limit in percent when the metric is gated; null when it is only reported beside the gated ones. */
  limitPercent: (check: TorchBenchCheck) => number | null;
}

/** Whether the latency metrics on the CPU clock are the gated ones (see `latencyClock`). */
function gatesCpuTime(check: TorchBenchCheck): boolean {
  return check.device === 'cpu' && check.latencyClock === 'cpu';
}

const DEFINITIONS: MetricDefinition[] = [
  {
    name: 'p50 latency',
    unit: 'ms',
    better: 'lower',
    pick: (r) => r.p50LatencyMs,
    limitPercent: (c) => (gatesCpuTime(c) ? null : c.limits.p50LatencyPercent),
  },
  {
    name: 'p95 latency',
    unit: 'ms',
    better: 'lower',
    pick: (r) => r.p95LatencyMs,
    limitPercent: (c) => (gatesCpuTime(c) ? null : c.limits.p95LatencyPercent),
  },
  {
    name: 'p50 CPU time',
    unit: 'ms',
    better: 'lower',
    pick: (r) => r.p50CpuTimeMs,
    limitPercent: (c) => (gatesCpuTime(c) ? c.limits.p50LatencyPercent : null),
  },
  {
    name: 'p95 CPU time',
    unit: 'ms',
    better: 'lower',
    pick: (r) => r.p95CpuTimeMs,
    limitPercent: (c) => (gatesCpuTime(c) ? c.limits.p95LatencyPercent : null),
  },
  {
    // Samples per second of elapsed time: a wall-clock number, gated with the wall clock only.
    name: 'throughput',
    unit: 'samples/s',
    better: 'higher',
    pick: (r) => r.throughputSamplesPerSec,
    limitPercent: (c) => (gatesCpuTime(c) ? null : c.limits.throughputPercent),
  },
  {
    name: 'peak RSS',
    unit: 'bytes',
    better: 'lower',
    pick: (r) => r.peakRssBytes,
    limitPercent: (c) => c.limits.peakRssPercent,
  },
  {
    name: 'CUDA max allocated',
    unit: 'bytes',
    better: 'lower',
    pick: (r) => r.cudaMaxAllocatedBytes,
    limitPercent: (c) => c.limits.peakRssPercent,
  },
  {
    // The allocator's cache and the whole device's use follow allocation; reported beside it.
    name: 'CUDA max reserved',
    unit: 'bytes',
    better: 'lower',
    pick: (r) => r.cudaMaxReservedBytes,
    limitPercent: () => null,
  },
  {
    name: 'CUDA device used',
    unit: 'bytes',
    better: 'lower',
    pick: (r) => r.cudaDeviceUsedBytes,
    limitPercent: () => null,
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
 *
 * The extra baseline rounds also join the baseline's side of the A/B comparison: they ran the same
 * environment, interleaved with the others, so they are as much the baseline as its own rounds,
 * and more rounds on one side give the test more power for the same false-alarm rate.
 */
export function caseMetrics(rounds: CaseRounds, check: TorchBenchCheck): Metric[] {
  const metrics: Metric[] = [];
  for (const definition of DEFINITIONS) {
    const baseline = values(rounds.baseline, definition);
    const candidate = values(rounds.candidate, definition);
    if (!baseline || !candidate) continue;
    const noise = rounds.noise && rounds.noise.length > 0 ? values(rounds.noise, definition) : null;

    const percent = definition.limitPercent(check);
    const gated = percent !== null;
    // Ungated metrics are still tested against the p50 limit, to say whether they moved.
    const shownPercent = percent ?? check.limits.p50LatencyPercent;
    const limitRatio = definition.better === 'lower' ? 1 + shownPercent / 100 : 1 - shownPercent / 100;
    const judge = (candidateValues: number[], baselineValues: number[]) =>
      judgeMetric({
        baseline: baselineValues,
        candidate: candidateValues,
        better: definition.better,
        limitRatio,
        alpha: check.alpha,
      });
    const judgement = judge(candidate, noise && check.mode === 'ab' ? [...baseline, ...noise] : baseline);
    const noiseFloor =
      check.mode === 'aa'
        ? noiseFloorOf(judgement)
        : noise
          ? noiseFloorOf(judge(noise, baseline))
          : undefined;
    metrics.push({
      name: `${rounds.label} ${definition.name}`,
      unit: definition.unit,
      baseline: judgement.baseline,
      candidate: judgement.candidate,
      ratio: judgement.ratio,
      significant: judgement.significant,
      limit: gated ? limitRatio : null,
      limitKind: 'ratio',
      regressed: gated && judgement.regressed,
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
  const metric = (name: string, unit: string, value: number | null, limit: number): Metric => {
    const beyond = value === null || value > limit || drift.mismatch !== undefined;
    return {
      name: `${model} ${name}`,
      unit,
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
    metric('output max abs error', 'abs', drift.maxAbsoluteError, tolerance.absolute),
    metric('output max rel error', 'rel', drift.maxRelativeError, tolerance.relative),
  ];
}
