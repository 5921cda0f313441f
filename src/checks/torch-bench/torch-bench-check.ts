import path from 'node:path';
import { throwIfAborted } from '../../errors.js';
import type { PythonEnvironment } from '../../provision/environment.js';
import type { Metric, SideResult } from '../../report/report-schema.js';
import { type CheckContext, type CheckFindings, type CheckKind, skippedSide } from '../check-kind.js';
import { caseMetrics, driftMetrics } from './bench-metrics.js';
import type { Role } from './bench-plan.js';
import { runnerSpec } from './bench-plan.js';
import { compareOutputs, readOutputs } from './output-drift.js';
import { PrepareError, prepareWeights } from './prepare-weights.js';
import { type RoleRecord, runAllRounds } from './run-all-rounds.js';
import type { BenchCase } from './run-round.js';
import { sideFacts } from './side-facts.js';
import { torchBenchRules } from './torch-bench-rules.js';
import { modelName, type TorchBenchCheck, torchBenchCheckSchema } from './torch-bench-schema.js';

/** Torch inference benchmarks of both environments, gated by per-round statistics; see README. */
export const torchBenchCheckKind: CheckKind<TorchBenchCheck> = {
  kind: 'torch-bench',
  schema: torchBenchCheckSchema,
  rules: torchBenchRules,
  async run(context) {
    const { check } = context;
    const baselineEnvironment = context.environments.baseline;
    const candidateEnvironment = check.mode === 'aa' ? baselineEnvironment : context.environments.candidate;
    const targets: Partial<Record<Role, PythonEnvironment>> = {};
    if (baselineEnvironment) targets.baseline = baselineEnvironment;
    if (candidateEnvironment) targets.candidate = candidateEnvironment;
    if (check.mode === 'ab' && check.noiseFloor && baselineEnvironment && context.environments.candidate)
      targets.noise = baselineEnvironment;

    const hostDir = path.join(context.artifactsDir, check.id);
    const prepared = await prepareModels(context, targets, hostDir);
    if ('unprepared' in prepared) return prepared.unprepared;
    const { cases, unbuilt } = prepared;

    const records = await runAllRounds({
      check,
      cases,
      targets,
      hostDir,
      logDir: context.artifactsDir,
      signal: context.signal,
    });
    // A model one side cannot build runs on the other side alone; it is an item of its own, so a
    // regression of the other models still counts.
    const failuresOf = (environment: PythonEnvironment | undefined): PrepareError[] =>
      [...unbuilt.values()].flatMap((failures) => {
        const failure = environment && failures.get(environment);
        return failure ? [failure] : [];
      });
    const side = (role: 'baseline' | 'candidate', environment: PythonEnvironment | undefined): SideResult => {
      const record = records[role];
      if (!record) return sideSkipped(context, role);
      const result = sideResult(record, context);
      const missing = failuresOf(environment);
      if (missing.length === 0) return result;
      return {
        ...result,
        // With no model built, nothing of this side ran.
        status: missing.length === check.models.length ? 'failed' : result.status,
        message: `${missing.map((failure) => failure.message).join('; ')}; ${result.message ?? ''}`,
      };
    };
    const baseline = side('baseline', baselineEnvironment);
    const candidate = side('candidate', candidateEnvironment);
    if (check.mode === 'aa')
      candidate.message = `A/A: the baseline environment again; ${candidate.message ?? ''}`;
    const items = {
      regressed: failuresOf(candidateEnvironment).length,
      improved: failuresOf(baselineEnvironment).length,
      failedBoth: 0,
    };
    const oneSided = unbuilt.size > 0 ? { items } : {};
    const builtOnOneSide = [...unbuilt].map(
      ([model, failures]) =>
        `${model} (${baselineEnvironment && failures.has(baselineEnvironment) ? 'the baseline' : 'the candidate'} cannot build it)`,
    );
    const note = unbuilt.size > 0 ? `built on one side only: ${builtOnOneSide.join(', ')}; ` : '';

    if (records.baseline?.state !== 'ok' || records.candidate?.state !== 'ok')
      return { baseline, candidate, ...oneSided };
    const metrics = await compareSides(check, cases, records);
    return {
      baseline,
      candidate,
      metrics,
      ...oneSided,
      message: `${note}${summaryMessage(metrics)}`,
      details: { mode: check.mode, rounds: check.rounds, cases: cases.map((benchCase) => benchCase.label) },
    };
  },
};

/**
 * Writes every model's weights once and copies them into the other environments. A model is built
 * in the baseline, or in the candidate where the baseline cannot build it: that model then runs on
 * the candidate alone (and the other way round). When no environment can build a model the check
 * ends here: an error when the runner refused the model's description (a factory or inputs function
 * that is not there), a failure of both sides when building it failed in each.
 */
async function prepareModels(
  context: CheckContext<TorchBenchCheck>,
  targets: Partial<Record<Role, PythonEnvironment>>,
  hostDir: string,
): Promise<
  | { cases: BenchCase[]; unbuilt: Map<string, Map<PythonEnvironment, PrepareError>> }
  | { unprepared: CheckFindings }
