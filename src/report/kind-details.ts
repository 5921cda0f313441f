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
