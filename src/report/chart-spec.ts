import { z } from 'zod';

/**
 * A chart a check asks the HTML report to draw, put in `check.details.charts`. Any kind can use it:
 * the audit draws advisory counts; a benchmark can draw latency samples or memory per side.
 */
export const chartSpecSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('bars'),
    title: z.string(),
    unit: z.string().default(''),
    categories: z.array(z.string()),
    /** One series per side, values in category order. */
    series: z.array(z.object({ name: z.string(), values: z.array(z.number()) })),
  }),
  z.object({
    type: z.literal('distribution'),
    title: z.string(),
    unit: z.string().default(''),
    /** Raw samples per side (latencies, peak memory per run…), drawn as a strip with its median. */
    series: z.array(z.object({ name: z.string(), values: z.array(z.number()) })),
  }),
]);
export type ChartSpec = z.infer<typeof chartSpecSchema>;

/** The charts a check's details carry; malformed entries are left out rather than breaking the report. */
export function chartsOf(details: Record<string, unknown> | undefined): ChartSpec[] {
  const list = details?.charts;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry) => {
    const parsed = chartSpecSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}
