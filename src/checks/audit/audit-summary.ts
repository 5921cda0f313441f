import type { ChartSpec } from '../../report/chart-spec.js';
import type { AdvisoryChange, AuditComparison } from './compare-audits.js';
import { SEVERITIES } from './osv-records.js';

export function severityChart(comparison: AuditComparison): ChartSpec {
  return {
    type: 'bars',
    title: 'Known advisories per severity (waived ones left out)',
    unit: 'advisories',
    categories: [...SEVERITIES],
    series: (['baseline', 'candidate'] as const).map((side) => ({
      name: side,
      values: SEVERITIES.map((severity) => comparison.counts[side][severity]),
    })),
  };
}

export function countsText(counts: Record<string, number>): string {
  const parts = SEVERITIES.filter((severity) => counts[severity]).map(
    (severity) => `${counts[severity]} ${severity}`,
  );
  return parts.length === 0 ? 'no known advisories' : parts.join(', ');
}

export function auditSummary(comparison: AuditComparison, records: number): string {
  const listed = (entries: AdvisoryChange[]) => entries.filter((entry) => entry.blocking);
  const name = (entry: AdvisoryChange) =>
    `${entry.id} (${entry.severity}, ${entry.package} ${entry.candidateVersion ?? entry.baselineVersion}${entry.fixedIn ? `, fixed in ${entry.fixedIn}` : ''})`;
  const parts = [
    `${comparison.fixed.length} fixed, ${comparison.remaining.length} remaining, ${comparison.introduced.length} introduced (of ${records} advisories)`,
  ];
  if (listed(comparison.remaining).length > 0)
    parts.push(`remaining: ${listed(comparison.remaining).map(name).join(', ')}`);
  if (listed(comparison.introduced).length > 0)
    parts.push(`introduced: ${listed(comparison.introduced).map(name).join(', ')}`);
  if (comparison.waived.length > 0) parts.push(`waived: ${comparison.waived.map((w) => w.id).join(', ')}`);
  if (comparison.expiredWaivers.length > 0)
    parts.push(
      `expired waivers (no longer counted): ${comparison.expiredWaivers.map((w) => `${w.id} (expired ${w.expires})`).join(', ')}`,
    );
  return parts.join('; ');
}
