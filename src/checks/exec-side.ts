import path from 'node:path';
import type { ExecRequest, ExecResult, PythonEnvironment, Side } from '../provision/environment.js';
import type { SideResult } from '../report/report-schema.js';
import type { CheckContext } from './check-kind.js';
import { outputTail } from './output-tail.js';

/** The parts of a side's result that every process-running check reports the same way. */
export type ExecFacts = Pick<
  SideResult,
  'durationSeconds' | 'exitCode' | 'stdoutTail' | 'stderrTail' | 'logFile'
>;

/**
 * Runs one process for one side of a check, its full output kept in `<logs>/<check>-<side>.log`,
 * and returns the result with the facts the report shows for it (tails, exit code, log path).
 */
export async function execForSide(
  context: CheckContext<{ id: string; timeoutSeconds: number }>,
  environment: PythonEnvironment,
  side: Side,
  request: Omit<ExecRequest, 'logFile' | 'signal' | 'timeoutSeconds'> & { timeoutSeconds?: number },
): Promise<{ result: ExecResult; facts: ExecFacts }> {
  const logFile = path.join(context.artifactsDir, `${context.check.id}-${side}.log`);
  const result = await environment.exec({
    timeoutSeconds: context.check.timeoutSeconds,
    ...request,
    logFile,
    signal: context.signal,
  });
  const facts: ExecFacts = {
    durationSeconds: result.durationSeconds,
    exitCode: result.exitCode,
    stdoutTail: outputTail(result.stdout),
    stderrTail: outputTail(result.stderr),
    logFile: path.relative(context.outDir, logFile),
  };
  return { result, facts };
}
