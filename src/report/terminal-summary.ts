import type { Report } from './report-schema.js';

const OUTCOME_WIDTH = 10;

/** The one-screen summary printed after a run. */
export function renderSummary(report: Report, reportDir: string): string {
  const lines: string[] = [];
  const headline = { go: 'GO', 'no-go': 'NO-GO', error: 'ERROR: the harness could not decide' }[
    report.verdict
  ];
  lines.push('', `Verdict: ${headline}  (${report.scenario.name}, backend ${report.backend})`);
  for (const reason of report.reasons.slice(0, 8)) lines.push(`  - ${reason}`);
  if (report.reasons.length > 8) lines.push(`  … ${report.reasons.length - 8} more in the report`);

  lines.push('', 'Environments:');
  for (const side of ['baseline', 'candidate'] as const) {
    const environment = report.environments[side];
    const packages = Object.keys(environment.packages).length;
    const state = environment.status === 'ready' ? `${packages} packages` : 'DID NOT INSTALL';
    const cached = environment.cached ? ', cached' : '';
    lines.push(
      `  ${side.padEnd(9)} python ${environment.python ?? '?'}  ${state}  (${environment.provisionSeconds.toFixed(1)} s${cached})`,
    );
  }

  lines.push('', 'Checks:');
  for (const check of report.checks) {
    const note = check.message ? `  ${check.message.split('\n')[0]?.slice(0, 100)}` : '';
    lines.push(`  ${check.outcome.padEnd(OUTCOME_WIDTH)} ${check.id} (${check.kind})${note}`);
  }
  const changed = report.dependencyDiff.length;
  lines.push(
    '',
    `${changed} package version${changed === 1 ? ' differs' : 's differ'}. Report: ${reportDir}/report.md`,
    '',
  );
  return lines.join('\n');
}
