import type { ItemComparison } from '../checks/check-kind.js';
import type { Outcome, SideStatus } from '../report/report-schema.js';

export interface OutcomeInputs {
  baseline: SideStatus;
  candidate: SideStatus;
  /** Set when the baseline environment did not install: the check is judged on the candidate alone. */
  baselineUnavailable?: boolean;
  /** Whether any metric got worse beyond its limit with statistical support. */
  metricRegressed?: boolean;
  /** For checks made of many items (tests, endpoints, advisories): counts judged item by item. */
  items?: ItemComparison | undefined;
}

/**
 * The one place where two sides become an outcome, as the contract's table says:
 * pass, regressed, improved, fail, error, skipped.
 */
export function computeOutcome(inputs: OutcomeInputs): Outcome {
  const { baseline, candidate } = inputs;
  if (candidate === 'error') return 'error';
  if (candidate === 'skipped') return 'skipped';
  if (inputs.baselineUnavailable) return candidate === 'passed' ? 'pass' : 'fail';
  if (baseline === 'error') return 'error';
  if (baseline === 'skipped') return 'skipped';

  if (inputs.items) {
    if (inputs.items.regressed > 0 || inputs.metricRegressed) return 'regressed';
    if (inputs.items.failedBoth > 0) return 'fail';
    if (inputs.items.improved > 0) return 'improved';
    return sideOutcome(baseline, candidate);
  }

  const outcome = sideOutcome(baseline, candidate);
  if (outcome === 'pass' && inputs.metricRegressed) return 'regressed';
  return outcome;
}

function sideOutcome(baseline: 'passed' | 'failed', candidate: 'passed' | 'failed'): Outcome {
  if (baseline === 'passed') return candidate === 'passed' ? 'pass' : 'regressed';
  return candidate === 'passed' ? 'improved' : 'fail';
}
