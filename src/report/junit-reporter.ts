import type { CheckReport, Report, SideResult } from './report-schema.js';

/**
 * junit.xml: one test suite per side, one test case per check and side, so CI systems show which
 * side broke. `failure` for failed checks, `error` for harness errors, `skipped` for skipped ones.
 */
export function renderJunit(report: Report): string {
  const suites = (['baseline', 'candidate'] as const).map((side) => {
    const cases = report.checks.map((check) => testCase(report, check, side));
    const count = (status: SideResult['status']) =>
      report.checks.filter((check) => check[side].status === status).length;
    const seconds = report.checks.reduce((sum, check) => sum + check[side].durationSeconds, 0);
    return [
      `  <testsuite name="${xml(`${report.scenario.name}.${side}`)}" tests="${report.checks.length}" failures="${count('failed')}" errors="${count('error')}" skipped="${count('skipped')}" time="${seconds.toFixed(3)}" timestamp="${xml(report.startedAt.replace(/Z$/, ''))}">`,
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });
  const failures = report.checks.reduce(
    (n, c) => n + +(c.baseline.status === 'failed') + +(c.candidate.status === 'failed'),
    0,
  );
  const errors = report.checks.reduce(
    (n, c) => n + +(c.baseline.status === 'error') + +(c.candidate.status === 'error'),
    0,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(report.scenario.name)}" tests="${report.checks.length * 2}" failures="${failures}" errors="${errors}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function testCase(report: Report, check: CheckReport, side: 'baseline' | 'candidate'): string {
  const result = check[side];
  const open = `    <testcase classname="${xml(`${report.scenario.name}.${side}`)}" name="${xml(check.id)}" time="${result.durationSeconds.toFixed(3)}">`;
  const text = [result.message, result.stderrTail, result.stdoutTail].filter(Boolean).join('\n');
  const body: string[] = [];
  if (result.status === 'failed')
    body.push(
      `      <failure message="${xml(result.message ?? 'failed')}" type="${xml(check.outcome)}">${xml(text)}</failure>`,
    );
  if (result.status === 'error')
    body.push(
      `      <error message="${xml(result.message ?? 'error')}" type="harness-error">${xml(text)}</error>`,
    );
  if (result.status === 'skipped')
    body.push(`      <skipped message="${xml(result.message ?? 'skipped')}"/>`);
  body.push(
    `      <system-out>${xml(`outcome: ${check.outcome}${check.message ? ` — ${check.message}` : ''}`)}</system-out>`,
  );
  return [open, ...body, '    </testcase>'].join('\n');
}

/** Escapes text for XML attributes and content, dropping characters XML 1.0 cannot hold. */
export function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
