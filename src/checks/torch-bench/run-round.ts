import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { quantile } from 'simple-statistics';
import type { PythonEnvironment } from '../../provision/environment.js';
import { errorLine } from '../output-tail.js';
import { runnerSpec } from './bench-plan.js';
import { type BenchResult, runnerResultSchema } from './runner-result.js';
import { type BenchModel, DEFAULT_ITERATIONS, type TorchBenchCheck } from './torch-bench-schema.js';

/** One benchmark case: a model at one batch size. */
export interface BenchCase {
  /** "mlp b64": names the case in metrics and files. */
  label: string;
  model: BenchModel;
  batchSize: number;
  /** The prepared weights' folder, relative to each environment's scratch. */
  weightsRelativeDir: string;
  /** The environments that could build the model; the others do not run this case. */
  runsIn?: ReadonlySet<PythonEnvironment>;
}

/** What one fresh process measured. */
export interface RoundSummary {
  p50LatencyMs: number;
  p95LatencyMs: number;
  /** The same percentiles of each call's process CPU time; null on cuda (GPU work is not CPU time). */
  p50CpuTimeMs: number | null;
  p95CpuTimeMs: number | null;
  throughputSamplesPerSec: number;
  peakRssBytes: number;
  /** On cuda, the three memory numbers that differ: what tensors held at most, what the caching
   * allocator reserved at most, and what the device had in use at the end (context included). */
  cudaMaxAllocatedBytes: number | null;
  cudaMaxReservedBytes: number | null;
  cudaDeviceUsedBytes: number | null;
}

export type RoundOutcome =
  | { status: 'ok'; summary: RoundSummary; result: BenchResult; outputsFile: string | null; seconds: number }
  | { status: 'skipped'; reason: string; seconds: number }
  | { status: 'failed'; message: string; stderrTail: string; seconds: number };

export interface RoundRequest {
  environment: PythonEnvironment;
  check: TorchBenchCheck;
  benchCase: BenchCase;
  /** Host folder receiving the result (and outputs) of this round. */
  hostDir: string;
  label: string;
  withOutputs: boolean;
  logFile: string;
  signal: AbortSignal;
}

/** Runs `torch_bench.py run` once, in a fresh process, and brings its result to the host. */
export async function runRound(request: RoundRequest): Promise<RoundOutcome> {
  const { environment, check, benchCase } = request;
  const scratch = path.posix.join(environment.paths.scratch, 'torch-bench', check.id);
  const resultInEnv = path.posix.join(scratch, `${request.label}.json`);
  const outputsInEnv = path.posix.join(scratch, `${request.label}.out.bin`);
  await environment.exec({
    command: ['mkdir', '-p', scratch],
    timeoutSeconds: 30,
    signal: request.signal,
  });

  const result = await environment.exec({
    command: [
      environment.paths.python,
      path.posix.join(environment.paths.runners, 'torch_bench.py'),
      'run',
      ...runArguments(check, benchCase, environment),
      '--result',
      resultInEnv,
      ...(request.withOutputs ? ['--outputs', outputsInEnv] : []),
    ],
    timeoutSeconds: check.timeoutSeconds,
    logFile: request.logFile,
    signal: request.signal,
  });
  const seconds = result.durationSeconds;
  if (result.timedOut)
    return failed(`a round timed out after ${check.timeoutSeconds} s`, result.stderr, seconds);
  if (result.exitCode !== 0 && result.exitCode !== 3) {
    return failed(
      `the benchmark exited with ${result.exitCode ?? 'a signal'}: ${errorLine(result.stderr)}`,
      result.stderr,
      seconds,
    );
  }

  await mkdir(request.hostDir, { recursive: true });
  const hostResult = path.join(request.hostDir, `${request.label}.json`);
  await environment.copyOut(resultInEnv, hostResult);
  const parsed = runnerResultSchema.parse(JSON.parse(await readFile(hostResult, 'utf8')));
  if (parsed.skipped) return { status: 'skipped', reason: parsed.reason, seconds };

  let outputsFile: string | null = null;
  if (request.withOutputs) {
    outputsFile = path.join(request.hostDir, `${request.label}.out.bin`);
    await environment.copyOut(outputsInEnv, outputsFile);
    await environment.copyOut(`${outputsInEnv}.json`, `${outputsFile}.json`);
  }
  return {
    status: 'ok',
    summary: summarizeRound(parsed, check.device),
    result: parsed,
    outputsFile,
    seconds,
  };
}

export function runArguments(
  check: TorchBenchCheck,
  benchCase: BenchCase,
  environment: PythonEnvironment,
): string[] {
  const amount =
    check.timeBudgetSeconds !== undefined && check.iterations === undefined
      ? ['--time-budget-seconds', String(check.timeBudgetSeconds)]
      : ['--iterations', String(check.iterations ?? DEFAULT_ITERATIONS)];
  return [
    '--model',
    JSON.stringify(runnerSpec(benchCase.model, environment.paths.workdir)),
    '--weights',
    path.posix.join(environment.paths.scratch, benchCase.weightsRelativeDir),
    '--batch-size',
    String(benchCase.batchSize),
    '--threads',
    String(check.threads),
    '--interop-threads',
    String(check.interopThreads),
    '--dtype',
    check.dtype,
    '--device',
    check.device,
    '--warmup',
    String(check.warmup),
    ...(check.inferenceMode ? [] : ['--no-inference-mode']),
    ...amount,
  ];
}

export function summarizeRound(result: BenchResult, device: string): RoundSummary {
  const latencies = [...result.latencyMs].sort((a, b) => a - b);
  const cpuTimes =
    device === 'cpu' && result.cpuTimeMs?.length ? [...result.cpuTimeMs].sort((a, b) => a - b) : null;
  return {
    p50LatencyMs: quantile(latencies, 0.5),
    p95LatencyMs: quantile(latencies, 0.95),
    p50CpuTimeMs: cpuTimes ? quantile(cpuTimes, 0.5) : null,
    p95CpuTimeMs: cpuTimes ? quantile(cpuTimes, 0.95) : null,
    throughputSamplesPerSec: result.throughputSamplesPerSec,
    peakRssBytes: result.memory.peakRssBytes,
    cudaMaxAllocatedBytes: device === 'cuda' ? (result.cudaMemory?.maxMemoryAllocatedBytes ?? null) : null,
    cudaMaxReservedBytes: device === 'cuda' ? (result.cudaMemory?.maxMemoryReservedBytes ?? null) : null,
    cudaDeviceUsedBytes: device === 'cuda' ? (result.cudaMemory?.deviceUsedBytes ?? null) : null,
  };
}

function failed(message: string, stderr: string, seconds: number): RoundOutcome {
  return {
    status: 'failed',
    message,
    stderrTail: stderr.trimEnd().split('\n').slice(-20).join('\n'),
    seconds,
  };
}
