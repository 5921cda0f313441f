import path from 'node:path';
import type { PythonEnvironment } from '../../provision/environment.js';
import { errorLine } from '../output-tail.js';
import type { TorchBenchCheck } from './torch-bench-schema.js';

/**
 * Writes a model's weights and example inputs ONCE, in `source`, and copies them into every other
 * environment through the backend (a cp locally, docker cp for containers): random streams differ
 * between torch releases, so a seed alone would not give both sides the same weights.
 * Returns the folder, which has the same path inside every environment's scratch.
 */
export async function prepareWeights(options: {
  check: TorchBenchCheck;
  modelName: string;
  spec: Record<string, unknown>;
  source: PythonEnvironment;
  others: PythonEnvironment[];
  hostDir: string;
  logFile: string;
  signal: AbortSignal;
}): Promise<{ relativeDir: string; hostDir: string }> {
  const { check, source } = options;
  const relativeDir = path.posix.join('torch-bench', check.id, 'weights', options.modelName);
  const inSource = path.posix.join(source.paths.scratch, relativeDir);
  const result = await source.exec({
    command: [
      source.paths.python,
      path.posix.join(source.paths.runners, 'torch_bench.py'),
      'prepare',
      '--model',
      JSON.stringify(options.spec),
      '--out',
      inSource,
    ],
    timeoutSeconds: check.timeoutSeconds,
    logFile: options.logFile,
    signal: options.signal,
  });
  if (result.timedOut || result.exitCode !== 0) {
    throw new PrepareError(
      // The runner exits 2 when it refuses the model's description itself: no such factory, inputs
      // that are not tensors; the environment is not to blame for that.
      result.exitCode === 2 && !result.timedOut,
      `preparing the weights of ${options.modelName} in the ${source.side} environment failed` +
        `${result.timedOut ? ' (timed out)' : ` with exit ${result.exitCode}`}: ${errorLine(result.stderr)}`,
    );
  }

  const hostDir = path.join(options.hostDir, options.modelName);
  await source.copyOut(inSource, hostDir);
  for (const other of options.others) {
    const target = path.posix.join(other.paths.scratch, relativeDir);
    await other.exec({
      command: ['mkdir', '-p', path.posix.dirname(target)],
      timeoutSeconds: 30,
      signal: options.signal,
    });
    await other.copyIn(hostDir, target);
  }
  return { relativeDir, hostDir };
}

/** The model could not be built or saved: a finding about the model or environment, not the harness. */
export class PrepareError extends Error {
  override name = 'PrepareError';

  constructor(
    /** True when the runner refused the model's description rather than failed to build it. */
    readonly refusedSpec: boolean,
    message: string,
  ) {
    super(message);
  }
}
