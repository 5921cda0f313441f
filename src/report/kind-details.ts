import { z } from 'zod';
import type { CheckReport } from './report-schema.js';

// Readers of the `details` that the pytest and outputs checks write, for the reporters. They are
// parsed leniently (safeParse) because a saved report may come from another harness version.

const testDifferenceSchema = z.object({
  id: z.string(),
  baseline: z.string(),
  candidate: z.string(),
  baselineMessage: z.string().optional(),
  candidateMessage: z.string().optional(),
  excerpt: z.string().optional(),
  collectionError: z.string().optional(),
  note: z.string().optional(),
});
export type TestDifferenceView = z.infer<typeof testDifferenceSchema>;

const warningGroupSchema = z.object({
  category: z.string(),
  message: z.string(),
  source: z.string(),
  location: z.string().nullish(),
  tests: z.array(z.string()),
  count: z.number(),
});
export type WarningGroupView = z.infer<typeof warningGroupSchema>;

const pytestDetailsSchema = z.object({
  regressed: z.array(testDifferenceSchema),
  preExisting: z.array(testDifferenceSchema),
  fixed: z.array(testDifferenceSchema),
  oneSideOnly: z.array(testDifferenceSchema),
  newWarnings: z.array(warningGroupSchema).optional(),
  newWarningsPolicy: z.string().optional(),
});
export type PytestDetailsView = z.infer<typeof pytestDetailsSchema>;

const fieldDriftSchema = z.object({
  file: z.string(),
  field: z.string(),
  elements: z.number(),
  beyond: z.number(),
  maxAbsolute: z.number(),
  maxRelative: z.number().nullable(),
  at: z.string(),
  baseline: z.number(),
  candidate: z.number(),
  tolerance: z.object({ absolute: z.number(), relative: z.number() }),
  verdict: z.enum(['within', 'beyond']),
});
export type FieldDriftView = z.infer<typeof fieldDriftSchema>;

const outputsDetailsSchema = z.object({
  drift: z.array(fieldDriftSchema),
  mismatches: z.array(
    z.object({
      file: z.string(),
      field: z.string().optional(),
      at: z.string().optional(),
      baseline: z.string().optional(),
      candidate: z.string().optional(),
      message: z.string(),
    }),
  ),
  notes: z.array(z.string()),
});
export type OutputsDetailsView = z.infer<typeof outputsDetailsSchema>;

export function pytestDetails(check: CheckReport): PytestDetailsView | undefined {
  if (check.kind !== 'pytest') return undefined;
  const parsed = pytestDetailsSchema.safeParse(check.details);
  return parsed.success ? parsed.data : undefined;
}

export function outputsDetails(check: CheckReport): OutputsDetailsView | undefined {
  if (check.kind !== 'outputs') return undefined;
  const parsed = outputsDetailsSchema.safeParse(check.details);
  return parsed.success ? parsed.data : undefined;
}

/** A number short enough for a table cell, without hiding a small drift (1.2e-6 stays visible). */
export function shortNumber(value: number | null): string {
  if (value === null) return '—';
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return value.toString();
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e6))
    return Number(value.toPrecision(3)).toExponential();
  return Number(value.toPrecision(6)).toString();
}

const benchSideFactsSchema = z
  .object({
    torchVersion: z.string(),
    device: z.string().optional(),
    inferenceMode: z.boolean().nullish(),
    threads: z.object({ intraOp: z.number(), interOp: z.number().nullable() }).partial().optional(),
    blas: z.string().nullish(),
    onednn: z.string().nullish(),
    openmp: z.string().nullish(),
    parallelBackend: z.string().nullish(),
    cpuCapability: z.string().nullish(),
    cpuModel: z.string().nullish(),
    cuda: z
      .object({
        deviceName: z.string(),
        driverVersion: z.string().nullish(),
        runtimeVersion: z.string().nullish(),
      })
      .partial()
      .nullish(),
  })
  .partial({ torchVersion: true });
type BenchSideFacts = z.infer<typeof benchSideFactsSchema>;

/**
 * What each side of a torch-bench check ran on, as rows of a two-column table: the facts that
 * explain a latency change before any code does (torch build, threads, BLAS, CPU, GPU).
 */
export function benchFactRows(check: CheckReport): [string, string, string][] | undefined {
  if (check.kind !== 'torch-bench') return undefined;
  const sides = (['baseline', 'candidate'] as const).map((side) => {
    const parsed = benchSideFactsSchema.safeParse(check[side].details ?? {});
    return parsed.success && parsed.data.torchVersion ? parsed.data : undefined;
  });
  if (!sides.some(Boolean)) return undefined;
  const fact = (pick: (facts: BenchSideFacts) => unknown) =>
    sides.map((facts) => {
      const value = facts ? pick(facts) : undefined;
      return value === undefined || value === null || value === '' ? '—' : String(value);
    });
  const rows: [string, (facts: BenchSideFacts) => unknown][] = [
    ['torch', (facts) => facts.torchVersion],
    ['device', (facts) => facts.device],
    [
      'threads (intra-op / inter-op)',
      (facts) => facts.threads && `${facts.threads.intraOp} / ${facts.threads.interOp}`,
    ],
    [
      'grad mode',
      (facts) =>
        facts.inferenceMode === false ? 'no_grad' : facts.inferenceMode ? 'inference_mode' : undefined,
    ],
    ['BLAS', (facts) => facts.blas],
    ['oneDNN', (facts) => facts.onednn],
    ['OpenMP', (facts) => facts.openmp],
    ['parallel backend', (facts) => facts.parallelBackend],
    ['CPU capability', (facts) => facts.cpuCapability],
    ['CPU', (facts) => facts.cpuModel],
    ['GPU', (facts) => facts.cuda?.deviceName],
    [
      'CUDA runtime / driver',
      (facts) => facts.cuda && `${facts.cuda.runtimeVersion ?? '—'} / ${facts.cuda.driverVersion ?? '—'}`,
    ],
  ];
  return rows
    .map(([label, pick]): [string, string, string] => {
      const [baseline = '—', candidate = '—'] = fact(pick);
      return [label, baseline, candidate];
    })
    .filter(([, baseline, candidate]) => baseline !== '—' || candidate !== '—');
}
