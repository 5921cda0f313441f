import type { CheckReport, EnvironmentReport, Outcome, Verdict } from '../report/report-schema.js';

export interface GateRules {
  /** Outcomes that make the verdict no-go. */
  noGoOutcomes: readonly Outcome[];
}

export interface GateInputs {
  environments: { baseline: EnvironmentReport; candidate: EnvironmentReport };
  checks: readonly CheckReport[];
  rules: GateRules;
}

/**
 * The verdict and its reasons. Fails closed: a definite no-go wins; otherwise anything the
 * harness could not decide makes the verdict `error`; `go` needs every check judged and passing.
 */
export function decideVerdict(inputs: GateInputs): { verdict: Verdict; reasons: string[] } {
  const noGo: string[] = [];
  const errors: string[] = [];
  const { baseline, candidate } = inputs.environments;

  if (candidate.status === 'failed') {
    noGo.push(`the candidate set did not install: ${firstLine(candidate.failure)}`);
  }
  for (const check of inputs.checks) {
    if (check.outcome === 'error')
      errors.push(`${check.id}: the harness could not run it: ${check.message ?? 'error'}`);
    else if (inputs.rules.noGoOutcomes.includes(check.outcome)) {
      noGo.push(`${check.id}: ${check.outcome}${check.message ? `: ${check.message}` : ''}`);
    }
  }

  const judgedAlone = candidate.status === 'ready' ? '; checks were judged on the candidate alone' : '';
  const notes =
    baseline.status === 'failed'
      ? [`the baseline set itself no longer installs (${firstLine(baseline.failure)})${judgedAlone}`]
      : [];
  if (noGo.length > 0) return { verdict: 'no-go', reasons: [...noGo, ...errors, ...notes] };
  if (errors.length > 0) return { verdict: 'error', reasons: [...errors, ...notes] };

  const judged = inputs.checks.filter((check) => check.outcome !== 'skipped');
  if (judged.length === 0) {
    return { verdict: 'error', reasons: ['no check was run, so nothing supports a go', ...notes] };
  }
  return { verdict: 'go', reasons: notes };
}

function firstLine(lines: readonly string[] | undefined): string {
  return lines?.find((line) => line.startsWith('ERROR')) ?? lines?.[0] ?? 'pip failed';
}
