import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

/** The Mann-Whitney U test of two independent samples (no library we found ships one for Node). */
export interface RankSumResult {
  /** Pairs (x, y) with y > x, ties counted one half: n·m when every y exceeds every x. */
  uStatistic: number;
  /** P(U ≥ observed) when both samples come from one distribution: small when y tends to be larger. */
  pGreater: number;
  /** P(U ≤ observed): small when y tends to be smaller. */
  pLess: number;
  pTwoSided: number;
  method: 'exact' | 'normal';
}

/** Above this many pairs the exact distribution costs more than the normal approximation is off. */
const EXACT_MAX_PAIRS = 2500;

export function rankSumTest(x: readonly number[], y: readonly number[]): RankSumResult {
  const n = x.length;
  const m = y.length;
  if (n === 0 || m === 0) throw new RangeError('the rank-sum test needs at least one value on each side');

  const uStatistic = candidateRankSum(x, y) - (m * (m + 1)) / 2;

  const ties = tieCounts([...x, ...y]);
  const exact = ties.every((count) => count === 1) && n * m <= EXACT_MAX_PAIRS;
  const { pGreater, pLess } = exact ? exactTails(uStatistic, n, m) : normalTails(uStatistic, n, m, ties);
  return {
    uStatistic,
    pGreater,
    pLess,
    pTwoSided: Math.min(1, 2 * Math.min(pGreater, pLess)),
    method: exact ? 'exact' : 'normal',
  };
}

/**
 * Number of ways each U value arises among all C(n+m, n) rankings, by the usual recurrence
 * f(n, m, u) = f(n-1, m, u-m) + f(n, m-1, u); returned as probabilities indexed by U.
 */
export function exactUDistribution(n: number, m: number): number[] {
  // counts[i][u] for samples of size i and the current j; built up one y value at a time.
  let previous: number[][] = Array.from({ length: n + 1 }, () => [1]);
  for (let j = 1; j <= m; j++) {
    const current: number[][] = [[1]];
    for (let i = 1; i <= n; i++) {
      const size = i * j + 1;
      const row = new Array<number>(size).fill(0);
      const withoutY = previous[i] ?? [];
      const withY = current[i - 1] ?? [];
      for (let u = 0; u < size; u++) row[u] = (withoutY[u] ?? 0) + (u >= j ? (withY[u - j] ?? 0) : 0);
      current.push(row);
    }
    previous = current;
  }
  const counts = previous[n] ?? [1];
  const total = counts.reduce((sum, count) => sum + count, 0);
  return counts.map((count) => count / total);
}

function exactTails(uStatistic: number, n: number, m: number): { pGreater: number; pLess: number } {
  const distribution = exactUDistribution(n, m);
  let pGreater = 0;
  let pLess = 0;
  distribution.forEach((probability, u) => {
    if (u >= uStatistic) pGreater += probability;
    if (u <= uStatistic) pLess += probability;
  });
  return { pGreater: Math.min(1, pGreater), pLess: Math.min(1, pLess) };
}

/** Normal approximation with the tie correction and a continuity correction of one half. */
function normalTails(
  uStatistic: number,
  n: number,
  m: number,
  ties: number[],
): { pGreater: number; pLess: number } {
  const mean = (n * m) / 2;
  const total = n + m;
  const tieTerm = ties.reduce((sum, t) => sum + (t ** 3 - t), 0) / (total * (total - 1));
  const variance = ((n * m) / 12) * (total + 1 - tieTerm);
  if (variance <= 0) return { pGreater: 1, pLess: 1 };
  const sd = Math.sqrt(variance);
  return {
    pGreater: 1 - normalCdf(uStatistic - 0.5, mean, sd),
    pLess: normalCdf(uStatistic + 0.5, mean, sd),
  };
}

/** The sum of y's midranks in the pooled sample, by sorting: O((n+m) log(n+m)). */
function candidateRankSum(x: readonly number[], y: readonly number[]): number {
  const pooled = [
    ...x.map((value) => ({ value, fromY: false })),
    ...y.map((value) => ({ value, fromY: true })),
  ];
  pooled.sort((a, b) => a.value - b.value);
  let sum = 0;
  for (let start = 0; start < pooled.length; ) {
    let end = start;
    while (end + 1 < pooled.length && pooled[end + 1]?.value === pooled[start]?.value) end++;
    const midrank = (start + end) / 2 + 1;
    for (let index = start; index <= end; index++) if (pooled[index]?.fromY) sum += midrank;
    start = end + 1;
  }
  return sum;
}

function tieCounts(values: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.values()];
}

/**
 * The smallest one-sided p-value the test can give with n and m values and no ties: every value of
 * one side beyond every value of the other, one ranking among C(n+m, n). At or above alpha, no
 * difference however large is ever significant.
 */
export function smallestPValue(n: number, m: number): number {
  let ways = 1;
  for (let i = 1; i <= n; i++) ways = (ways * (m + i)) / i;
  return 1 / ways;
}
