import { z } from 'zod';
import type { Logger } from '../log/logger.js';
import type { PythonEnvironment, Side } from '../provision/environment.js';
import type { Metric, SideResult } from '../report/report-schema.js';

export const MAX_TIMEOUT_SECONDS = 7 * 24 * 3600;

/** Fields every check has, whatever its kind. */
export const checkBaseShape = {
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, ".", "_" and "-", e.g. "imports"')
    .describe('Unique id, used in the report and by --only. Example: imports'),
  description: z.string().optional().describe('One line shown in the report.'),
  timeoutSeconds: z
    .number()
    .positive()
    // Node's timers hold at most 2^31-1 ms (24.8 days); a longer timeout would fire at once.
    .max(MAX_TIMEOUT_SECONDS, `at most ${MAX_TIMEOUT_SECONDS} (7 days)`)
    .default(600)
    .describe('Wall-clock limit for one side of the check. Default 600.'),
};

/** What a check kind sees of the run. */
export interface CheckContext<C> {
  check: C;
  /** The environments that installed; a side that did not is absent and has `skipReasons` set. */
  environments: Partial<Record<Side, PythonEnvironment>>;
  skipReasons: Partial<Record<Side, string>>;
  /** Each side's installed packages (normalized name → version); undefined where it did not install. */
  packages: Record<Side, Record<string, string> | undefined>;
  /** The clock, injected so that date-bound rules (waiver expiry) can be tested. */
  now: () => Date;
  /** The scenario's workdir on the host. */
  workdir: string;
  /** The directory of the scenario file, which relative paths in checks are resolved against. */
  scenarioDir: string;
  /** The report folder; a check may keep artifacts (screenshots, logs) under `artifactsDir`. */
  outDir: string;
  artifactsDir: string;
  logger: Logger;
  signal: AbortSignal;
}

/**
 * What a check found. The outcome is not decided here: `computeOutcome` derives it from the sides,
 * the metrics and, for checks made of many items (tests, endpoints, advisories), the item counts.
 */
export interface CheckFindings {
  baseline: SideResult;
  candidate: SideResult;
  metrics?: Metric[];
  items?: ItemComparison;
  message?: string;
  details?: Record<string, unknown>;
}

/** Counts of items judged one by one across both sides, for checks made of many items. */
export interface ItemComparison {
  regressed: number;
  improved: number;
  failedBoth: number;
}

/** A problem a check kind finds in its own settings, at a key path relative to the check. */
export interface CheckRuleProblem {
  path: PropertyKey[];
  message: string;
}

export interface CheckKind<C extends { id: string; kind: string }> {
  readonly kind: C['kind'];
  readonly schema: z.ZodType<C>;
  /** Rules beyond the schema (files that must exist…), run by `validate` before anything is built. */
  rules?(check: C, paths: { scenarioDir: string; workdir: string }): Promise<CheckRuleProblem[]>;
  run(context: CheckContext<C>): Promise<CheckFindings>;
}

export function skippedSide(message: string): SideResult {
  return { status: 'skipped', durationSeconds: 0, message };
}

export function errorSide(message: string, durationSeconds = 0): SideResult {
  return { status: 'error', durationSeconds, message };
}

/**
 * Runs a side-by-side check whose two sides do not depend on each other. Sides that did not
 * install are skipped with the reason; a harness failure on one side becomes an `error` result.
 */
export async function runEachSide<C>(
  context: CheckContext<C>,
  runSide: (environment: PythonEnvironment, side: Side) => Promise<SideResult>,
): Promise<Pick<CheckFindings, 'baseline' | 'candidate'>> {
  const runOne = async (side: Side): Promise<SideResult> => {
    const environment = context.environments[side];
    if (!environment) return skippedSide(context.skipReasons[side] ?? `the ${side} environment is not ready`);
    try {
      return await runSide(environment, side);
    } catch (error) {
      if (context.signal.aborted) throw error;
      context.logger.error({ err: error, side }, 'check side failed to run');
      return errorSide(`the harness could not run this side: ${(error as Error).message}`);
    }
  };
  const [baseline, candidate] = await Promise.all([runOne('baseline'), runOne('candidate')]);
  return { baseline, candidate };
}
