import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareTests } from './compare-tests.js';
import { parseJunitXml } from './junit-results.js';
import { diffWarnings, groupWarnings } from './new-warnings.js';
import { namedTestResults, type TestResult } from './test-results.js';
import { parseWarningsFile } from './warnings-json.js';

const samples = path.join(import.meta.dirname, '../../../runners/samples');
const load = (name: string) => {
  const warnings = parseWarningsFile(readFileSync(path.join(samples, `${name}.warnings.json`), 'utf8'));
  const tests = namedTestResults(
    parseJunitXml(readFileSync(path.join(samples, `${name}.junit.xml`), 'utf8')),
    warnings,
  );
  return { warnings, tests };
};
const shortId = (id: string) => id.replace('tests/test_pipeline.py::', '');

describe('compareTests on the pipeline example (pandas 1.5 → 2.2)', () => {
  const baseline = load('pipeline-suite.base');
  const candidate = load('pipeline-suite.cand');
  const comparison = compareTests(baseline.tests, candidate.tests);

  it('names tests by nodeid, joined through the warnings plugin', () => {
    expect(candidate.tests.map((test) => test.id)).toContain(
      'tests/test_pipeline.py::test_fill_gaps_leaves_no_nan[east]',
    );
  });

  it('separates regressed, pre-existing, fixed and one-side-only tests', () => {
    expect(comparison.regressed.map((test) => [shortId(test.id), test.candidate])).toEqual([
      ['test_append_late_batch', 'failed'],
      ['test_column_types', 'failed'],
      ['test_site_means_ignores_text_columns', 'failed'],
      ['test_combined_includes_late_rows', 'error'],
    ]);
    expect(comparison.preExisting.map((test) => shortId(test.id))).toEqual([
      'test_dedupe_keeps_latest_correction',
    ]);
    expect(comparison.fixed.map((test) => shortId(test.id))).toEqual([
      'test_weighted_events_do_not_overflow',
      'test_sensor_index_stays_int32',
    ]);
    expect(comparison.oneSideOnly.map((test) => [shortId(test.id), test.baseline, test.candidate])).toEqual([
      ['test_legacy_append_preserves_columns', 'passed', 'skipped'],
      ['test_nullable_typing_namespace', 'skipped', 'passed'],
      ['test_format_table_with_dataframe_map', 'absent', 'passed'],
    ]);
    expect(comparison.unchanged).toEqual({ passed: 8, skipped: 0 });
  });

  it('quotes each regression with its message and a traceback excerpt without local dumps', () => {
    const append = comparison.regressed[0];
    expect(append?.candidateMessage).toBe("AttributeError: 'DataFrame' object has no attribute 'append'");
    expect(append?.excerpt).toContain('pipeline.py:105: in append_batch');
    expect(append?.excerpt).toContain("E       AttributeError: 'DataFrame' object has no attribute 'append'");
    expect(append?.excerpt).not.toContain('289 rows x 6 columns');
    expect(comparison.preExisting[0]?.candidateMessage).toBe('assert np.float64(22.951) == 19.5');
  });

  it('lists the three new pandas deprecations with pandas as their source, and what went away', () => {
    const { added, gone } = diffWarnings(groupWarnings(baseline.warnings), groupWarnings(candidate.warnings));
    expect(
      added.map((group) => [
        group.category,
        group.message.split(' ').slice(0, 3).join(' '),
        group.source,
        group.location,
      ]),
    ).toEqual([
      ['FutureWarning', "Series.fillna with 'method'", 'pandas', 'pipeline.py:69'],
      ['FutureWarning', "'H' is deprecated", 'pandas', 'pipeline.py:77'],
      ['DeprecationWarning', 'DataFrameGroupBy.apply operated on', 'pandas', 'pipeline.py:91'],
    ]);
    expect(added[0]?.tests).toHaveLength(4);
    expect(gone.map((group) => group.source)).toContain('numpy');
  });
});

describe('compareTests with collection errors', () => {
  const passed = (id: string): TestResult => ({ id, status: 'passed' });
  const importError: TestResult = {
    id: 'tests/test_io.py',
    status: 'error',
    message: 'collection failure',
    text: "E   ModuleNotFoundError: No module named 'pandas.io.old'",
    collectionError: true,
  };

  it('regresses the tests of a module that stops importing on the candidate, quoting the import error', () => {
    const comparison = compareTests(
      [
        passed('tests/test_io.py::test_read'),
        passed('tests/test_io.py::test_write'),
        passed('tests/test_ok.py::test_a'),
      ],
      [importError, passed('tests/test_ok.py::test_a')],
    );
    expect(comparison.regressed.map((test) => [test.id, test.candidate, test.collectionError])).toEqual([
      ['tests/test_io.py::test_read', 'error', 'candidate'],
      ['tests/test_io.py::test_write', 'error', 'candidate'],
    ]);
    expect(comparison.regressed[0]?.excerpt).toContain("No module named 'pandas.io.old'");
    expect(comparison.oneSideOnly).toEqual([]);
  });

  it('counts a collection error on both sides as pre-existing', () => {
    const comparison = compareTests([importError], [importError]);
    expect(comparison.preExisting.map((test) => test.id)).toEqual(['tests/test_io.py']);
  });

  it('reports the same collection error fixture on both pytest versions as pre-existing, and nothing regressed', () => {
    const comparison = compareTests(load('junit-cases.base').tests, load('junit-cases.cand').tests);
    expect(comparison.regressed).toEqual([]);
    expect(comparison.preExisting.map((test) => test.id)).toContain('test_collection_error.py');
  });
});

describe('tracebackExcerpt', () => {
  it('drops colour codes pytest escaped into the XML and shortens site-packages paths', async () => {
    const { tracebackExcerpt } = await import('./traceback-excerpt.js');
    const text =
      '#x1B[1m#x1B[31mpipeline.py#x1B[0m:105: in append_batch\n    local = 1\n#x1B[1m#x1B[31mE       AttributeError: no append#x1B[0m\n/venv/lib/python3.11/site-packages/pandas/core/generic.py:6299: AttributeError';
    expect(tracebackExcerpt(text)).toBe(
      'pipeline.py:105: in append_batch\nE       AttributeError: no append\nsite-packages/pandas/core/generic.py:6299: AttributeError',
    );
  });
});
