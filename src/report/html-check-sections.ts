import { auditListsOf, type ListedAdvisory } from './advisory-lists.js';
import { chartsOf } from './chart-spec.js';
import { escapeHtml } from './html-reporter.js';
import { testsAndDriftHtml } from './kind-sections-html.js';
import type { CheckReport, Report } from './report-schema.js';
import { renderChart } from './svg-charts.js';

/** One section per check kind present in the report, each check with its charts and findings. */
export function renderKindSections(report: Report): string {
  const kinds = [...new Set(report.checks.map((check) => check.kind))];
  return kinds
    .map((kind) => {
      const checks = report.checks.filter((check) => check.kind === kind);
      return `<section class="kind" id="kind-${escapeHtml(kind)}">\n<h2>${escapeHtml(kind)} checks</h2>\n${checks.map(checkSection).join('\n')}\n</section>`;
    })
    .join('\n');
}

function checkSection(check: CheckReport): string {
  const sides = (['baseline', 'candidate'] as const)
    .map(
      (side) =>
        `<tr><th>${side}</th><td>${escapeHtml(check[side].status)}</td><td>${escapeHtml(check[side].message ?? '')}</td></tr>`,
    )
    .join('');
  return [
    `<h3 id="check-${escapeHtml(check.id)}">${escapeHtml(check.id)} <span class="outcome-${check.outcome}">${check.outcome}</span></h3>`,
    check.message ? `<p>${escapeHtml(check.message)}</p>` : '',
    `<table><tr><th>side</th><th>status</th><th>note</th></tr>${sides}</table>`,
    chartsOf(check.details).map(renderChart).join('\n'),
    auditTables(check),
    testsAndDriftHtml(check),
  ].join('\n');
}

function auditTables(check: CheckReport): string {
  const lists = auditListsOf(check);
  if (!lists) return '';
  const parts = (
    [
      ['Fixed by the upgrade', lists.fixed],
      ['Remaining after the upgrade', lists.remaining],
      ['Introduced by the upgrade', lists.introduced],
    ] as const
  ).map(([title, entries]) => advisoryTable(title, entries));
  const waivers = [
    ...lists.waived.map((waiver) => ({ ...waiver, state: 'in force' })),
    ...lists.expiredWaivers.map((waiver) => ({ ...waiver, state: 'EXPIRED: no longer counted' })),
  ];
  if (waivers.length > 0)
    parts.push(
      `<h4>Waivers</h4><table><tr><th>advisory</th><th>reason</th><th>expires</th><th>state</th></tr>${waivers
        .map(
          (waiver) =>
            `<tr><td>${escapeHtml(waiver.id)}</td><td>${escapeHtml(waiver.reason)}</td><td>${escapeHtml(waiver.expires)}</td><td>${escapeHtml(waiver.state)}</td></tr>`,
        )
        .join('')}</table>`,
    );
  return parts.join('\n');
}

function gateText(entry: ListedAdvisory, title: string): string {
  if (entry.waivedBy) return `waived until ${escapeHtml(entry.waivedBy.expires)}`;
  if (title.startsWith('Fixed')) return entry.blocking ? 'was blocking' : '—';
  return entry.blocking ? '<strong>blocks</strong>' : 'does not gate';
}

function advisoryTable(title: string, entries: readonly ListedAdvisory[]): string {
  if (entries.length === 0) return `<h4>${escapeHtml(title)}: none</h4>`;
  const rows = entries.map(
    (entry) =>
      `<tr><td>${escapeHtml(entry.id)}${entry.aliases?.length ? `<br><span class="muted">${escapeHtml(entry.aliases.join(', '))}</span>` : ''}</td><td class="sev-${escapeHtml(entry.severity)}">${escapeHtml(entry.severity)}</td><td>${escapeHtml(entry.package)}</td><td>${escapeHtml(entry.baselineVersion ?? '—')}</td><td>${escapeHtml(entry.candidateVersion ?? '—')}</td><td>${escapeHtml(entry.fixedIn ?? '—')}</td><td>${gateText(entry, title)}</td><td>${escapeHtml(entry.summary ?? '')}</td></tr>`,
  );
  return `<h4>${escapeHtml(title)} (${entries.length})</h4><table><tr><th>advisory</th><th>severity</th><th>package</th><th>baseline</th><th>candidate</th><th>fixed in</th><th>gate</th><th>summary</th></tr>${rows.join('')}</table>`;
}
