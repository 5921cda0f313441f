import { rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { PythonEnvironment, Side } from '../../provision/environment.js';
import type { SideResult } from '../../report/report-schema.js';
import { type CheckKind, checkBaseShape, runEachSide } from '../check-kind.js';
import { errorLine, outputTail } from '../output-tail.js';
import { compareFolders } from './compare-folders.js';
import { summarizeOutputs } from './outputs-summary.js';
import { toleranceSchema } from './tolerance.js';

const fileRuleSchema = z.strictObject({
  format: z
    .enum(['json', 'csv', 'tsv', 'npy', 'npz', 'text', 'binary'])
    .optional()
    .describe('How to read the file. Default: from its extension (unknown extensions: exact bytes).'),
  tolerance: toleranceSchema
    .optional()
    .describe('Tolerance for every number in the file. Example: { relative: 1e-6 }'),
  fields: z
    .record(z.string(), toleranceSchema)
    .default({})
    .describe(
      'Tolerance per field: a JSON key path ("per_site.*.mean"), a CSV column or an .npz array name. Example: { weighted_events: { absolute: 0, relative: 0 } }',
    ),
  ignoreFields: z
    .array(z.string())
    .default([])
    .describe('Fields left out of the comparison (same patterns as `fields`). Example: [versions.torch]'),
});

export const outputsCheckSchema = z.strictObject({
  ...checkBaseShape,
  kind: z.literal('outputs'),
  run: z
    .string()
    .min(1)
    .describe(
      'A shell command, run in the workdir, that writes its outputs into {outDir} (also in $UPGRADE_HARNESS_OUT_DIR). Example: python pipeline.py --out {outDir}',
    ),
  env: z.record(z.string(), z.string()).default({}).describe('Extra environment variables.'),
  expectExitCode: z.number().int().default(0).describe('The exit code that means success. Default 0.'),
  network: z.boolean().default(false).describe('Whether the command may reach the network. Default false.'),
  tolerance: toleranceSchema
    .default({})
    .describe(
      'Default tolerance for every number: |candidate − baseline| ≤ absolute + relative × |baseline| (numpy.isclose). Default { absolute: 1e-8, relative: 1e-5 }.',
    ),
  files: z
    .record(z.string(), fileRuleSchema)
    .default({})
    .describe(
      'Rules per file path or pattern ("*" one folder level, "**" any). Example: { summary.json: { fields: {…} } }',
    ),
  ignore: z
    .array(z.string())
    .default([])
    .describe('Files not compared (paths or patterns). Example: ["*.log"]'),
});
export type OutputsCheck = z.infer<typeof outputsCheckSchema>;

export const OUT_DIR_VARIABLE = 'UPGRADE_HARNESS_OUT_DIR';

/** Runs a pipeline on both sides into a folder the harness gives it, then compares the folders. */
export const outputsCheckKind: CheckKind<OutputsCheck> = {
  kind: 'outputs',
  schema: outputsCheckSchema,
  async run(context) {
    const { check } = context;
    const hostDirs: Partial<Record<Side, string>> = {};
    const sides = await runEachSide(context, async (environment, side) => {
      const { result, hostDir } = await runPipeline(
        context.artifactsDir,
        context.outDir,
        check,
        environment,
        side,
        context.signal,
      );
      if (result.status === 'passed') hostDirs[side] = hostDir;
      return result;
    });
    if (!hostDirs.baseline || !hostDirs.candidate) return sides;

    const comparison = await compareFolders(hostDirs.baseline, hostDirs.candidate, check);
    const summary = summarizeOutputs(comparison);
    return {
      ...sides,
      items: { regressed: summary.findings, improved: 0, failedBoth: 0 },
      message: summary.message,
      details: {
        files: comparison.files,
        drift: comparison.drift,
        mismatches: comparison.mismatches,
        notes: comparison.notes,
        outputDirs: {
          baseline: path.relative(context.outDir, hostDirs.baseline),
          candidate: path.relative(context.outDir, hostDirs.candidate),
        },
      },
    };
  },
};

async function runPipeline(
  artifactsDir: string,
  outDir: string,
  check: OutputsCheck,
  environment: PythonEnvironment,
  side: Side,
  signal: AbortSignal,
): Promise<{ result: SideResult; hostDir: string }> {
  const logFile = path.join(artifactsDir, `${check.id}-${side}.log`);
  const outputDir = path.posix.join(environment.paths.scratch, 'outputs', check.id);
  const command = check.run.replaceAll('{outDir}', shellQuote(outputDir));
  const result = await environment.exec({
    command: ['sh', '-c', `mkdir -p "$${OUT_DIR_VARIABLE}" && ${command}`],
    env: { ...check.env, [OUT_DIR_VARIABLE]: outputDir },
    timeoutSeconds: check.timeoutSeconds,
    network: check.network,
    logFile,
    signal,
  });

  const hostDir = path.join(artifactsDir, `${check.id}-${side}-outputs`);
  await rm(hostDir, { recursive: true, force: true });
  const passed = !result.timedOut && result.exitCode === check.expectExitCode;
  if (passed) await environment.copyOut(outputDir, hostDir);
  const exit = result.timedOut
    ? `timed out after ${check.timeoutSeconds} s and was killed`
    : `exited with ${result.exitCode}${passed ? '' : `, expected ${check.expectExitCode}`}`;
  const lastLine = passed ? '' : errorLine(result.stderr);
  return {
    hostDir,
    result: {
      status: passed ? 'passed' : 'failed',
      durationSeconds: result.durationSeconds,
      message: lastLine ? `${exit}: ${lastLine}` : exit,
      exitCode: result.exitCode,
      timedOut: result.timedOut,
      stdoutTail: outputTail(result.stdout),
      stderrTail: outputTail(result.stderr),
      logFile: path.relative(outDir, logFile),
    },
  };
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
