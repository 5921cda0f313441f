import type { BenchResult } from './runner-result.js';

/** The environment facts of a side worth a line in the report: torch, threads, BLAS, CPU, GPU. */
export function sideFacts(result: BenchResult | undefined): Record<string, unknown> {
  if (!result) return {};
  const { environment } = result;
  const build = environment.build as Record<string, unknown>;
  return {
    torchVersion: environment.torchVersion,
    threads: environment.threads,
    device: result.config.device,
    inferenceMode: result.config.inferenceMode ?? null,
    blas: build.blas ?? null,
    onednn: build.onednn ?? null,
    openmp: build.openmp ?? null,
    parallelBackend: build.atenParallelBackend ?? null,
    cpuCapability: build.cpuCapability ?? null,
    cpuModel: environment.cpu.model ?? null,
    cuda: environment.cuda,
    cudaMemory: result.cudaMemory,
  };
}
