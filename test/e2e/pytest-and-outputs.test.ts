import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport, Report } from '../../src/report/report-schema.js';
import { requireEngine } from '../support/docker-leftovers.js';
import { fixture, readReport, runCli, temporaryDir } from '../support/run-cli.js';

interface Difference {
  id: string;
  baseline: string;
  candidate: string;
  candidateMessage?: string;
  excerpt?: string;
}
const details = (check: CheckReport | undefined) => check?.details as Record<string, unknown>;
const ids = (list: unknown) =>
  (list as Difference[]).map((test) => test.id.replace('tests/test_pipeline.py::', ''));

let cacheDir: string;
beforeAll(async () => {
  cacheDir = await temporaryDir('pytest-outputs-cache');
});
afterAll(() => rm(cacheDir, { recursive: true, force: true }));

describe('pipeline-suite: pandas 1.5 / numpy 1.26 → pandas 2.2 / numpy 2.1 (real installs)', () => {
  let run: { exitCode: number; report: Report; markdown: string; html: string };
  const check = (id: string) => run.report.checks.find((candidate) => candidate.id === id);

  beforeAll(async () => {
    const outDir = await temporaryDir('pipeline-suite');
    const result = await runCli(['run', 'examples/pipeline-suite/scenario.yaml', '--out', outDir], {
      env: { UPGRADE_HARNESS_CACHE_DIR: cacheDir },
    });
    run = {
      exitCode: result.exitCode,
      report: await readReport(outDir),
      markdown: await readFile(path.join(outDir, 'report.md'), 'utf8'),
      html: await readFile(path.join(outDir, 'report.html'), 'utf8'),
    };
  });

  it('says no-go because tests regressed and outputs drifted beyond tolerance', () => {
    expect(run.exitCode).toBe(1);
    expect(run.report.verdict).toBe('no-go');
    expect(check('tests')?.outcome).toBe('regressed');
    expect(check('outputs')?.outcome).toBe('regressed');
  });

  it('separates regressed, pre-existing, fixed and one-side-only tests', () => {
    const tests = details(check('tests'));
    expect(ids(tests.regressed)).toEqual([
      'test_append_late_batch',
      'test_column_types',
      'test_site_means_ignores_text_columns',
      'test_combined_includes_late_rows',
    ]);
    expect(ids(tests.preExisting)).toEqual(['test_dedupe_keeps_latest_correction']);
    expect(ids(tests.fixed)).toEqual([
      'test_weighted_events_do_not_overflow',
      'test_sensor_index_stays_int32',
    ]);
    expect(ids(tests.oneSideOnly)).toEqual([
      'test_legacy_append_preserves_columns',
      'test_nullable_typing_namespace',
      'test_format_table_with_dataframe_map',
    ]);
  });

  it('quotes the failure of each regressed test, in report.json and report.md', () => {
    const regressed = details(check('tests')).regressed as Difference[];
    expect(regressed.map((test) => test.candidateMessage)).toEqual([
      "AttributeError: 'DataFrame' object has no attribute 'append'",
      "AttributeError: 'DataFrame' object has no attribute 'iteritems'",
      'TypeError: agg function failed [how->mean,dtype->object]',
      `failed on setup with "AttributeError: 'DataFrame' object has no attribute 'append'"`,
    ]);
    for (const test of regressed) expect(test.excerpt).toMatch(/^E\s+\w+Error: /m);
    expect(run.markdown).toContain(
      "- `tests/test_pipeline.py::test_column_types` — passed → **failed**: `AttributeError: 'DataFrame' object has no attribute 'iteritems'`",
    );
    expect(run.markdown).toContain('pipeline.py:110: in column_types');
  });

  it('lists the new pandas warnings with their source package', () => {
    const added = details(check('tests')).newWarnings as {
      category: string;
      source: string;
      message: string;
    }[];
    expect(added.map((warning) => [warning.category, warning.source])).toEqual([
      ['FutureWarning', 'pandas'],
      ['FutureWarning', 'pandas'],
      ['DeprecationWarning', 'pandas'],
    ]);
    expect(added[1]?.message).toMatch(/^'H' is deprecated/);
    expect(run.markdown).toContain('### New warnings on the candidate (3)');
  });

  it('names file, field and deviation of drift beyond tolerance, and shows drift within it', () => {
    const drift = details(check('outputs')).drift as Record<string, unknown>[];
    expect(
      drift.filter((row) => row.verdict === 'beyond').map((row) => [row.file, row.field, row.maxAbsolute]),
    ).toEqual([
      ['daily.csv', 'weighted_events', 5120],
      ['summary.json', 'weighted_events_total', 28416],
    ]);
    const east = drift.find((row) => row.field === 'per_site.east.mean_calibrated');
    expect(east).toMatchObject({
      verdict: 'within',
      baseline: 20.345115661621094,
      candidate: 20.345117407140137,
    });
    expect(check('outputs')?.message).toContain('summary.json weighted_events_total: 39228 → 67644 (Δ 28416');
    expect(run.markdown).toMatch(
      /\| summary.json \| weighted_events_total \| — \| 39228 \| 67644 \| 28416 \|/,
    );
    expect(run.markdown).toMatch(/\| calibrated.npy \| values \| \[\d+\] \|.*\| within \|/);
    expect(run.html).toContain('<h2>Output drift: outputs</h2>');
  });
});

