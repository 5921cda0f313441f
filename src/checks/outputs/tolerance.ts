import { z } from 'zod';

export const toleranceSchema = z.strictObject({
  absolute: z
    .number()
    .nonnegative()
    .optional()
    .describe('Largest tolerated |candidate − baseline|. Example: 1e-6'),
  relative: z
    .number()
    .nonnegative()
    .optional()
    .describe('Tolerated difference as a fraction of |baseline|. Example: 1e-5'),
});
export type ToleranceSetting = z.infer<typeof toleranceSchema>;

export interface Tolerance {
  absolute: number;
  relative: number;
}

/** numpy.allclose's defaults, a convention most ML teams already know. */
export const DEFAULT_TOLERANCE: Tolerance = { absolute: 1e-8, relative: 1e-5 };

export function mergeTolerance(base: Tolerance, override: ToleranceSetting | undefined): Tolerance {
  return {
    absolute: override?.absolute ?? base.absolute,
    relative: override?.relative ?? base.relative,
  };
}

/** What numpy.isclose allows: |candidate − baseline| ≤ absolute + relative × |baseline|. */
export function allowedDeviation(baseline: number, tolerance: Tolerance): number {
  return tolerance.absolute + tolerance.relative * Math.abs(baseline);
}

/**
 * Whether a name matches a pattern where `*` stands for one segment (between separators) and
 * `**` for any number of them. Files use "/" as the separator, JSON fields ".".
 */
export function wildcardMatch(pattern: string, name: string, separator: '/' | '.'): boolean {
  const escaped = separator === '/' ? '/' : '\\.';
  const source = pattern
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((literal) => literal.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
        .join(`[^${escaped}]*`),
    )
    .join('.*');
  return new RegExp(`^${source}$`).test(name);
}
