import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { median } from 'simple-statistics';
import { asvDefaultFlags, naiveMeanRatioFlags } from '../src/compare/statistics/comparison-rules.js';
import { judgeMetric } from '../src/compare/statistics/judge-metric.js';
import { seededRandom } from '../src/compare/statistics/seeded-random.js';

/**
 * Benchmarks of the gate itself, from real rounds collected once by collect-samples.ts: each
 * repetition draws ROUNDS rounds a side at random (without replacement) from the collected pools
 * and asks three rules whether the candidate's p50 latency regressed beyond 10%. A/A repetitions
 * draw both sides from disjoint halves of the base pool. Writes bench/RESULTS.md's table to stdout.
 */
const ROUNDS = 8;
const REPETITIONS = 2000;

interface Round {
  cycle: number;
  variant: string;
  loadAverage1m: number;
  latencyMs: number[];
  cpuTimeMs: number[];
}

async function main(): Promise<void> {
  const file = path.join(import.meta.dirname, 'samples', 'mlp-rounds.json');
  const { meta, rounds } = JSON.parse(await readFile(file, 'utf8')) as {
    meta: Record<string, unknown>;
    rounds: Round[];
  };
  const pools = new Map<string, Round[]>();
  for (const round of rounds) pools.set(round.variant, [...(pools.get(round.variant) ?? []), round]);
  const base = pools.get('base') ?? [];
  const random = seededRandom(20240601);

  const lines: string[] = [];
  const loads = rounds.map((round) => round.loadAverage1m);
  lines.push(
    `Samples: ${rounds.length} rounds (${base.length} base), torch ${meta.torchVersion}, ${meta.cpu}, ${meta.logicalCpus} logical CPUs;`,
    `1-minute load average during collection: min ${Math.min(...loads)}, median ${median(loads)}, max ${Math.max(...loads)}.`,
    '',
    `| candidate | measured slowdown (p50, all rounds) | ours: ratio > 1.10 and MW p < 0.01 | naive mean ratio > 1.10 | asv: ×1.1 and MW p < 0.002 | ours on CPU time (slowdown; flagged) |`,
    '|---|---|---|---|---|---|',
  );

  const baseMedian = median(base.map((round) => median(round.latencyMs)));
  const baseCpuMedian = median(base.map((round) => median(round.cpuTimeMs)));
  const rows: [string, Round[] | null][] = [
    ['A/A (base vs base)', null],
    ...[...pools.entries()]
      .filter(([name]) => name !== 'base')
      .map(([name, pool]) => [name, pool] as [string, Round[]]),
  ];
  for (const [name, pool] of rows) {
    const counts = { ours: 0, naive: 0, asv: 0, cpu: 0 };
    for (let repetition = 0; repetition < REPETITIONS; repetition++) {
      const drawnBase = draw(base, pool ? ROUNDS : 2 * ROUNDS, random);
      const baseline = drawnBase.slice(0, ROUNDS);
      const candidate = pool ? draw(pool, ROUNDS, random) : drawnBase.slice(ROUNDS);
      const judgement = judgeMetric({
        baseline: baseline.map((round) => median(round.latencyMs)),
        candidate: candidate.map((round) => median(round.latencyMs)),
        better: 'lower',
        limitRatio: 1.1,
      });
      if (judgement.regressed) counts.ours++;
      const cpuJudgement = judgeMetric({
        baseline: baseline.map((round) => median(round.cpuTimeMs)),
        candidate: candidate.map((round) => median(round.cpuTimeMs)),
        better: 'lower',
        limitRatio: 1.1,
      });
      if (cpuJudgement.regressed) counts.cpu++;
      const rawBaseline = baseline.flatMap((round) => round.latencyMs);
      const rawCandidate = candidate.flatMap((round) => round.latencyMs);
      if (naiveMeanRatioFlags(rawBaseline, rawCandidate)) counts.naive++;
      if (asvDefaultFlags(rawBaseline, rawCandidate)) counts.asv++;
    }
    const measured = pool ? median(pool.map((round) => median(round.latencyMs))) / baseMedian - 1 : 0;
    const measuredCpu = pool ? median(pool.map((round) => median(round.cpuTimeMs))) / baseCpuMedian - 1 : 0;
    const rate = (count: number) => `${((100 * count) / REPETITIONS).toFixed(1)}%`;
    lines.push(
      `| ${name} | ${pool ? `${(100 * measured).toFixed(1)}%` : '—'} | ${rate(counts.ours)} | ${rate(counts.naive)} | ${rate(counts.asv)} | ${pool ? `${(100 * measuredCpu).toFixed(1)}%; ` : ''}${rate(counts.cpu)} |`,
    );
  }
  lines.push('', `${REPETITIONS} repetitions per row, ${ROUNDS} rounds a side per repetition.`);
  const output = lines.join('\n');
  process.stdout.write(`${output}\n`);
  await writeFile(path.join(import.meta.dirname, 'latest-results.md'), `${output}\n`);
}

/** `count` distinct rounds of `pool`, in random order. */
function draw(pool: Round[], count: number, random: ReturnType<typeof seededRandom>): Round[] {
  const copy = [...pool];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = random.integer(index + 1);
    [copy[index], copy[other]] = [copy[other] as Round, copy[index] as Round];
  }
  return copy.slice(0, count);
}

await main();
