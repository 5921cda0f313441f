import type { ItemComparison } from '../check-kind.js';
import type { AdvisoryMatch } from './match-advisories.js';
import { SEVERITIES, type Severity } from './osv-records.js';
import { type Waiver, waiverFor, waiverState } from './waivers.js';

export interface FailOn {
  remaining: Severity[];
  introduced: Severity[];
}

/** An advisory as the comparison lists it: where it stands on each side and whether it gates. */
export interface AdvisoryChange {
  id: string;
  aliases: string[];
  package: string;
  severity: Severity;
  summary: string;
  baselineVersion: string | null;
  candidateVersion: string | null;
  fixedIn?: string;
  /** Set when an unexpired waiver names this advisory: it is listed but does not count. */
  waivedBy?: Waiver;
  /** Whether this advisory alone makes the check fail under `failOn`. */
  blocking: boolean;
}

export type SeverityCounts = Record<Severity, number>;

export interface AuditComparison {
  counts: { baseline: SeverityCounts; candidate: SeverityCounts };
  fixed: AdvisoryChange[];
  remaining: AdvisoryChange[];
  introduced: AdvisoryChange[];
  waived: Waiver[];
  expiredWaivers: Waiver[];
  items: ItemComparison;
  /** A side fails when it holds an advisory the gate counts (waived ones do not). */
  baselineFailed: boolean;
  candidateFailed: boolean;
}

/**
 * Compares the advisories of both sides: which the upgrade fixed, which remain and which it
 * brought in, then applies `failOn` and the waivers that hold at `now`. Remaining blocking
 * advisories count as failing on both sides, introduced ones as regressions, fixed ones as
 * improvements, so that `computeOutcome` judges the check as it judges a test suite.
 */
export function compareAudits(
  baseline: readonly AdvisoryMatch[],
  candidate: readonly AdvisoryMatch[],
  options: {
    failOn: FailOn;
    waivers: readonly Waiver[];
    now: Date;
    /** Installed versions per side, so a fixed advisory shows the version that fixed it. */
    installed?: { baseline?: Record<string, string>; candidate?: Record<string, string> };
  },
): AuditComparison {
  const { active, expired } = waiverState(options.waivers, options.now);
  const before = new Map(baseline.map((match) => [match.id, match]));
  const after = new Map(candidate.map((match) => [match.id, match]));
  const change = (id: string, gatingSeverities: Severity[]): AdvisoryChange => {
    const match = (after.get(id) ?? before.get(id)) as AdvisoryMatch;
    const waivedBy = waiverFor(match, active);
    const fixedIn = after.get(id)?.fixedIn ?? before.get(id)?.fixedIn;
    return {
      id,
      aliases: match.aliases,
      package: match.package,
      severity: match.severity,
      summary: match.summary,
      baselineVersion: before.get(id)?.version ?? options.installed?.baseline?.[match.package] ?? null,
      candidateVersion: after.get(id)?.version ?? options.installed?.candidate?.[match.package] ?? null,
      ...(fixedIn ? { fixedIn } : {}),
      ...(waivedBy ? { waivedBy } : {}),
      blocking: !waivedBy && gatingSeverities.includes(match.severity),
    };
  };

  const gatingBaseline = [...new Set([...options.failOn.remaining, ...options.failOn.introduced])];
  const fixed = [...before.keys()].filter((id) => !after.has(id)).map((id) => change(id, gatingBaseline));
  const remaining = [...after.keys()]
    .filter((id) => before.has(id))
    .map((id) => change(id, options.failOn.remaining));
  const introduced = [...after.keys()]
    .filter((id) => !before.has(id))
    .map((id) => change(id, options.failOn.introduced));

  const usedWaivers = [...fixed, ...remaining, ...introduced].flatMap((entry) =>
    entry.waivedBy ? [entry.waivedBy] : [],
  );
  const items = {
    regressed: introduced.filter((entry) => entry.blocking).length,
    failedBoth: remaining.filter((entry) => entry.blocking).length,
    improved: fixed.filter((entry) => entry.blocking).length,
  };
  const unwaived = (matches: readonly AdvisoryMatch[]) =>
    matches.filter((match) => !waiverFor(match, active));
  return {
    counts: {
      baseline: countBySeverity(unwaived(baseline)),
      candidate: countBySeverity(unwaived(candidate)),
    },
    fixed,
    remaining,
    introduced,
    waived: [...new Set(usedWaivers)],
    expiredWaivers: expired,
    items,
    baselineFailed:
      fixed.some((entry) => entry.blocking) ||
      remaining.some((entry) => !entry.waivedBy && isIn(entry, gatingBaseline)),
    candidateFailed: items.regressed > 0 || items.failedBoth > 0,
  };
}

export function countBySeverity(matches: readonly { severity: Severity }[]): SeverityCounts {
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as SeverityCounts;
  for (const match of matches) counts[match.severity] += 1;
  return counts;
}

function isIn(entry: AdvisoryChange, severities: readonly Severity[]): boolean {
  return severities.includes(entry.severity);
}
