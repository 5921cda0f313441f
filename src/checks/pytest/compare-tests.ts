import type { TestStatus } from './junit-results.js';
import type { TestResult } from './test-results.js';
import { tracebackExcerpt } from './traceback-excerpt.js';

export type SideTestStatus = TestStatus | 'absent';

/** A test whose result differs in kind between the sides, or that failed on both. */
export interface TestDifference {
  id: string;
  baseline: SideTestStatus;
  candidate: SideTestStatus;
  baselineMessage?: string;
  candidateMessage?: string;
  /** The failing side's traceback, cut to the lines that say where and why. */
  excerpt?: string;
  /** Set when a side's result comes from its test module failing to import. */
  collectionError?: 'baseline' | 'candidate';
  note?: string;
}

export interface TestComparison {
  /** Passed on the baseline, failed or errored on the candidate. */
  regressed: TestDifference[];
  /** Failed or errored on both: a problem the upgrade neither caused nor fixed. */
  preExisting: TestDifference[];
  /** Failed or errored on the baseline, passed on the candidate. */
  fixed: TestDifference[];
  /** Ran on one side only: not collected, or skipped, on the other. */
  oneSideOnly: TestDifference[];
  unchanged: { passed: number; skipped: number };
}

const BAD = new Set<SideTestStatus>(['failed', 'error']);
const NOT_RUN = new Set<SideTestStatus>(['skipped', 'xfailed']);

/**
 * Judges every test id of both sides, as the contract's outcome table says, test by test.
 * A test missing from a side whose module failed to import there takes that collection error as
 * its result, so a module that stops importing on the candidate regresses the tests it held.
 */
export function compareTests(baseline: TestResult[], candidate: TestResult[]): TestComparison {
  const comparison: TestComparison = {
    regressed: [],
    preExisting: [],
    fixed: [],
    oneSideOnly: [],
    unchanged: { passed: 0, skipped: 0 },
  };
  const sides = { baseline: indexById(baseline), candidate: indexById(candidate) };
  const absorbed = new Set<string>();
  const ids = [...new Set([...sides.baseline.keys(), ...sides.candidate.keys()])];

  for (const id of ids) {
    const base = entryFor(id, sides.baseline, baseline, absorbed);
    const cand = entryFor(id, sides.candidate, candidate, absorbed);
    const difference = describe(id, base, cand);
    const category = categoryOf(difference.baseline, difference.candidate);
    if (category === 'passed' || category === 'skipped') comparison.unchanged[category] += 1;
    else comparison[category].push(difference);
  }

  // A collection error that stands for tests the other side ran is already counted through them.
  comparison.oneSideOnly = comparison.oneSideOnly.filter(
    (difference) => !(absorbed.has(difference.id) && isOnlyCollectionError(difference)),
  );
  return comparison;
}

type Category = keyof Omit<TestComparison, 'unchanged'> | 'passed' | 'skipped';

function categoryOf(baseline: SideTestStatus, candidate: SideTestStatus): Category {
  if (baseline === 'passed' && BAD.has(candidate)) return 'regressed';
  if (BAD.has(baseline) && BAD.has(candidate)) return 'preExisting';
  if (BAD.has(baseline) && candidate === 'passed') return 'fixed';
  if (baseline === 'passed' && candidate === 'passed') return 'passed';
  if (NOT_RUN.has(baseline) && NOT_RUN.has(candidate)) return 'skipped';
  return 'oneSideOnly';
}

interface SideEntry {
  result: TestResult;
  viaCollectionError: boolean;
}

function describe(id: string, base: SideEntry | undefined, cand: SideEntry | undefined): TestDifference {
  const baseline = base?.result.status ?? 'absent';
  const candidate = cand?.result.status ?? 'absent';
  const failing = BAD.has(candidate) ? cand : BAD.has(baseline) ? base : undefined;
  const excerpt = tracebackExcerpt(failing?.result.text);
  const collectionError = cand?.viaCollectionError
    ? 'candidate'
    : base?.viaCollectionError
      ? 'baseline'
      : undefined;
  return {
    id,
    baseline,
    candidate,
    ...(base?.result.message ? { baselineMessage: shortMessage(base.result.message) } : {}),
    ...(cand?.result.message ? { candidateMessage: shortMessage(cand.result.message) } : {}),
    ...(excerpt ? { excerpt } : {}),
    ...(collectionError ? { collectionError } : {}),
    ...(noteFor(baseline, candidate) ? { note: noteFor(baseline, candidate) } : {}),
  };
}

function noteFor(baseline: SideTestStatus, candidate: SideTestStatus): string | undefined {
  if (baseline === 'absent') return 'collected on the candidate only';
  if (candidate === 'absent') return 'not collected on the candidate';
  if (NOT_RUN.has(candidate) && !NOT_RUN.has(baseline))
    return `ran on the baseline only (${candidate} on the candidate)`;
  if (NOT_RUN.has(baseline) && !NOT_RUN.has(candidate))
    return `ran on the candidate only (${baseline} on the baseline)`;
  return undefined;
}

// Assertion messages carry pytest's `+ where …` explanations, which can hold whole DataFrame reprs.
function shortMessage(message: string): string {
  const lines = message.split('\n').filter((line) => !line.startsWith(' +'));
  const text = lines.slice(0, 3).join('\n');
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

function indexById(results: TestResult[]): Map<string, TestResult> {
  return new Map(results.map((result) => [result.id, result]));
}

/** A side's result for a test id, or else the collection error of the module it lives in. */
function entryFor(
  id: string,
  byId: Map<string, TestResult>,
  results: TestResult[],
  absorbed: Set<string>,
): SideEntry | undefined {
  const own = byId.get(id);
  if (own) return { result: own, viaCollectionError: false };
  const error = results.find(
    (result) => result.collectionError && (id.startsWith(`${result.id}::`) || id.startsWith(`${result.id}/`)),
  );
  if (!error) return undefined;
  absorbed.add(error.id);
  return { result: error, viaCollectionError: true };
}

function isOnlyCollectionError(difference: TestDifference): boolean {
  return difference.baseline === 'absent' || difference.candidate === 'absent';
}
