import type { Report } from './report-schema.js';

/** The file names of the rollback material written beside the report. */
export const LOCK_FILE_NAMES = {
  baseline: 'baseline-requirements.lock.txt',
  candidate: 'candidate-requirements.lock.txt',
} as const;

/**
 * A fully pinned requirements file of everything a side had installed, so that rolling back (the
 * baseline) or deploying exactly what was tested (the candidate) is one `pip install -r`.
 * Undefined for a side that did not install: there is nothing tested to pin.
 */
export function renderLockFile(report: Report, side: 'baseline' | 'candidate'): string | undefined {
  const environment = report.environments[side];
  if (environment.status !== 'ready') return undefined;
  const pins = Object.entries(environment.packages)
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([name, version]) => `${name}==${version}`);
  return [
    `# Every package of the ${side} set as the harness installed and tested it`,
    `# (scenario ${report.scenario.name}, python ${environment.python ?? '?'}, run ${report.startedAt}).`,
    `# Reproduce it with: pip install -r ${LOCK_FILE_NAMES[side]}`,
    '# Packages from a non-default index or --find-links need the same pip options as the scenario.',
    ...pins,
    '',
  ].join('\n');
}
