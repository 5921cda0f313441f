import { escapeHtml } from './html-reporter.js';
import {
  benchFactRows,
  outputsDetails,
  pytestDetails,
  shortNumber,
  type TestDifferenceView,
} from './kind-details.js';
import type { CheckReport } from './report-schema.js';

/** A check's test-suite, output-drift or benchmark-environment tables for report.html; empty for other kinds. */
export function testsAndDriftHtml(check: CheckReport): string {
  const tests = pytestDetails(check);
  if (tests) return pytestHtml(check.id, tests);
  const facts = benchFactRows(check);
  if (facts)
    return `<h2>Benchmark environments: ${escapeHtml(check.id)}</h2>\n${table(['', 'baseline', 'candidate'], facts)}`;
  const outputs = outputsDetails(check);
  return outputs ? outputsHtml(check.id, outputs) : '';
}

function pytestHtml(id: string, details: NonNullable<ReturnType<typeof pytestDetails>>): string {
  const regressed = details.regressed
    .map(
      (test) =>
        `<li><code>${escapeHtml(test.id)}</code>: ${escapeHtml(test.baseline)} → <strong>${escapeHtml(test.candidate)}</strong>: ${escapeHtml(test.candidateMessage ?? '')}${test.excerpt ? `<pre>${escapeHtml(test.excerpt)}</pre>` : ''}</li>`,
    )
    .join('\n');
  const warnings = details.newWarnings ?? [];
  const warningRows = warnings.map((warning) => [
    warning.category,
    warning.source,
    warning.message,
    warning.location ?? '—',
    `${warning.tests.length}`,
  ]);
  return [
    `<h2>Tests: ${escapeHtml(id)}</h2>`,
    `<h3>Regressed (${details.regressed.length})</h3>`,
    regressed ? `<ul>\n${regressed}\n</ul>` : '<p>None.</p>',
    differences(`Failing on both sides (${details.preExisting.length})`, details.preExisting),
    differences(`Fixed by the upgrade (${details.fixed.length})`, details.fixed),
    differences(`On one side only (${details.oneSideOnly.length})`, details.oneSideOnly),
    `<h3>New warnings on the candidate (${warnings.length})${details.newWarningsPolicy === 'fail' ? ', strict' : ''}</h3>`,
    warnings.length > 0
      ? table(['category', 'source', 'message', 'where', 'tests'], warningRows)
      : '<p>None.</p>',
  ].join('\n');
}

function differences(title: string, tests: TestDifferenceView[]): string {
  if (tests.length === 0) return '';
  const rows = tests.map((test) => [
    test.id,
    test.baseline,
    test.candidate,
    test.note ?? test.candidateMessage ?? test.baselineMessage ?? '',
  ]);
  return `<h3>${escapeHtml(title)}</h3>\n${table(['test', 'baseline', 'candidate', 'note'], rows)}`;
}

function outputsHtml(id: string, details: NonNullable<ReturnType<typeof outputsDetails>>): string {
  const drift = details.drift.map((row) => [
    row.file,
    row.field,
    row.at || '—',
    String(row.baseline),
    String(row.candidate),
    shortNumber(row.maxAbsolute),
    shortNumber(row.maxRelative),
    `${shortNumber(row.tolerance.absolute)}, ${shortNumber(row.tolerance.relative)}`,
    row.verdict === 'beyond' ? `BEYOND (${row.beyond} of ${row.elements})` : 'within',
  ]);
  const mismatches = details.mismatches.map((row) => [
    row.file,
    row.field ?? '—',
    row.at ?? '—',
    row.baseline ?? '—',
    row.candidate ?? '—',
    row.message,
  ]);
  return [
    `<h2>Output drift: ${escapeHtml(id)}</h2>`,
    drift.length > 0
      ? table(
          [
            'file',
            'field',
            'where',
            'baseline',
            'candidate',
            'max abs Δ',
            'max rel Δ',
            'tolerance (abs, rel)',
            'verdict',
          ],
          drift,
        )
      : '',
    mismatches.length > 0
      ? table(['file', 'field', 'where', 'baseline', 'candidate', 'difference'], mismatches)
      : '',
    details.notes.length > 0
      ? `<ul>${details.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>`
      : '',
    drift.length === 0 && mismatches.length === 0 ? '<p>The outputs are identical.</p>' : '',
  ].join('\n');
}

function table(headers: string[], rows: string[][]): string {
  const head = `<tr>${headers.map((header) => `<th>${escapeHtml(header)}</th>`).join('')}</tr>`;
  const body = rows.map((row) => `<tr>${row.map((value) => `<td>${escapeHtml(value)}</td>`).join('')}</tr>`);
  return `<table>\n${head}\n${body.join('\n')}\n</table>`;
}
