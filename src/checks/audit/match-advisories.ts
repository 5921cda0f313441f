import { fixedVersionAbove, isAffected } from './affected-versions.js';
import type { Advisory, Severity } from './osv-records.js';

/** An advisory that applies to one installed package of one side. */
export interface AdvisoryMatch {
  id: string;
  aliases: string[];
  package: string;
  version: string;
  severity: Severity;
  summary: string;
  /** The lowest fixed release above the installed one, when the advisory names one. */
  fixedIn?: string;
}

/** Every advisory that affects a package of `packages` (normalized name → installed version). */
export function matchAdvisories(
  advisories: readonly Advisory[],
  packages: Readonly<Record<string, string>>,
): AdvisoryMatch[] {
  const matches: AdvisoryMatch[] = [];
  for (const advisory of advisories) {
    for (const affected of advisory.affected) {
      const version = packages[affected.name];
      if (version === undefined || !isAffected(version, affected)) continue;
      const fixedIn = fixedVersionAbove(version, affected);
      matches.push({
        id: advisory.id,
        aliases: advisory.aliases,
        package: affected.name,
        version,
        severity: advisory.severity,
        summary: advisory.summary,
        ...(fixedIn ? { fixedIn } : {}),
      });
      break;
    }
  }
  return matches.sort((left, right) => left.id.localeCompare(right.id));
}
