import { describe, expect, it } from 'vitest';
import type { CheckReport, EnvironmentReport, Outcome } from '../report/report-schema.js';
import { decideVerdict } from './gate.js';

const ready: EnvironmentReport = {
  status: 'ready',
  python: '3.11.7',
  packages: {},
  pipCheck: { ok: true, problems: [] },
  cached: false,
  provisionSeconds: 1,
};
const failed: EnvironmentReport = {
  ...ready,
  status: 'failed',
  failure: ['ERROR: No matching distribution found for nosuchpkg==1.0'],
};
const side = { status: 'passed' as const, durationSeconds: 0 };
const check = (id: string, outcome: Outcome): CheckReport => ({
  id,
  kind: 'command',
  outcome,
  baseline: side,
  candidate: side,
});
const rules = { noGoOutcomes: ['regressed', 'fail'] as Outcome[] };

describe('decideVerdict', () => {
  it('says go when every check passes', () => {
    const verdict = decideVerdict({
      environments: { baseline: ready, candidate: ready },
      checks: [check('a', 'pass'), check('b', 'improved')],
      rules,
    });
    expect(verdict).toEqual({ verdict: 'go', reasons: [] });
  });

  it('says no-go for a regression, even beside an error', () => {
    const verdict = decideVerdict({
      environments: { baseline: ready, candidate: ready },
      checks: [check('a', 'regressed'), check('b', 'error')],
      rules,
    });
    expect(verdict.verdict).toBe('no-go');
    expect(verdict.reasons[0]).toBe('a: regressed');
  });

  it('says error when a check could not run and nothing regressed', () => {
    const verdict = decideVerdict({
      environments: { baseline: ready, candidate: ready },
      checks: [check('a', 'pass'), check('b', 'error')],
      rules,
    });
    expect(verdict.verdict).toBe('error');
  });

  it('says no-go with pip’s reason when the candidate does not install', () => {
    const verdict = decideVerdict({
      environments: { baseline: ready, candidate: failed },
      checks: [check('a', 'skipped')],
      rules,
    });
    expect(verdict).toEqual({
      verdict: 'no-go',
      reasons: [
        'the candidate set did not install: ERROR: No matching distribution found for nosuchpkg==1.0',
      ],
    });
  });

  it('says plainly when the baseline itself no longer installs', () => {
    const verdict = decideVerdict({
      environments: { baseline: failed, candidate: ready },
      checks: [check('a', 'pass')],
      rules,
    });
    expect(verdict.verdict).toBe('go');
    expect(verdict.reasons[0]).toMatch(/^the baseline set itself no longer installs/);
  });

  it('says no-go and blames nobody else when neither set installs', () => {
    const verdict = decideVerdict({
      environments: { baseline: failed, candidate: failed },
      checks: [check('a', 'skipped')],
      rules,
    });
    expect(verdict).toEqual({
      verdict: 'no-go',
      reasons: [
        'the candidate set did not install: ERROR: No matching distribution found for nosuchpkg==1.0',
        'the baseline set itself no longer installs (ERROR: No matching distribution found for nosuchpkg==1.0)',
      ],
    });
  });

  it('never says go when nothing was checked', () => {
    const verdict = decideVerdict({
      environments: { baseline: ready, candidate: ready },
      checks: [check('a', 'skipped')],
      rules,
    });
    expect(verdict.verdict).toBe('error');
  });

  it('follows the scenario’s no-go outcomes', () => {
    const lenient = { noGoOutcomes: ['regressed'] as Outcome[] };
    const verdict = decideVerdict({
      environments: { baseline: ready, candidate: ready },
      checks: [check('a', 'fail')],
      rules: lenient,
    });
    expect(verdict.verdict).toBe('go');
  });
});
