import pep440 from '@renovatebot/pep440';
import type { AffectedPackage, RangeEvent } from './osv-records.js';

/**
 * Whether `version` lies in an OSV `ECOSYSTEM` range, compared as PEP 440 says. The events are
 * walked in version order as the OSV schema prescribes: `introduced` opens, `fixed` closes at that
 * version, `last_affected` closes just after it. `introduced: "0"` means every earlier version.
 */
export function inRange(version: string, events: readonly RangeEvent[]): boolean {
  let affected = false;
  for (const event of sortEvents(events)) {
    if (event.introduced !== undefined && atLeast(version, event.introduced)) affected = true;
    if (event.fixed !== undefined && atLeast(version, event.fixed)) affected = false;
    if (event.last_affected !== undefined && pep440.gt(version, event.last_affected)) affected = false;
  }
  return affected;
}

/** Whether one installed version is affected, by the listed `versions` or by any range. */
export function isAffected(version: string, affected: AffectedPackage): boolean {
  if (!pep440.valid(version)) return affected.versions.includes(version);
  if (affected.versions.some((listed) => pep440.valid(listed) && pep440.eq(listed, version))) return true;
  return affected.ranges.some((events) => inRange(version, events));
}

/** The lowest fixed version above `version`, which is what an upgrade has to reach. */
export function fixedVersionAbove(version: string, affected: AffectedPackage): string | undefined {
  const fixes = affected.ranges
    .flatMap((events) => events.map((event) => event.fixed))
    .filter((fixed): fixed is string => fixed !== undefined && Boolean(pep440.valid(fixed)))
    .filter((fixed) => !pep440.valid(version) || pep440.gt(fixed, version))
    .sort(pep440.compare);
  return fixes[0];
}

function atLeast(version: string, bound: string): boolean {
  if (bound === '0') return true;
  return pep440.gte(version, bound);
}

function eventVersion(event: RangeEvent): string {
  return event.introduced ?? event.fixed ?? event.last_affected ?? event.limit ?? '0';
}

function sortEvents(events: readonly RangeEvent[]): RangeEvent[] {
  return [...events].sort((left, right) => {
    const a = eventVersion(left);
    const b = eventVersion(right);
    if (a === '0' || b === '0') return a === b ? 0 : a === '0' ? -1 : 1;
    if (!pep440.valid(a) || !pep440.valid(b)) return 0;
    return pep440.compare(a, b);
  });
}
