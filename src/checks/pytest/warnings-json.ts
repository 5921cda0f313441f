import { z } from 'zod';

const locationSchema = z.object({
  package: z.string().nullish(),
  distribution: z.string().nullish(),
  origin: z.string().nullish(),
});

const warningSchema = locationSchema.extend({
  category: z.string(),
  message: z.string(),
  filename: z.string().nullish(),
  lineno: z.number().nullish(),
  emitter: locationSchema.extend({ filename: z.string().nullish(), lineno: z.number().nullish() }).nullish(),
  phase: z.string().nullish(),
  count: z.number().default(1),
  collector: z.string().nullish(),
});
export type RecordedWarning = z.infer<typeof warningSchema>;

const junitAddressSchema = z.object({ classname: z.string(), name: z.string() });

/** What runners/pytest_warnings_plugin.py writes (shape documented in runners/PYTEST.md). */
export const warningsFileSchema = z.object({
  schema: z.literal('upgrade-harness/pytest-warnings/1'),
  pytest_version: z.string(),
  rootdir: z.string(),
  exitstatus: z.number(),
  tests: z.record(
    z.string(),
    z.object({ junit: junitAddressSchema, outcome: z.string().nullable(), warnings: z.array(warningSchema) }),
  ),
  collection: z.array(warningSchema).default([]),
  config: z.array(warningSchema).default([]),
  collection_errors: z
    .array(z.object({ nodeid: z.string(), junit: junitAddressSchema, longrepr: z.string() }))
    .default([]),
});
export type WarningsFile = z.infer<typeof warningsFileSchema>;

export function parseWarningsFile(text: string): WarningsFile {
  return warningsFileSchema.parse(JSON.parse(text));
}

/** One warning as seen in one test (or at collection), with the test it came from. */
export interface WarningOccurrence {
  warning: RecordedWarning;
  /** The test's nodeid, or the collector's for warnings raised while importing test modules. */
  source: string;
}

export function warningOccurrences(file: WarningsFile): WarningOccurrence[] {
  const fromTests = Object.entries(file.tests).flatMap(([nodeid, test]) =>
    test.warnings.map((warning) => ({ warning, source: nodeid })),
  );
  const fromCollection = [...file.collection, ...file.config].map((warning) => ({
    warning,
    source: warning.collector ?? '(collection)',
  }));
  return [...fromTests, ...fromCollection];
}