> {
  const { check } = context;
  const environments = [...new Set([targets.baseline, targets.candidate, targets.noise])].filter(
    (environment): environment is PythonEnvironment => environment !== undefined,
  );
  if (environments.length === 0)
    return {
      unprepared: {
        baseline: sideSkipped(context, 'baseline'),
        candidate: sideSkipped(context, 'candidate'),
      },
    };
  const unbuilt = new Map<string, Map<PythonEnvironment, PrepareError>>();
  const cases: BenchCase[] = [];
  for (const model of check.models) {
    const name = modelName(model);
    const failures = new Map<PythonEnvironment, PrepareError>();
    let relativeDir: string | undefined;
    for (const source of environments) {
      try {
        // Copied only to the environments that come after: one that failed does not run the model.
        const others = environments.filter((other) => other !== source && !failures.has(other));
        ({ relativeDir } = await prepareWeights({
          check,
          modelName: name,
          spec: runnerSpec(model, source.paths.workdir),
          source,
          others,
          hostDir: path.join(hostDir, 'weights'),
          logFile: path.join(context.artifactsDir, `${check.id}-prepare.log`),
          signal: context.signal,
        }));
        break;
      } catch (error) {
        if (!(error instanceof PrepareError)) throw error;
        throwIfAborted(context.signal);
        failures.set(source, error);
      }
    }
    if (relativeDir === undefined) {
      const errors = [...failures.values()];
      const message = errors.map((error) => error.message).join('; ');
      const status = errors.every((error) => error.refusedSpec) ? 'error' : 'failed';
      const side: SideResult = { status, durationSeconds: 0, message };
      return { unprepared: { baseline: side, candidate: side, message } };
    }
    if (failures.size > 0) unbuilt.set(name, failures);
    for (const batchSize of check.batchSizes)
      cases.push({
        label: `${name} b${batchSize}`,
        model,
        batchSize,
        weightsRelativeDir: relativeDir,
        runsIn: new Set(environments.filter((environment) => !failures.has(environment))),
      });
  }
  return { cases, unbuilt };
}

async function compareSides(
  check: TorchBenchCheck,
  cases: BenchCase[],
  records: Partial<Record<Role, RoleRecord>>,
): Promise<Metric[]> {
  const metrics: Metric[] = [];
  for (const benchCase of cases) {
    metrics.push(
      ...caseMetrics(
        {
          label: benchCase.label,
          baseline: records.baseline?.roundsByCase[benchCase.label] ?? [],
          candidate: records.candidate?.roundsByCase[benchCase.label] ?? [],
          noise: records.noise?.roundsByCase[benchCase.label] ?? null,
        },
        check,
      ),
    );
  }
  for (const model of new Set(cases.map((benchCase) => modelName(benchCase.model)))) {
    const baselineFile = records.baseline?.outputsByModel[model];
    const candidateFile = records.candidate?.outputsByModel[model];
    if (!baselineFile || !candidateFile) continue;
    const drift = compareOutputs(
      await readOutputs(baselineFile),
      await readOutputs(candidateFile),
      check.tolerance.absolute,
    );
    metrics.push(...driftMetrics(model, drift, check.tolerance));
  }
  return metrics;
}

function sideResult(record: RoleRecord, context: { outDir: string }): SideResult {
  const status = record.state === 'ok' ? 'passed' : record.state;
  const rounds = Object.values(record.roundsByCase).reduce((sum, list) => sum + list.length, 0);
  return {
    status,
    durationSeconds: record.seconds,
    message: record.message ?? `${rounds} rounds in fresh processes`,
    ...(record.stderrTail ? { stderrTail: record.stderrTail } : {}),
    details: {
      ...sideFacts(record.firstResult),
      rounds: record.roundsByCase,
      latencyMs: thinOut(record.latencyMsByCase),
      artifacts: path.relative(
        context.outDir,
        path.dirname(Object.values(record.outputsByModel)[0] ?? context.outDir),
      ),
    },
  };
}

/** At most 2,000 latencies per case in the report: enough for a distribution chart. */
function thinOut(byCase: Record<string, number[]>): Record<string, number[]> {
  return Object.fromEntries(
    Object.entries(byCase).map(([label, values]) => {
      const stride = Math.max(1, Math.ceil(values.length / 2000));
      return [
        label,
        values.filter((_, index) => index % stride === 0).map((value) => Number(value.toFixed(4))),
      ];
    }),
  );
}

function sideSkipped(
  context: { skipReasons: Partial<Record<'baseline' | 'candidate', string>> },
  side: 'baseline' | 'candidate',
): SideResult {
  return skippedSide(context.skipReasons[side] ?? `the ${side} environment is not ready`);
}

/** One line: the worst latency change and whether anything crossed its limit. */
function summaryMessage(metrics: Metric[]): string {
  const regressed = metrics.filter((metric) => metric.regressed).map((metric) => metric.name);
  // The gated median of either clock (p50 CPU time by default on cpu, p50 latency otherwise).
  const latency = metrics.filter(
    (metric) => /p50 (latency|CPU time)$/.test(metric.name) && metric.limit !== null && metric.ratio !== null,
  );
  const worst = latency.sort((a, b) => (b.ratio ?? 0) - (a.ratio ?? 0))[0];
  const change = worst
    ? `${worst.name} ×${worst.ratio?.toFixed(3)}` +
      (worst.noiseFloor === undefined ? '' : ` (noise floor ±${(worst.noiseFloor * 100).toFixed(1)}%)`)
    : 'no latency compared';
  // The gate prefixes "<id>: regressed: ", so the list is named by what it is, not by that word again.
  return regressed.length > 0
    ? `beyond limits: ${regressed.join(', ')}; ${change}`
    : `within limits; ${change}`;
}
