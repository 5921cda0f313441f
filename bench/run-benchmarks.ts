import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { median, quantile, sampleStandardDeviation } from 'simple-statistics';
import { DEFAULT_ITERATIONS, torchBenchCheckSchema } from '../src/checks/torch-bench/torch-bench-schema.js';
import { asvDefaultFlags, naiveMeanRatioFlags } from '../src/compare/statistics/comparison-rules.js';
import { judgeMetric } from '../src/compare/statistics/judge-metric.js';
import { seededRandom } from '../src/compare/statistics/seeded-random.js';

/**
 * Benchmarks of the gate itself, from real rounds collected once by collect-samples.ts: each
 * repetition draws rounds at random (without replacement) from the collected pools and asks each
 * rule whether the candidate's median latency regressed beyond 10%. A/A repetitions draw both
 * sides from disjoint parts of the base pool. Every rule sees the same draws.
 *
 *   npm run bench [-- bench/samples/FILE.json …]   (default: the quiet, then the loaded collection)
 */
const REPETITIONS = 2000;
const PROJECTED_ROUNDS = [8, 12, 16, 24];
const SAMPLE_FILES = ['mlp-layers-quiet.json', 'mlp-layers-quiet-earlier.json', 'mlp-layers-rounds.json'];

// What a torch-bench check does when a scenario sets none of these: the row the targets are read from.
const DEFAULTS = torchBenchCheckSchema.parse({
  id: 'bench',
  kind: 'torch-bench',
  models: [{ builtin: 'mlp' }],
});
const LIMIT_RATIO = 1 + DEFAULTS.limits.p50LatencyPercent / 100;

interface Round {
  variant: string;
  loadAverage1m: number;
  latencyMs: number[];
  cpuTimeMs: number[];
}

/** One way of judging: which clock, how many iterations of each round, how many rounds a side. */
interface GateRule {
  label: string;
  clock: 'wall' | 'cpu';
  iterations: number;
  candidateRounds: number;
  /** Baseline rounds: equal to candidateRounds, or twice as many when the noise-floor rounds join them. */
  baselineRounds: number;
}

const DEFAULT_RULE: GateRule = {
  label: `${DEFAULTS.latencyClock === 'cpu' ? 'CPU' : 'wall'}, ${DEFAULT_ITERATIONS} it, ${DEFAULTS.rounds} v ${
    DEFAULTS.noiseFloor ? 2 * DEFAULTS.rounds : DEFAULTS.rounds
  } (the check's defaults: noise rounds join the baseline)`,
  clock: DEFAULTS.latencyClock,
  iterations: DEFAULT_ITERATIONS,
  candidateRounds: DEFAULTS.rounds,
  baselineRounds: DEFAULTS.noiseFloor ? 2 * DEFAULTS.rounds : DEFAULTS.rounds,
};

const RULES: GateRule[] = [
  DEFAULT_RULE,
  {
    label: 'wall, 100 it, 8 v 8 (the first default)',
    clock: 'wall',
    iterations: 100,
    candidateRounds: 8,
    baselineRounds: 8,
  },
  { label: 'CPU, 100 it, 8 v 8', clock: 'cpu', iterations: 100, candidateRounds: 8, baselineRounds: 8 },
  { label: 'CPU, 400 it, 8 v 8', clock: 'cpu', iterations: 400, candidateRounds: 8, baselineRounds: 8 },
  {
    label: 'CPU, 100 it, 8 v 16 (noise rounds join the baseline)',
    clock: 'cpu',
    iterations: 100,
    candidateRounds: 8,
    baselineRounds: 16,
  },
  {
    label: 'CPU, 400 it, 8 v 16 (noise rounds join the baseline)',
    clock: 'cpu',
    iterations: 400,
    candidateRounds: 8,
    baselineRounds: 16,
  },
];

async function main(): Promise<void> {
  const files = process.argv.slice(2);
  const sections: string[] = [];
  for (const file of files.length > 0
    ? files
    : SAMPLE_FILES.map((name) => path.join(import.meta.dirname, 'samples', name)))
    sections.push(await benchmarkSamples(file));
  const output = sections.join('\n\n');
  process.stdout.write(`${output}\n`);
  await writeFile(path.join(import.meta.dirname, 'latest-results.md'), `${output}\n`);
}