describe('strict mode on new warnings, pytest added beside sets that lack it (real installs)', () => {
  let report: Report;
  const check = (id: string) => report.checks.find((candidate) => candidate.id === id);

  beforeAll(async () => {
    const outDir = await temporaryDir('strict');
    const result = await runCli(['run', fixture('new-warnings-strict', 'scenario.yaml'), '--out', outDir], {
      env: { UPGRADE_HARNESS_CACHE_DIR: cacheDir },
    });
    expect(result.exitCode).toBe(1);
    report = await readReport(outDir);
  });

  it('installs pytest beside each set without adding it to the set', () => {
    expect(check('warnings-strict')?.candidate.details?.pytestVersion).toBe('8.3.4');
    expect(check('warnings-strict')?.candidate.details?.pytestSource).toMatch(/^added by the harness/);
    expect(report.environments.candidate.packages.pytest).toBeUndefined();
  });

  it('turns new warnings into no-go in strict mode, and only lists them otherwise', () => {
    expect(check('warnings-strict')?.outcome).toBe('regressed');
    expect(check('warnings-strict')?.metrics).toEqual([
      expect.objectContaining({ name: 'new warnings', candidate: 3, limit: 0, regressed: true }),
    ]);
    expect(details(check('warnings-strict')).regressed).toEqual([]);
    expect(check('warnings-reported')?.outcome).toBe('pass');
    expect((details(check('warnings-reported')).newWarnings as unknown[]).length).toBe(3);
    expect(report.reasons).toEqual([expect.stringMatching(/^warnings-strict: regressed/)]);
  });

  it('passes output drift within tolerance and still shows it', () => {
    expect(check('outputs-within')?.outcome).toBe('pass');
    const drift = details(check('outputs-within')).drift as { field: string; verdict: string }[];
    expect(drift.length).toBeGreaterThan(0);
    expect(drift.every((row) => row.verdict === 'within')).toBe(true);
    expect(drift.map((row) => row.field)).toContain('per_site.east.mean_calibrated');
  });
});

describe('pipeline-suite on the Docker backend', () => {
  it('finds the same tests regressed, pre-existing and fixed, and the same drift, as the local backend', async () => {
    await requireEngine();
    const outDir = await temporaryDir('pipeline-suite-docker');
    const result = await runCli(
      ['run', 'examples/pipeline-suite/scenario.yaml', '--out', outDir, '--backend', 'docker'],
      {
        env: { UPGRADE_HARNESS_CACHE_DIR: cacheDir },
      },
    );
    const report = await readReport(outDir);
    const tests = details(report.checks.find((check) => check.id === 'tests'));
    expect(report.backend).toBe('docker');
    expect(result.exitCode).toBe(1);
    expect(ids(tests.regressed)).toEqual([
      'test_append_late_batch',
      'test_column_types',
      'test_site_means_ignores_text_columns',
      'test_combined_includes_late_rows',
    ]);
    expect(ids(tests.preExisting)).toEqual(['test_dedupe_keeps_latest_correction']);
    expect((tests.fixed as Difference[]).length).toBe(2);
    const outputs = report.checks.find((check) => check.id === 'outputs');
    expect(outputs?.outcome).toBe('regressed');
    expect(outputs?.message).toContain('summary.json weighted_events_total: 39228 → 67644');
  });
});
