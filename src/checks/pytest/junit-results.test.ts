import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJunitXml } from './junit-results.js';

const sample = (name: string) =>
  readFileSync(path.join(import.meta.dirname, '../../../runners/samples', name), 'utf8');

describe('parseJunitXml on pytest 7.4 / 8.3 output', () => {
  const cases = parseJunitXml(sample('junit-cases.base.junit.xml'));
  const byName = (name: string) => cases.find((testCase) => testCase.name === name);

  it('reads every outcome kind pytest writes', () => {
    const statuses = Object.fromEntries(
      cases.map((testCase) => [`${testCase.classname}::${testCase.name}`, testCase.status]),
    );
    expect(statuses).toEqual({
      '::test_collection_error': 'error',
      'test_cases::test_passes': 'passed',
      'test_cases::test_fails': 'failed',
      'test_cases::test_raises': 'failed',
      'test_cases::test_skipped_mark': 'skipped',
      'test_cases::test_skipped_inline': 'skipped',
      'test_cases::test_setup_error': 'error',
      'test_cases::test_teardown_error_after_pass': 'error',
      'test_cases::test_xfail': 'xfailed',
      'test_cases::test_xpass': 'passed',
      'test_cases::test_xpass_strict': 'failed',
      'test_cases.TestGroup::test_param[1]': 'passed',
      'test_cases.TestGroup::test_param[2]': 'failed',
      'test_collect_warning::test_after_collect_warning': 'passed',
    });
  });

  it('decodes messages (newlines are &#10; in attributes) and keeps the traceback text', () => {
    expect(byName('test_fails')?.message).toBe('AssertionError: arithmetic is broken\nassert (1 + 1) == 3');
    expect(byName('test_fails')?.text).toContain('>       assert 1 + 1 == 3, "arithmetic is broken"');
    expect(byName('test_setup_error')?.message).toBe(
      'failed on setup with "RuntimeError: fixture setup exploded"',
    );
    expect(byName('test_collection_error')?.text).toContain('test_collection_error.py:6: in <module>');
    expect(byName('test_skipped_mark')?.message).toBe('skipped by mark');
  });

  it('reads the candidate suite of the pipeline example, pytest 8 timestamps included', () => {
    const pipeline = parseJunitXml(sample('pipeline-suite.cand.junit.xml'));
    expect(pipeline).toHaveLength(18);
    expect(pipeline.find((testCase) => testCase.name === 'test_column_types')).toMatchObject({
      status: 'failed',
      message: "AttributeError: 'DataFrame' object has no attribute 'iteritems'",
    });
  });

  it('refuses a file that is not JUnit XML', () => {
    expect(() => parseJunitXml('<html><body/></html>')).toThrow(/no <testsuite>/);
  });
});
