import { z } from 'zod';

/** What runners/torch_bench.py writes (see runners/README.md); only the fields the harness reads are checked. */
const tensorHeaderSchema = z.looseObject({
  name: z.string(),
  shape: z.array(z.number().int().nonnegative()),
  offsetBytes: z.number().int().nonnegative(),
  numel: z.number().int().nonnegative(),
});

export const outputsHeaderSchema = z.looseObject({
  format: z.literal('raw-float64-le'),
  totalElements: z.number().int().nonnegative(),
  nonFiniteCount: z.number().int().nonnegative(),
  tensors: z.array(tensorHeaderSchema),
});
export type OutputsHeader = z.infer<typeof outputsHeaderSchema>;

const benchResultSchema = z.looseObject({
  schemaVersion: z.literal(1),
  skipped: z.literal(false),
  config: z.looseObject({ device: z.string(), inferenceMode: z.boolean().optional() }),
  latencyMs: z.array(z.number().nonnegative()).min(1),
  /** Each timed call's process CPU time, in step with latencyMs (absent from older runners). */
  cpuTimeMs: z.array(z.number().nonnegative()).optional(),
  summary: z.looseObject({ count: z.number().int().positive(), medianMs: z.number() }),
  throughputSamplesPerSec: z.number().nonnegative(),
  memory: z.looseObject({ peakRssBytes: z.number().int().positive() }),
  cudaMemory: z
    .looseObject({
      maxMemoryAllocatedBytes: z.number().nullable(),
      maxMemoryReservedBytes: z.number().nullable(),
      deviceUsedBytes: z.number().nullable(),
    })
    .nullable(),
  outputs: outputsHeaderSchema.nullable(),
  environment: z.looseObject({
    torchVersion: z.string(),
    threads: z.looseObject({ intraOp: z.number(), interOp: z.number().nullable() }),
    build: z.record(z.string(), z.unknown()),
    cpu: z.record(z.string(), z.unknown()),
    cuda: z.record(z.string(), z.unknown()).nullable(),
  }),
  warnings: z.array(z.string()).default([]),
});

const skippedResultSchema = z.looseObject({
  schemaVersion: z.literal(1),
  skipped: z.literal(true),
  reason: z.string(),
});

export const runnerResultSchema = z.discriminatedUnion('skipped', [benchResultSchema, skippedResultSchema]);
export type BenchResult = z.infer<typeof benchResultSchema>;
export type RunnerResult = z.infer<typeof runnerResultSchema>;
