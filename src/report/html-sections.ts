import { renderKindSections } from './html-check-sections.js';
import { escapeHtml } from './html-reporter.js';
import { latencyChartsHtml } from './latency-chart-svg.js';
import { metricTable } from './metric-cells.js';
import type { CheckReport, Report } from './report-schema.js';

/** The sections of report.html below the verdict: environments, checks, one per kind, diff, excerpts. */
export function renderMarkdownTables(report: Report): string {
  return [
    environments(report),
    checks(report),
    renderKindSections(report),
    dependencyDiff(report),
    excerpts(report),
  ].join('\n');
}

function table(headers: string[], rows: string[][]): string {
  const head = `<tr>${headers.map((header) => `<th>${escapeHtml(header)}</th>`).join('')}</tr>`;
  const body = rows.map((row) => `<tr>${row.map((value) => `<td>${value}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n${head}\n${body}\n</table>`;
}

function environments(report: Report): string {
  const { baseline, candidate } = report.environments;
  const row = (label: string, pick: (environment: typeof baseline) => string) => [
    escapeHtml(label),
    escapeHtml(pick(baseline)),
    escapeHtml(pick(candidate)),
  ];
  return `<h2>Environments</h2>\n${table(
    ['', 'baseline', 'candidate'],
    [
      row('status', (environment) => environment.status),
      row('python', (environment) => environment.python ?? '—'),
      row('packages', (environment) => String(Object.keys(environment.packages).length)),
      row('pip check', (environment) =>
        environment.pipCheck.ok ? 'ok' : environment.pipCheck.problems.join('; '),
      ),
      row(
        'provisioning',
        (environment) =>
          `${environment.provisionSeconds.toFixed(1)} s${environment.cached ? ' (cached)' : ''}`,
      ),
    ],
  )}`;
}

function checks(report: Report): string {
  const rows = report.checks.map((check) => [
    escapeHtml(check.id),
    escapeHtml(check.kind),
    `<span class="outcome-${check.outcome}">${check.outcome}</span>`,
    escapeHtml(check.baseline.status),
    escapeHtml(check.candidate.status),
    escapeHtml(check.message ?? ''),
  ]);
  const metrics = metricTable(report.checks);
  const metricRows = metrics.rows.map(({ cells, regressed }) => {
    const escaped = cells.map(escapeHtml);
    if (regressed) escaped[escaped.length - 1] = `<strong>${escaped.at(-1)}</strong>`;
    return escaped;
  });
  const metricTableHtml =
    metricRows.length > 0 ? `<h3>Metrics</h3>\n${table(metrics.headers, metricRows)}` : '';
  return `<h2>Checks</h2>\n${table(['check', 'kind', 'outcome', 'baseline', 'candidate', 'note'], rows)}\n${metricTableHtml}\n${latencyChartsHtml(report.checks)}`;
}

function dependencyDiff(report: Report): string {
  if (report.dependencyDiff.length === 0)
    return '<h2>Dependency changes</h2>\n<p>No package versions differ.</p>';
  const rows = report.dependencyDiff.map((change) => [
    escapeHtml(change.name),
    escapeHtml(change.baseline ?? '—'),
    escapeHtml(change.candidate ?? '—'),
    escapeHtml(change.change) + (change.majorJump ? ' <strong>(major)</strong>' : ''),
  ]);
  return `<h2>Dependency changes</h2>\n${table(['package', 'baseline', 'candidate', 'change'], rows)}`;
}

function excerpts(report: Report): string {
  const parts: string[] = [];
  for (const side of ['baseline', 'candidate'] as const) {
    const failure = report.environments[side].failure;
    if (failure)
      parts.push(
        `<h3>${side} environment did not install</h3>\n<pre>${escapeHtml(failure.join('\n'))}</pre>`,
      );
  }
  for (const check of report.checks) parts.push(...checkExcerpts(check));
  return parts.length > 0 ? `<h2>Failure excerpts</h2>\n${parts.join('\n')}` : '';
}

function checkExcerpts(check: CheckReport): string[] {
  return (['baseline', 'candidate'] as const).flatMap((side) => {
    const result = check[side];
    if (result.status !== 'failed' && result.status !== 'error') return [];
    const tail = [result.stderrTail, result.stdoutTail].filter(Boolean).join('\n').trim();
    return [
      `<h3>${escapeHtml(check.id)} — ${side}: ${escapeHtml(result.message ?? result.status)}</h3>`,
      tail ? `<pre>${escapeHtml(tail)}</pre>` : '',
    ];
  });
}
