import { z } from 'zod';
import { checkBaseShape } from '../check-kind.js';

const positiveInt = z.number().int().positive();

export const benchModelSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, ".", "_" and "-"')
      .optional()
      .describe(
        'Names the model in metric names. Default: the builtin, file or torchscript name. Example: mlp-wide',
      ),
    builtin: z
      .enum(['mlp', 'cnn', 'transformer'])
      .optional()
      .describe('A reference model shipped with the harness. Example: mlp'),
    size: z
      .record(z.string(), z.union([z.number(), z.string()]))
      .default({})
      .describe(
        'Sizes of a builtin: mlp {hidden 512, layers 4, activation relu}, cnn {width 32, layers 3, numClasses 10}, ' +
          'transformer {dModel 256, nhead 4, layers 2, dimFeedforward 1024}. Example: {hidden: 1024}',
      ),
    inputShape: z
      .array(positiveInt)
      .optional()
      .describe(
        "One sample's input shape, without the batch dimension; required for torchscript. Example: [256]",
      ),
    file: z
      .string()
      .optional()
      .describe(
        'A Python file, relative to the workdir, with a factory and example inputs. Example: model.py',
      ),
    factory: z.string().default('make_model').describe('The factory function in `file`. Default make_model.'),
    inputs: z
      .string()
      .default('example_inputs')
      .describe('The function in `file` returning example inputs. Default example_inputs.'),
    kwargs: z.record(z.string(), z.unknown()).default({}).describe('Keyword arguments of the factory.'),
    torchscript: z.string().optional().describe('A torch.jit.save file, relative to the workdir.'),
  })
  .refine((model) => [model.builtin, model.file, model.torchscript].filter(Boolean).length === 1, {
    error: 'give exactly one of `builtin`, `file` or `torchscript`',
  })
  .refine((model) => !model.torchscript || model.inputShape, {
    error: 'a torchscript model needs `inputShape` (one sample, without the batch dimension)',
  });
export type BenchModel = z.infer<typeof benchModelSchema>;

const percent = (metric: string, fallback: number) =>
  z
    .number()
    .positive()
    .default(fallback)
    .describe(`Tolerated worsening of ${metric} in percent before it regresses. Default ${fallback}.`);

/** Timed calls per round when neither `iterations` nor `timeBudgetSeconds` is set. */
export const DEFAULT_ITERATIONS = 100;

export const torchBenchCheckSchema = z.strictObject({
  ...checkBaseShape,
  kind: z.literal('torch-bench'),
  models: z.array(benchModelSchema).min(1).describe('Models to benchmark. Example: [{builtin: mlp}]'),
  batchSizes: z
    .array(positiveInt)
    .min(1)
    .default([1])
    .describe('Batch sizes, each benchmarked. Default [1].'),
  dtype: z.enum(['float32', 'bfloat16', 'float16']).default('float32').describe('Default float32.'),
  device: z
    .enum(['cpu', 'cuda'])
    .default('cpu')
    .describe('Default cpu. On cuda a machine without a GPU skips the check and says why.'),
  threads: z
    .number()
    .int()
    .positive()
    .default(1)
    .describe('Intra-op threads, set before any torch work. Default 1.'),
  interopThreads: z.number().int().positive().default(1).describe('Inter-op threads. Default 1.'),
  warmup: z
    .number()
    .int()
    .nonnegative()
    .default(10)
    .describe('Untimed calls before timing, per round. Default 10.'),
  inferenceMode: z
    .boolean()
    .default(true)
    .describe(
      'Time the calls under torch.inference_mode(); false times them under torch.no_grad(), as code ' +
        'that cannot use inference tensors runs. Default true.',
    ),
  iterations: positiveInt
    .optional()
    .describe(`Timed calls per round. Default ${DEFAULT_ITERATIONS} unless timeBudgetSeconds is set.`),
  timeBudgetSeconds: z
    .number()
    .positive()
    .optional()
    .describe('Time each round for this long instead of `iterations`.'),
  latencyClock: z
    .enum(['cpu', 'wall'])
    .default('cpu')
    .describe(
      'Which clock the gated latency metrics use on the cpu device: cpu = the process CPU time of each call, ' +
        'which leaves out the time other processes held the CPU (steady on a shared machine); wall = elapsed ' +
        'time, for a quiet dedicated machine or work that waits. The other clock is reported beside it, not ' +
        'gated. cuda always gates on wall time. Default cpu.',
    ),
  rounds: z
    .number()
    .int()
    .min(3)
    // 24: with the noise-floor rounds joining the baseline, enough to catch a 15% slowdown in at
    // least 90% of runs at under 1% false alarms on this project's 2-core machines (bench/RESULTS.md).
    .default(24)
    .describe('Fresh processes per side, alternating baseline and candidate. Default 24.'),
  mode: z
    .enum(['ab', 'aa'])
    .default('ab')
    .describe(
      'ab compares candidate with baseline; aa compares the baseline with itself (noise floor). Default ab.',
    ),
  noiseFloor: z
    .boolean()
    .default(true)
    .describe(
      'Also run extra baseline rounds to measure the noise floor printed beside every delta. Default true.',
    ),
  limits: z
    .strictObject({
      p50LatencyPercent: percent('the median latency', 10),
      p95LatencyPercent: percent('the 95th-percentile latency', 15),
      throughputPercent: percent('throughput', 10),
      peakRssPercent: percent('peak memory', 10),
    })
    .prefault({})
    .describe('Per-metric limits. Default p50 10%, p95 15%, throughput 10%, peak RSS 10%.'),
  alpha: z
    .number()
    .gt(0)
    .lt(0.5)
    // 0.005, not 0.01: under no change the test fires at about alpha, so 0.01 would put the A/A false
    // alarms at the 1% target itself; halving it costs little power at 24 rounds (bench/RESULTS.md).
    .default(0.005)
    .describe('Significance level of the one-sided Mann-Whitney test over per-round values. Default 0.005.'),
  tolerance: z
    .strictObject({
      absolute: z
        .number()
        .nonnegative()
        .default(1e-4)
        .describe('Largest tolerated |candidate − baseline| output. Default 1e-4.'),
      relative: z
        .number()
        .nonnegative()
        .default(1e-3)
        .describe(
          'Largest tolerated |candidate − baseline| / |baseline| where |baseline| ≥ absolute. Default 1e-3.',
        ),
    })
    .prefault({})
    .describe('Output drift tolerances.'),
});
export type TorchBenchCheck = z.infer<typeof torchBenchCheckSchema>;

/** The name a model goes by in metrics and artifacts. */
export function modelName(model: BenchModel): string {
  if (model.name) return model.name;
  if (model.builtin) return model.builtin;
  const file = model.file ?? model.torchscript ?? 'model';
  return (file.split('/').at(-1) ?? file).replace(/\.[^.]+$/, '');
}
