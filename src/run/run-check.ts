import type { CheckContext, CheckKind } from '../checks/check-kind.js';
import { computeOutcome } from '../compare/outcome.js';
import type { Logger } from '../log/logger.js';
import type { ProvisionResult, PythonEnvironment, Side } from '../provision/environment.js';
import type { CheckReport } from '../report/report-schema.js';
import type { Check } from '../scenario/scenario-schema.js';
import type { ResolvedScenario } from '../scenario/semantic-rules.js';

export interface RunCheckContext {
  provisioned: Record<Side, ProvisionResult>;
  resolved: ResolvedScenario;
  outDir: string;
  artifactsDir: string;
  logger: Logger;
  signal: AbortSignal;
  now?: () => Date;
}

/**
 * Runs one check and judges it. A check that throws is a harness error for this check only: the
 * report says so and the run goes on. Interruptions are not caught.
 */
export async function runCheck(
  kind: CheckKind<Check>,
  check: Check,
  context: RunCheckContext,
): Promise<CheckReport> {
  const environments: Partial<Record<Side, PythonEnvironment>> = {};
  const skipReasons: Partial<Record<Side, string>> = {};
  for (const side of ['baseline', 'candidate'] as const) {
    const result = context.provisioned[side];
    if (result.status === 'ready') environments[side] = result.environment;
    else skipReasons[side] = `the ${side} environment did not install`;
  }

  const checkContext: CheckContext<Check> = {
    check,
    environments,
    skipReasons,
    packages: {
      baseline: packagesOf(context.provisioned.baseline),
      candidate: packagesOf(context.provisioned.candidate),
    },
    now: context.now ?? (() => new Date()),
    workdir: context.resolved.workdir,
    scenarioDir: context.resolved.scenarioDir,
    outDir: context.outDir,
    artifactsDir: context.artifactsDir,
    logger: context.logger,
    signal: context.signal,
  };

  const startedAt = performance.now();
  context.logger.info({ kind: check.kind }, 'check starting');
  try {
    const findings = await kind.run(checkContext);
    const outcome = computeOutcome({
      baseline: findings.baseline.status,
      candidate: findings.candidate.status,
      baselineUnavailable: context.provisioned.baseline.status === 'failed',
      metricRegressed: findings.metrics?.some((metric) => metric.regressed) ?? false,
      items: findings.items,
    });
    const message = findings.message ?? defaultMessage(findings.baseline.message, findings.candidate.message);
    context.logger.info({ outcome, seconds: (performance.now() - startedAt) / 1000 }, 'check finished');
    return {
      id: check.id,
      kind: check.kind,
      outcome,
      ...(message ? { message } : {}),
      baseline: findings.baseline,
      candidate: findings.candidate,
      ...(findings.metrics ? { metrics: findings.metrics } : {}),
      ...(findings.details ? { details: findings.details } : {}),
      ...(findings.items ? { items: findings.items } : {}),
    };
  } catch (error) {
    if (context.signal.aborted) throw error;
    context.logger.error({ err: error }, 'check could not run');
    const message = `the harness could not run this check: ${(error as Error).message}`;
    const side = {
      status: 'error' as const,
      durationSeconds: (performance.now() - startedAt) / 1000,
      message,
    };
    return { id: check.id, kind: check.kind, outcome: 'error', message, baseline: side, candidate: side };
  }
}

function packagesOf(result: ProvisionResult): Record<string, string> | undefined {
  return result.status === 'ready' ? result.facts.packages : undefined;
}

function defaultMessage(baseline: string | undefined, candidate: string | undefined): string | undefined {
  if (baseline === candidate) return candidate;
  return `baseline: ${baseline ?? '—'}; candidate: ${candidate ?? '—'}`;
}
