import { type AuditLists, auditListsOf, type ListedAdvisory } from './advisory-lists.js';
import type { Report } from './report-schema.js';

const SEVERITY_ORDER = ['critical', 'high', 'moderate', 'low', 'unknown'];

/** The audit checks of a report as Markdown: counts per severity, then what the upgrade changed. */
export function renderAuditMarkdown(report: Report): string[] {
  const lines: string[] = [];
  for (const check of report.checks) {
    const lists = auditListsOf(check);
    if (!lists) continue;
    lines.push(`## Security advisories (${check.id})`, '');
    if (lists.counts) {
      lines.push('| | critical | high | moderate | low | unknown |', '|---|---|---|---|---|---|');
      for (const side of ['baseline', 'candidate'] as const) {
        const counts = lists.counts[side];
        lines.push(`| ${side} | ${SEVERITY_ORDER.map((severity) => counts[severity] ?? 0).join(' | ')} |`);
      }
      lines.push('');
    }
    lines.push(
      ...advisoryList('Remaining', lists.remaining),
      ...advisoryList('Introduced', lists.introduced),
    );
    if (lists.fixed.length > 0)
      lines.push(
        `<details><summary>Fixed by the upgrade: ${lists.fixed.length}</summary>`,
        '',
        ...lists.fixed.map((entry) => item(entry, false)),
        '',
        '</details>',
        '',
      );
    lines.push(...waiverLines(lists));
  }
  return lines;
}

function advisoryList(title: string, entries: ListedAdvisory[]): string[] {
  if (entries.length === 0) return [`**${title}:** none`, ''];
  return [`**${title}:**`, '', ...entries.map((entry) => item(entry, true)), ''];
}

function item(entry: ListedAdvisory, gates: boolean): string {
  const versions = `${entry.package} ${entry.baselineVersion ?? '—'} → ${entry.candidateVersion ?? '—'}`;
  const gate = entry.waivedBy
    ? `, waived until ${entry.waivedBy.expires}`
    : entry.blocking && gates
      ? ', **blocks**'
      : '';
  const fix = entry.fixedIn ? `, fixed in ${entry.fixedIn}` : '';
  return `- ${entry.severity.toUpperCase()} ${entry.id} (${versions}${fix}${gate}) ${entry.summary ?? ''}`.trimEnd();
}

function waiverLines(lists: AuditLists): string[] {
  const lines = lists.waived.map(
    (waiver) => `- waiver ${waiver.id} until ${waiver.expires}: ${waiver.reason}`,
  );
  lines.push(
    ...lists.expiredWaivers.map(
      (waiver) =>
        `- ⚠️ waiver ${waiver.id} **expired** ${waiver.expires} (no longer counted): ${waiver.reason}`,
    ),
  );
  return lines.length > 0 ? ['**Waivers:**', '', ...lines, ''] : [];
}
