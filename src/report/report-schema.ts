import { z } from 'zod';

/** How one check ended on one side. */
export const sideStatusSchema = z.enum(['passed', 'failed', 'error', 'skipped']);
export type SideStatus = z.infer<typeof sideStatusSchema>;

/** The comparison of the two sides of a check, as the contract's outcome table defines it. */
export const outcomeSchema = z.enum(['pass', 'regressed', 'improved', 'fail', 'error', 'skipped']);
export type Outcome = z.infer<typeof outcomeSchema>;

export const sideResultSchema = z.object({
  status: sideStatusSchema,
  durationSeconds: z.number().nonnegative(),
  message: z.string().optional(),
  exitCode: z.number().int().nullable().optional(),
  timedOut: z.boolean().optional(),
  oomKilled: z.boolean().optional(),
  stdoutTail: z.string().optional(),
  stderrTail: z.string().optional(),
  logFile: z.string().optional(),
  /** Kind-specific facts of this side (per-test results, latency samples, advisories…). */
  details: z.record(z.string(), z.unknown()).optional(),
});
export type SideResult = z.infer<typeof sideResultSchema>;

export const metricSchema = z.object({
  name: z.string(),
  unit: z.string(),
  baseline: z.number().nullable(),
  candidate: z.number().nullable(),
  /** candidate / baseline; null when either side is missing or the baseline is zero. */
  ratio: z.number().nullable(),
  significant: z.boolean(),
  /** The largest tolerated ratio (or absolute value, per `limitKind`) before the metric regresses. */
  limit: z.number().nullable(),
  limitKind: z.enum(['ratio', 'absolute']).optional(),
  regressed: z.boolean(),
  better: z.enum(['lower', 'higher']).optional(),
  confidenceInterval: z.tuple([z.number(), z.number()]).optional(),
  pValue: z.number().optional(),
  /** How far the same environment measured twice on this machine moves the metric, as a share of the
   * baseline (0.05 = ±5%): a change inside it cannot be told from noise. */
  noiseFloor: z.number().optional(),
});
export type Metric = z.infer<typeof metricSchema>;

export const checkReportSchema = z.object({
  id: z.string(),
  kind: z.string(),
  outcome: outcomeSchema,
  message: z.string().optional(),
  baseline: sideResultSchema,
  candidate: sideResultSchema,
  metrics: z.array(metricSchema).optional(),
  /** For checks made of many items (tests, endpoints, advisories): the counts the outcome was judged on. */
  items: z.object({ regressed: z.number(), improved: z.number(), failedBoth: z.number() }).optional(),
  /** Kind-specific comparison of both sides (tests regressed and fixed, advisories fixed…). */
  details: z.record(z.string(), z.unknown()).optional(),
});
export type CheckReport = z.infer<typeof checkReportSchema>;

export const pipCheckSchema = z.object({ ok: z.boolean(), problems: z.array(z.string()) });
export type PipCheck = z.infer<typeof pipCheckSchema>;

export const environmentReportSchema = z.object({
  status: z.enum(['ready', 'failed']),
  python: z.string().nullable(),
  packages: z.record(z.string(), z.string()),
  pipCheck: pipCheckSchema,
  cached: z.boolean(),
  provisionSeconds: z.number().nonnegative(),
  /** Lines of pip's output that explain a failed install. */
  failure: z.array(z.string()).optional(),
  logFile: z.string().optional(),
  /** Backend facts: interpreter path, image id, base image, glibc version. */
  details: z.record(z.string(), z.unknown()).optional(),
});
export type EnvironmentReport = z.infer<typeof environmentReportSchema>;

export const dependencyChangeSchema = z.object({
  name: z.string(),
  baseline: z.string().nullable(),
  candidate: z.string().nullable(),
  change: z.enum(['added', 'removed', 'upgraded', 'downgraded']),
  majorJump: z.boolean().optional(),
});
export type DependencyChange = z.infer<typeof dependencyChangeSchema>;

export const verdictSchema = z.enum(['go', 'no-go', 'error']);
export type Verdict = z.infer<typeof verdictSchema>;

/** `report.json`, schema version 1, as ../shared/CONTRACT.md fixes it. */
export const reportSchema = z.object({
  schemaVersion: z.literal(1),
  harnessVersion: z.string().optional(),
  scenario: z.object({ name: z.string(), file: z.string() }),
  verdict: verdictSchema,
  reasons: z.array(z.string()),
  backend: z.enum(['docker', 'local']),
  startedAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }),
  environments: z.object({ baseline: environmentReportSchema, candidate: environmentReportSchema }),
  dependencyDiff: z.array(dependencyChangeSchema),
  checks: z.array(checkReportSchema),
});
export type Report = z.infer<typeof reportSchema>;