/** The tables for one collection of rounds, as Markdown. */
async function benchmarkSamples(file: string): Promise<string> {
  const { meta, rounds } = JSON.parse(await readFile(file, 'utf8')) as {
    meta: Record<string, unknown>;
    rounds: Round[];
  };
  const pools = new Map<string, Round[]>();
  for (const round of rounds) pools.set(round.variant, [...(pools.get(round.variant) ?? []), round]);
  const base = pools.get('base') ?? [];
  const variants = [...pools.entries()].filter(([name]) => name !== 'base');

  const loads = rounds.map((round) => round.loadAverage1m);
  const lines = [
    `## ${path.basename(file)}`,
    '',
    `Samples: ${path.basename(file)}, ${rounds.length} rounds (${base.length} base), torch ${meta.torchVersion}, ${meta.cpu}, ${meta.logicalCpus} logical CPUs, ${meta.iterations} iterations a round;`,
    `1-minute load average during collection: min ${Math.min(...loads)}, median ${median(loads).toFixed(2)}, max ${Math.max(...loads)}.`,
    '',
    `Per-process spread: log standard deviation of the base rounds' CPU-time medians ${logSpread(base, 'cpu').toFixed(3)} (wall ${logSpread(base, 'wall').toFixed(3)}), over the first 100 calls of each round.`,
    '',
    "### Measured slowdowns (median over all rounds of each round's median, against base)",
    '',
    '| candidate | wall, 100 it | CPU, 100 it | CPU, all iterations |',
    '|---|---|---|---|',
  ];
  const center = (pool: Round[], clock: 'wall' | 'cpu', iterations: number) =>
    median(pool.map((round) => roundMedian(round, clock, iterations)));
  for (const [name, pool] of variants) {
    const all = Number(meta.iterations);
    const slowdown = (clock: 'wall' | 'cpu', iterations: number) =>
      `${(100 * (center(pool, clock, iterations) / center(base, clock, iterations) - 1)).toFixed(1)}%`;
    lines.push(`| ${name} | ${slowdown('wall', 100)} | ${slowdown('cpu', 100)} | ${slowdown('cpu', all)} |`);
  }

  lines.push(
    '',
    '### How often each rule flags a regression beyond 10%',
    '',
    `| rule | A/A (false alarm) | ${variants.map(([name]) => name).join(' | ')} |`,
    `|---|---|${variants.map(() => '---').join('|')}|`,
  );
  const random = seededRandom(20240601);
  const rows: { label: string; rates: string[] }[] = [
    ...RULES.map((rule) => ({ label: `ours: ${rule.label}`, rates: [] as string[] })),
    { label: 'naive: mean of raw wall latencies > ×1.10 (8 v 8, 100 it)', rates: [] },
    { label: "asv's default: ×1.1 and MW p < 0.002 on raw wall latencies (8 v 8, 100 it)", rates: [] },
  ];
  // One draw serves every rule: the most baseline rounds any rule uses, and the candidate's. A rule
  // is judged only where each pool holds at least twice the rounds it draws from it (n/a elsewhere):
  // with fewer, every repetition would see nearly the same rounds and the rate would describe them,
  // not the rule.
  const mostBaseline = Math.max(...RULES.map((rule) => rule.baselineRounds));
  const mostCandidate = Math.max(...RULES.map((rule) => rule.candidateRounds));
  for (const pool of [null, ...variants.map(([, variantPool]) => variantPool)]) {
    const fits = (rule: GateRule) =>
      rule.iterations <= Number(meta.iterations) &&
      (pool
        ? 2 * rule.candidateRounds <= pool.length && 2 * rule.baselineRounds <= base.length
        : mostBaseline + rule.candidateRounds <= base.length &&
          2 * (rule.baselineRounds + rule.candidateRounds) <= base.length);
    const counts = new Array<number>(rows.length).fill(0);
    for (let repetition = 0; repetition < REPETITIONS; repetition++) {
      const drawnBase = draw(base, pool ? mostBaseline : mostBaseline + mostCandidate, random);
      const baseline = drawnBase.slice(0, mostBaseline);
      const candidate = pool ? draw(pool, mostCandidate, random) : drawnBase.slice(mostBaseline);
      RULES.forEach((rule, index) => {
        if (!fits(rule)) return;
        const judgement = judgeMetric({
          baseline: baseline
            .slice(0, rule.baselineRounds)
            .map((r) => roundMedian(r, rule.clock, rule.iterations)),
          candidate: candidate
            .slice(0, rule.candidateRounds)
            .map((r) => roundMedian(r, rule.clock, rule.iterations)),
          better: 'lower',
          limitRatio: LIMIT_RATIO,
          alpha: DEFAULTS.alpha,
        });
        if (judgement.regressed) counts[index] = (counts[index] ?? 0) + 1;
      });
      const raw = (side: Round[]) => side.slice(0, 8).flatMap((round) => round.latencyMs.slice(0, 100));
      if (naiveMeanRatioFlags(raw(baseline), raw(candidate)))
        counts[RULES.length] = (counts[RULES.length] ?? 0) + 1;
      if (asvDefaultFlags(raw(baseline), raw(candidate)))
        counts[RULES.length + 1] = (counts[RULES.length + 1] ?? 0) + 1;
    }
    for (const [index, count] of counts.entries()) {
      const rule = RULES[index];
      rows[index]?.rates.push(rule && !fits(rule) ? 'n/a' : `${((100 * count) / REPETITIONS).toFixed(1)}%`);
    }
  }
  for (const row of rows) lines.push(`| ${row.label} | ${row.rates.join(' | ')} |`);
  lines.push(
    '',
    `${REPETITIONS} repetitions per cell; each rule sees the same draws; n/a where a pool holds fewer than twice the rounds the rule draws from it, or rounds shorter than the rule's.`,
  );

  // More rounds than the pools hold cannot be drawn without replacement: resample with it. The
  // rounds are then reused within and across repetitions, so these rows project, not measure.
  lines.push(
    '',
    '### Projection: more rounds (rounds resampled with replacement; CPU time, 100 it)',
    '',
    `| rounds candidate v baseline (+ noise rounds) | A/A (false alarm) | ${variants.map(([name]) => name).join(' | ')} |`,
    `|---|---|${variants.map(() => '---').join('|')}|`,
  );
  for (const candidateRounds of PROJECTED_ROUNDS) {
    const rates: string[] = [];
    for (const pool of [null, ...variants.map(([, variantPool]) => variantPool)]) {
      let flagged = 0;
      for (let repetition = 0; repetition < REPETITIONS; repetition++) {
        const side = (from: Round[], count: number) =>
          Array.from({ length: count }, () =>
            roundMedian(from[random.integer(from.length)] as Round, 'cpu', 100),
          );
        const judgement = judgeMetric({
          baseline: side(base, 2 * candidateRounds),
          candidate: side(pool ?? base, candidateRounds),
          better: 'lower',
          limitRatio: LIMIT_RATIO,
          alpha: DEFAULTS.alpha,
        });
        if (judgement.regressed) flagged++;
      }
      rates.push(`${((100 * flagged) / REPETITIONS).toFixed(1)}%`);
    }
    lines.push(`| ${candidateRounds} v ${candidateRounds} + ${candidateRounds} | ${rates.join(' | ')} |`);
  }

  return lines.join('\n');
}

/** The round's median on one clock over its first `iterations` timed calls (what a shorter round would have seen). */
function roundMedian(round: Round, clock: 'wall' | 'cpu', iterations: number): number {
  const key = `${clock} ${iterations}`;
  const known = medians.get(round) ?? new Map<string, number>();
  medians.set(round, known);
  const cached = known.get(key);
  if (cached !== undefined) return cached;
  const values = (clock === 'wall' ? round.latencyMs : round.cpuTimeMs).slice(0, iterations);
  const value = quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
  known.set(key, value);
  return value;
}
const medians = new WeakMap<Round, Map<string, number>>();

/** How much one fresh process's median differs from the next: the standard deviation of their logarithms. */
function logSpread(pool: Round[], clock: 'wall' | 'cpu'): number {
  return sampleStandardDeviation(pool.map((round) => Math.log(roundMedian(round, clock, 100))));
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
