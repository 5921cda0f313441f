import { z } from 'zod';
import type { SideResult } from '../report/report-schema.js';
import { type CheckKind, checkBaseShape, runEachSide } from './check-kind.js';
import { execForSide } from './exec-side.js';
import { errorLine } from './output-tail.js';

export const commandCheckSchema = z.strictObject({
  ...checkBaseShape,
  kind: z.literal('command'),
  run: z
    .string()
    .min(1)
    .describe('A shell command run in each environment, in the workdir. Example: python pipeline/smoke.py'),
  env: z.record(z.string(), z.string()).default({}).describe('Extra environment variables.'),
  expectExitCode: z.number().int().default(0).describe('The exit code that means success. Default 0.'),
  network: z
    .boolean()
    .default(false)
    .describe('Whether the command may reach the network (enforced by the Docker backend). Default false.'),
});
export type CommandCheck = z.infer<typeof commandCheckSchema>;

/** Runs a shell command on both sides; success is the expected exit code within the time limit. */
export const commandCheckKind: CheckKind<CommandCheck> = {
  kind: 'command',
  schema: commandCheckSchema,
  async run(context) {
    const { check } = context;
    return runEachSide(context, async (environment, side): Promise<SideResult> => {
      const { result, facts } = await execForSide(context, environment, side, {
        command: ['sh', '-c', check.run],
        env: check.env,
        network: check.network,
      });

      const passed = !result.timedOut && result.exitCode === check.expectExitCode;
      return {
        status: passed ? 'passed' : 'failed',
        message:
          describeExit(result, check.expectExitCode, check.timeoutSeconds) +
          failureSuffix(passed, result.stderr),
        ...facts,
        timedOut: result.timedOut,
        oomKilled: result.oomKilled,
      };
    });
  },
};

/** `: <the line that names the break>` for a failed command, nothing for a passed one. */
function failureSuffix(passed: boolean, stderr: string): string {
  const line = passed ? '' : errorLine(stderr);
  return line ? `: ${line}` : '';
}

function describeExit(
  result: { exitCode: number | null; timedOut: boolean; oomKilled: boolean },
  expected: number,
  timeoutSeconds: number,
): string {
  if (result.timedOut) return `timed out after ${timeoutSeconds} s and was killed`;
  if (result.oomKilled) return 'killed for running out of memory';
  if (result.exitCode === null) return 'killed by a signal';
  if (result.exitCode === expected) return `exited with ${result.exitCode}`;
  return `exited with ${result.exitCode}, expected ${expected}`;
}
