import pep440 from '@renovatebot/pep440';
import type { DependencyChange } from '../report/report-schema.js';

/**
 * Every package whose version differs between the two sets, transitive ones included, compared
 * with PEP 440 (never as strings). Sorted by name. A version PEP 440 cannot read counts as upgraded
 * when it differs, since pip installed it and the direction is unknown.
 */
export function dependencyDiff(
  baseline: Record<string, string>,
  candidate: Record<string, string>,
): DependencyChange[] {
  const names = [...new Set([...Object.keys(baseline), ...Object.keys(candidate)])].sort();
  const changes: DependencyChange[] = [];

  for (const name of names) {
    const before = baseline[name] ?? null;
    const after = candidate[name] ?? null;
    if (before === after) continue;
    if (before === null) changes.push({ name, baseline: null, candidate: after, change: 'added' });
    else if (after === null) changes.push({ name, baseline: before, candidate: null, change: 'removed' });
    else if (pep440.valid(before) && pep440.valid(after) && pep440.eq(before, after)) continue;
    else {
      const comparable = Boolean(pep440.valid(before) && pep440.valid(after));
      const downgraded = comparable && pep440.lt(after, before);
      const majorJump = comparable && pep440.major(before) !== pep440.major(after);
      changes.push({
        name,
        baseline: before,
        candidate: after,
        change: downgraded ? 'downgraded' : 'upgraded',
        majorJump,
      });
    }
  }
  return changes;
}
