import path from 'node:path';
import type { RecordedWarning, WarningsFile } from './warnings-json.js';
import { warningOccurrences } from './warnings-json.js';

/** One warning (category, message, source package) with every test that raised it. */
export interface WarningGroup {
  category: string;
  message: string;
  /**
   * The package whose code called `warnings.warn`. Libraries warn with a stacklevel pointing at
   * their caller, so the file the warning names is usually the user's; the emitter is the library.
   */
  source: string;
  /** Where the warning points (file relative to pytest's rootdir, and line). */
  location: string | undefined;
  tests: string[];
  count: number;
}

const MAX_TESTS_LISTED = 20;

/** Every distinct warning of one side's run, grouped by category, message and source package. */
export function groupWarnings(file: WarningsFile): WarningGroup[] {
  const groups = new Map<string, WarningGroup>();
  for (const { warning, source: test } of warningOccurrences(file)) {
    const key = warningKey(warning);
    const group = groups.get(key) ?? {
      category: warning.category,
      message: warning.message,
      source: sourcePackage(warning),
      location: locationOf(warning, file.rootdir),
      tests: [],
      count: 0,
    };
    if (!group.tests.includes(test)) group.tests.push(test);
    group.count += warning.count;
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The warnings the candidate raises and the baseline does not, and those that went away. */
export function diffWarnings(
  baseline: WarningGroup[],
  candidate: WarningGroup[],
): { added: WarningGroup[]; gone: WarningGroup[] } {
  const keyOf = (group: WarningGroup) => `${group.category}\u0000${group.message}\u0000${group.source}`;
  const baselineKeys = new Set(baseline.map(keyOf));
  const candidateKeys = new Set(candidate.map(keyOf));
  return {
    added: candidate.filter((group) => !baselineKeys.has(keyOf(group))).map(trimTests),
    gone: baseline.filter((group) => !candidateKeys.has(keyOf(group))).map(trimTests),
  };
}

export function sourcePackage(warning: RecordedWarning): string {
  const emitter = warning.emitter;
  return emitter?.distribution ?? emitter?.package ?? warning.distribution ?? warning.package ?? 'unknown';
}

// The line is left out of the key: the same deprecation moves between releases of the library.
function warningKey(warning: RecordedWarning): string {
  return `${warning.category}\u0000${warning.message}\u0000${sourcePackage(warning)}`;
}

function locationOf(warning: RecordedWarning, rootdir: string): string | undefined {
  if (!warning.filename) return undefined;
  const relative = path.relative(rootdir, warning.filename);
  const file = relative.startsWith('..') ? warning.filename : relative;
  return warning.lineno ? `${file}:${warning.lineno}` : file;
}

function trimTests(group: WarningGroup): WarningGroup {
  return { ...group, tests: group.tests.slice(0, MAX_TESTS_LISTED) };
}
