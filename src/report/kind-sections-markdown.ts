import {
  benchFactRows,
  outputsDetails,
  pytestDetails,
  shortNumber,
  type TestDifferenceView,
} from './kind-details.js';
import type { Report } from './report-schema.js';

/** report.md sections for test suites (pytest), output drift (outputs) and what benchmarks ran on (torch-bench). */
export function kindSectionsMarkdown(report: Report): string[] {
  const lines: string[] = [];
  for (const check of report.checks) {
    const tests = pytestDetails(check);
    if (tests) lines.push(...pytestSection(check.id, tests));
    const outputs = outputsDetails(check);
    if (outputs) lines.push(...outputsSection(check.id, outputs));
    const facts = benchFactRows(check);
    if (facts) {
      lines.push(`## Benchmark environments: ${check.id}`, '', '| | baseline | candidate |', '|---|---|---|');
      for (const row of facts) lines.push(`| ${row.map(cell).join(' | ')} |`);
      lines.push('');
    }
  }
  return lines;
}

function pytestSection(id: string, details: NonNullable<ReturnType<typeof pytestDetails>>): string[] {
  const lines = [`## Tests: ${id}`, ''];
  lines.push(
    `### Regressed (${details.regressed.length}): passed on the baseline, fail on the candidate`,
    '',
  );
  if (details.regressed.length === 0) lines.push('None.', '');
  for (const test of details.regressed) {
    const via = test.collectionError ? ' (its module no longer imports)' : '';
    lines.push(
      `- \`${test.id}\` — ${test.baseline} → **${test.candidate}**${via}: ${inline(test.candidateMessage)}`,
    );
    if (test.excerpt)
      lines.push('', '  ```text', ...test.excerpt.split('\n').map((line) => `  ${line}`), '  ```');
  }
  lines.push('');
  lines.push(
    ...differenceTable(
      `Failing on both sides, before the upgrade too (${details.preExisting.length})`,
      details.preExisting,
      true,
    ),
  );
  lines.push(...differenceTable(`Fixed by the upgrade (${details.fixed.length})`, details.fixed, false));
  lines.push(
    ...differenceTable(`On one side only (${details.oneSideOnly.length})`, details.oneSideOnly, false),
  );

  const warnings = details.newWarnings ?? [];
  const strict = details.newWarningsPolicy === 'fail' ? ' (strict: each one fails the gate)' : '';
  lines.push(`### New warnings on the candidate (${warnings.length})${strict}`, '');
  if (warnings.length === 0) lines.push('None.', '');
  else {
    lines.push('| category | source | message | where | tests |', '|---|---|---|---|---|');
    for (const warning of warnings)
      lines.push(
        `| ${warning.category} | ${warning.source} | ${cell(warning.message)} | ${warning.location ?? '—'} | ${warning.tests.length}: ${cell(warning.tests.slice(0, 3).map(shortTest).join(', '))} |`,
      );
    lines.push('');
  }
  return lines;
}

function differenceTable(title: string, tests: TestDifferenceView[], bothMessages: boolean): string[] {
  if (tests.length === 0) return [];
  const lines = [`### ${title}`, '', '| test | baseline | candidate | note |', '|---|---|---|---|'];
  for (const test of tests) {
    const message = bothMessages
      ? `baseline: ${test.baselineMessage ?? '—'}; candidate: ${test.candidateMessage ?? '—'}`
      : (test.note ?? test.baselineMessage ?? test.candidateMessage ?? '');
    lines.push(`| \`${test.id}\` | ${test.baseline} | ${test.candidate} | ${cell(message)} |`);
  }
  return [...lines, ''];
}

function outputsSection(id: string, details: NonNullable<ReturnType<typeof outputsDetails>>): string[] {
  const lines = [`## Output drift: ${id}`, ''];
  if (details.drift.length === 0 && details.mismatches.length === 0)
    lines.push('The outputs are identical.', '');
  if (details.drift.length > 0) {
    lines.push(
      '| file | field | where | baseline | candidate | max abs Δ | max rel Δ | tolerance (abs, rel) | verdict |',
      '|---|---|---|---|---|---|---|---|---|',
    );
    const sorted = [...details.drift].sort(
      (a, b) => Number(b.verdict === 'beyond') - Number(a.verdict === 'beyond'),
    );
    for (const drift of sorted) {
      const verdict =
        drift.verdict === 'beyond' ? `**beyond** (${drift.beyond} of ${drift.elements})` : 'within';
      lines.push(
        `| ${drift.file} | ${drift.field} | ${drift.at || '—'} | ${drift.baseline} | ${drift.candidate} | ${shortNumber(drift.maxAbsolute)} | ${shortNumber(drift.maxRelative)} | ${shortNumber(drift.tolerance.absolute)}, ${shortNumber(drift.tolerance.relative)} | ${verdict} |`,
      );
    }
    lines.push('');
  }
  if (details.mismatches.length > 0) {
    lines.push('| file | field | where | baseline | candidate | difference |', '|---|---|---|---|---|---|');
    for (const mismatch of details.mismatches)
      lines.push(
        `| ${mismatch.file} | ${mismatch.field ?? '—'} | ${mismatch.at ?? '—'} | ${cell(mismatch.baseline ?? '—')} | ${cell(mismatch.candidate ?? '—')} | ${cell(mismatch.message)} |`,
      );
    lines.push('');
  }
  for (const note of details.notes) lines.push(`- Note: ${note}`);
  if (details.notes.length > 0) lines.push('');
  return lines;
}

function shortTest(id: string): string {
  return id.split('::').slice(1).join('::') || id;
}

function inline(text: string | undefined): string {
  return text ? `\`${text.split('\n')[0]?.replace(/`/g, "'")}\`` : '';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ').slice(0, 300);
}
