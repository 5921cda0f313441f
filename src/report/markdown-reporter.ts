import { kindSectionsMarkdown } from './kind-sections-markdown.js';
import { renderAuditMarkdown } from './markdown-audit.js';
import { metricTable } from './metric-cells.js';
import type { Report } from './report-schema.js';

const VERDICT_BADGE = { go: '✅ GO', 'no-go': '❌ NO-GO', error: '⚠️ ERROR (could not decide)' } as const;
const OUTCOME_MARK = {
  pass: '✅',
  regressed: '❌',
  improved: '🟢',
  fail: '❌',
  error: '⚠️',
  skipped: '⏭️',
} as const;

/** report.md: verdict and reasons first, then checks, the dependency diff, and failure excerpts. */
export function renderMarkdown(report: Report): string {
  const lines: string[] = [];
  lines.push(`# Upgrade report: ${report.scenario.name}`, '');
  lines.push(`**Verdict: ${VERDICT_BADGE[report.verdict]}**`, '');
  for (const reason of report.reasons) lines.push(`- ${reason}`);
  if (report.reasons.length > 0) lines.push('');
  lines.push(
    `Scenario \`${report.scenario.file}\`, backend \`${report.backend}\`, ${report.startedAt} → ${report.finishedAt}.`,
    '',
  );

  lines.push('## Environments', '', '| | baseline | candidate |', '|---|---|---|');
  const { baseline, candidate } = report.environments;
  lines.push(`| status | ${baseline.status} | ${candidate.status} |`);
  lines.push(`| python | ${baseline.python ?? '—'} | ${candidate.python ?? '—'} |`);
  lines.push(
    `| packages | ${Object.keys(baseline.packages).length} | ${Object.keys(candidate.packages).length} |`,
  );
  lines.push(`| pip check | ${pipCheckText(baseline.pipCheck)} | ${pipCheckText(candidate.pipCheck)} |`);
  lines.push(`| provisioning | ${provisionText(baseline)} | ${provisionText(candidate)} |`, '');

  lines.push(
    '## Checks',
    '',
    '| check | kind | outcome | baseline | candidate | note |',
    '|---|---|---|---|---|---|',
  );
  for (const check of report.checks) {
    const note = cell(check.message ?? '');
    lines.push(
      `| ${check.id} | ${check.kind} | ${OUTCOME_MARK[check.outcome]} ${check.outcome} | ${check.baseline.status} | ${check.candidate.status} | ${note} |`,
    );
  }
  lines.push('');
  const metrics = metricTable(report.checks);
  if (metrics.rows.length > 0) {
    lines.push('### Metrics', '', row(metrics.headers), row(metrics.headers.map(() => '---')));
    for (const { cells, regressed } of metrics.rows) {
      const marked = cells.map((text) => cell(text));
      if (regressed) marked[marked.length - 1] = `**${marked.at(-1)}**`;
      lines.push(row(marked));
    }
    lines.push('');
  }

  lines.push(...kindSectionsMarkdown(report));
  lines.push(...renderAuditMarkdown(report));

  lines.push('## Dependency changes', '');
  if (report.dependencyDiff.length === 0) lines.push('No package versions differ.', '');
  else {
    lines.push('| package | baseline | candidate | change |', '|---|---|---|---|');
    for (const change of report.dependencyDiff) {
      const jump = change.majorJump ? ' (major)' : '';
      lines.push(
        `| ${change.name} | ${change.baseline ?? '—'} | ${change.candidate ?? '—'} | ${change.change}${jump} |`,
      );
    }
    lines.push('');
  }

  const excerpts = failureExcerpts(report);
  if (excerpts.length > 0) lines.push('## Failure excerpts', '', ...excerpts);
  return `${lines.join('\n').trimEnd()}\n`;
}

function failureExcerpts(report: Report): string[] {
  const lines: string[] = [];
  for (const side of ['baseline', 'candidate'] as const) {
    const failure = report.environments[side].failure;
    if (failure) lines.push(`### ${side} environment did not install`, '', '```text', ...failure, '```', '');
  }
  for (const check of report.checks) {
    for (const side of ['baseline', 'candidate'] as const) {
      const result = check[side];
      if (result.status !== 'failed' && result.status !== 'error') continue;
      lines.push(`### ${check.id} — ${side}: ${result.message ?? result.status}`, '');
      const tail = [result.stderrTail, result.stdoutTail].filter(Boolean).join('\n').trim();
      if (tail) lines.push('```text', tail, '```', '');
    }
  }
  return lines;
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function pipCheckText(check: { ok: boolean; problems: string[] }): string {
  return check.ok
    ? 'ok'
    : `${check.problems.length} problem(s): ${cell(check.problems.slice(0, 2).join('; '))}`;
}

function provisionText(environment: { cached: boolean; provisionSeconds: number }): string {
  return `${environment.provisionSeconds.toFixed(1)} s${environment.cached ? ' (cached)' : ''}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ').slice(0, 200);
}
