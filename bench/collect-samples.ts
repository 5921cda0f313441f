import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';

/**
 * Collects real benchmark rounds once, for `run-benchmarks.ts` to resample: fresh runner processes,
 * the baseline model and heavier variants interleaved (base, +5%, base, +10%, base, +15%, base, +20%)
 * so that whatever load the machine has hits every variant alike.
 *
 *   TORCH_BENCH_PYTHON=/path/to/venv/bin/python node --import tsx bench/collect-samples.ts [cycles] [iterations] [file]
 *
 * Defaults: 20 cycles, 400 iterations a round (so run-benchmarks.ts can also judge rounds cut to
 * their first 100), bench/samples/mlp-layers-rounds.json.
 *
 * The heavier variants add identical layers (256 → 256 Linear and ReLU) to a 20-layer MLP, so the
 * work grows by exactly 5% a layer; widening the layers instead (an earlier collection) changes
 * how well the matrix kernels fit and gives slowdowns that do not follow the FLOP count.
 */
export const VARIANTS = [
  { name: 'base', layers: 20, nominalSlowdownPercent: 0 },
  { name: 'heavier-5', layers: 21, nominalSlowdownPercent: 5 },
  { name: 'heavier-10', layers: 22, nominalSlowdownPercent: 10 },
  { name: 'heavier-15', layers: 23, nominalSlowdownPercent: 15 },
  { name: 'heavier-20', layers: 24, nominalSlowdownPercent: 20 },
] as const;

const BATCH_SIZE = 64;
const WARMUP = 10;

async function main(): Promise<void> {
  const python = process.env.TORCH_BENCH_PYTHON;
  if (!python) throw new Error('set TORCH_BENCH_PYTHON to a python with torch installed');
  const cycles = Number(process.argv[2] ?? 20);
  const iterations = Number(process.argv[3] ?? 400);
  const file = path.resolve(
    process.argv[4] ?? path.join(import.meta.dirname, 'samples', 'mlp-layers-rounds.json'),
  );
  const runner = path.join(import.meta.dirname, '..', 'runners', 'torch_bench.py');
  const work = await mkdtemp(path.join(os.tmpdir(), 'torch-bench-samples-'));

  const spec = (layers: number) => JSON.stringify({ builtin: 'mlp', hidden: 256, layers, inputShape: [256] });
  for (const variant of VARIANTS)
    await execa(python, [
      runner,
      'prepare',
      '--model',
      spec(variant.layers),
      '--out',
      path.join(work, variant.name),
    ]);

  const order = VARIANTS.slice(1).flatMap((variant) => [VARIANTS[0], variant]);
  const rounds: unknown[] = [];
  const torchVersion = (await execa(python, ['-c', 'import torch; print(torch.__version__)'])).stdout.trim();
  for (let cycle = 0; cycle < cycles; cycle++) {
    for (const variant of order) {
      const resultFile = path.join(work, 'result.json');
      await execa(python, [
        runner,
        'run',
        '--model',
        spec(variant.layers),
        '--weights',
        path.join(work, variant.name),
        '--batch-size',
        String(BATCH_SIZE),
        '--threads',
        '1',
        '--interop-threads',
        '1',
        '--warmup',
        String(WARMUP),
        '--iterations',
        String(iterations),
        '--result',
        resultFile,
      ]);
      const result = JSON.parse(await readFile(resultFile, 'utf8'));
      const round = (values: number[]) => values.map((value) => Number(value.toFixed(4)));
      rounds.push({
        cycle,
        variant: variant.name,
        loadAverage1m: Number(os.loadavg()[0]?.toFixed(2)),
        latencyMs: round(result.latencyMs),
        cpuTimeMs: round(result.cpuTimeMs),
        throughputSamplesPerSec: result.throughputSamplesPerSec,
        peakRssBytes: result.memory.peakRssBytes,
      });
    }
    process.stderr.write(`cycle ${cycle + 1}/${cycles} done, load ${os.loadavg()[0]?.toFixed(2)}\n`);
    // Written after every cycle, so an interrupted collection still leaves whole cycles behind.
    await writeSamples(file, { torchVersion, iterations }, rounds);
  }
}

async function writeSamples(
  file: string,
  { torchVersion, iterations }: { torchVersion: string; iterations: number },
  rounds: unknown[],
): Promise<void> {
  const meta = {
    collectedAt: new Date().toISOString(),
    torchVersion,
    cpu: os.cpus()[0]?.model,
    logicalCpus: os.cpus().length,
    batchSize: BATCH_SIZE,
    iterations,
    warmup: WARMUP,
    threads: 1,
    variants: VARIANTS,
  };
  await writeFile(file, `${JSON.stringify({ meta, rounds })}\n`);
}

await main();
