import { describe, expect, it } from 'vitest';
import type { Outcome, SideStatus } from '../report/report-schema.js';
import { computeOutcome } from './outcome.js';

const statuses: SideStatus[] = ['passed', 'failed', 'error', 'skipped'];

// Every pair of side statuses, with no metrics and no items, as the contract's table reads.
const expected: Record<SideStatus, Record<SideStatus, Outcome>> = {
  passed: { passed: 'pass', failed: 'regressed', error: 'error', skipped: 'skipped' },
  failed: { passed: 'improved', failed: 'fail', error: 'error', skipped: 'skipped' },
  error: { passed: 'error', failed: 'error', error: 'error', skipped: 'skipped' },
  skipped: { passed: 'skipped', failed: 'skipped', error: 'error', skipped: 'skipped' },
};

describe('computeOutcome', () => {
  for (const baseline of statuses) {
    for (const candidate of statuses) {
      it(`baseline ${baseline}, candidate ${candidate} → ${expected[baseline][candidate]}`, () => {
        expect(computeOutcome({ baseline, candidate })).toBe(expected[baseline][candidate]);
      });
    }
  }

  it('regresses a passing check whose metric got significantly worse', () => {
    expect(computeOutcome({ baseline: 'passed', candidate: 'passed', metricRegressed: true })).toBe(
      'regressed',
    );
  });

  it('keeps a failed check failed even with a regressed metric', () => {
    expect(computeOutcome({ baseline: 'failed', candidate: 'failed', metricRegressed: true })).toBe('fail');
  });

  it.each([
    ['passed', 'pass'],
    ['failed', 'fail'],
    ['error', 'error'],
    ['skipped', 'skipped'],
  ] as const)('judges the candidate alone (%s) when the baseline did not install', (candidate, outcome) => {
    expect(computeOutcome({ baseline: 'skipped', candidate, baselineUnavailable: true })).toBe(outcome);
  });

  it.each([
    [{ regressed: 1, improved: 2, failedBoth: 3 }, 'regressed'],
    [{ regressed: 0, improved: 2, failedBoth: 3 }, 'fail'],
    [{ regressed: 0, improved: 2, failedBoth: 0 }, 'improved'],
  ] as const)('judges items one by one: %o → %s', (items, outcome) => {
    expect(computeOutcome({ baseline: 'failed', candidate: 'failed', items })).toBe(outcome);
  });

  it('passes items with nothing regressed, failed or fixed', () => {
    const items = { regressed: 0, improved: 0, failedBoth: 0 };
    expect(computeOutcome({ baseline: 'passed', candidate: 'passed', items })).toBe('pass');
    expect(computeOutcome({ baseline: 'passed', candidate: 'passed', items, metricRegressed: true })).toBe(
      'regressed',
    );
  });
});
