import type { CheckReport } from './report-schema.js';

/** An advisory as an audit check's details list it (see src/checks/audit/compare-audits.ts). */
export interface ListedAdvisory {
  id: string;
  aliases?: string[];
  package: string;
  severity: string;
  summary?: string;
  baselineVersion: string | null;
  candidateVersion: string | null;
  fixedIn?: string;
  waivedBy?: { id: string; reason: string; expires: string };
  blocking: boolean;
}

export interface ListedWaiver {
  id: string;
  reason: string;
  expires: string;
}

export interface AuditLists {
  fixed: ListedAdvisory[];
  remaining: ListedAdvisory[];
  introduced: ListedAdvisory[];
  waived: ListedWaiver[];
  expiredWaivers: ListedWaiver[];
  counts?: { baseline: Record<string, number>; candidate: Record<string, number> };
}

/** Reads an audit check's lists back from a report (which may come from an older or edited file). */
export function auditListsOf(check: CheckReport): AuditLists | undefined {
  const details = check.details;
  if (check.kind !== 'audit' || !details || !Array.isArray(details.fixed)) return undefined;
  const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);
  return {
    fixed: list(details.fixed),
    remaining: list(details.remaining),
    introduced: list(details.introduced),
    waived: list(details.waived),
    expiredWaivers: list(details.expiredWaivers),
    counts: details.counts as AuditLists['counts'],
  };
}
