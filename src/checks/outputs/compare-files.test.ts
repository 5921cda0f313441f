import { describe, expect, it } from 'vitest';
import { compareBytes } from './compare-bytes.js';
import { compareCsv } from './compare-csv.js';
import { compareJson } from './compare-json.js';
import { DEFAULT_TOLERANCE, type Tolerance, wildcardMatch } from './tolerance.js';

const tolerance = (value: Tolerance) => () => value;
const nothingIgnored = () => false;

describe('compareJson', () => {
  const baseline = JSON.stringify({
    weighted_events_total: 39228,
    mean_calibrated: 21.25161361694336,
    per_site: { east: { mean_calibrated: 20.345115661621094, n: 96 } },
    pooled: [0.5, 0.25],
    attn: 'eager',
  });
  const candidate = JSON.stringify({
    weighted_events_total: 67644,
    mean_calibrated: 21.25161364252889,
    per_site: { east: { mean_calibrated: 20.345117407140137, n: 96 } },
    pooled: [0.5, 0.2500001],
    attn: 'sdpa',
    added: true,
  });

  it('flags drift beyond tolerance with field, deviation and values; drift within passes and is kept', () => {
    const findings = compareJson(
      'summary.json',
      baseline,
      candidate,
      tolerance({ absolute: 1e-8, relative: 1e-6 }),
      nothingIgnored,
    );
    const byField = Object.fromEntries(findings.drift.map((drift) => [drift.field, drift]));
    expect(byField.weighted_events_total).toMatchObject({
      verdict: 'beyond',
      maxAbsolute: 28416,
      baseline: 39228,
      candidate: 67644,
    });
    expect(byField.weighted_events_total?.maxRelative).toBeCloseTo(0.7244, 4);
    expect(byField.mean_calibrated?.verdict).toBe('within');
    expect(byField['per_site.east.mean_calibrated']?.maxAbsolute).toBeCloseTo(1.7455e-6, 9);
    expect(byField['per_site.east.mean_calibrated']?.verdict).toBe('within');
    expect(byField.pooled).toMatchObject({ at: '[1]', verdict: 'within' });
    expect(byField['per_site.east.n']).toBeUndefined();
  });

  it('reports changed strings and added keys as mismatches, unless the field is ignored', () => {
    const findings = compareJson(
      'summary.json',
      baseline,
      candidate,
      tolerance(DEFAULT_TOLERANCE),
      nothingIgnored,
    );
    expect(findings.mismatches).toEqual([
      {
        file: 'summary.json',
        field: 'attn',
        baseline: '"eager"',
        candidate: '"sdpa"',
        message: 'value changed',
      },
      { file: 'summary.json', field: 'added', candidate: 'true', message: 'key only on the candidate' },
    ]);
    const ignoring = compareJson('summary.json', baseline, candidate, tolerance(DEFAULT_TOLERANCE), (field) =>
      ['attn', 'added'].includes(field),
    );
    expect(ignoring.mismatches).toEqual([]);
  });

  it('applies a tight tolerance that turns within into beyond', () => {
    const findings = compareJson(
      'summary.json',
      baseline,
      candidate,
      tolerance({ absolute: 1e-6, relative: 0 }),
      nothingIgnored,
    );
    const east = findings.drift.find((drift) => drift.field === 'per_site.east.mean_calibrated');
    expect(east?.verdict).toBe('beyond');
  });
});

describe('compareCsv', () => {
  // The baseline writes float32-rounded values; a text diff would flag every row.
  const baseline =
    'site,date,mean_calibrated,weighted_events\nnorth,2024-03-01,20.41408,6604\nsouth,2024-03-01,23.5,7000\n';
  const candidate =
    'site,date,mean_calibrated,weighted_events\nnorth,2024-03-01,20.41408069678545,11724\nsouth,2024-03-02,23.5,7000\n';

  it('compares numbers per column with that column’s tolerance and text cells exactly', () => {
    const perColumn = (column: string): Tolerance =>
      column === 'weighted_events' ? { absolute: 0, relative: 0 } : { absolute: 1e-8, relative: 1e-6 };
    const findings = compareCsv('daily.csv', baseline, candidate, perColumn, nothingIgnored);
    expect(findings.drift.map((drift) => [drift.field, drift.verdict, drift.at, drift.maxAbsolute])).toEqual([
      ['mean_calibrated', 'within', 'row 1', expect.closeTo(6.97e-7, 8)],
      ['weighted_events', 'beyond', 'row 1', 5120],
    ]);
    expect(findings.mismatches).toEqual([
      {
        file: 'daily.csv',
        field: 'date',
        at: 'row 2',
        baseline: '2024-03-01',
        candidate: '2024-03-02',
        message: '1 cell(s) changed',
      },
    ]);
  });

  it('reports columns and rows present on one side only', () => {
    const findings = compareCsv(
      't.csv',
      'a,b\n1,2\n',
      'a,c\n1,2\n3,4\n',
      tolerance(DEFAULT_TOLERANCE),
      nothingIgnored,
    );
    expect(findings.mismatches.map((mismatch) => mismatch.message)).toEqual([
      'column missing on the candidate',
      'column only on the candidate',
      'row count changed from 1 to 2',
    ]);
  });

  it('treats NaN on both sides as equal', () => {
    expect(
      compareCsv('t.csv', 'a\nnan\n', 'a\nNaN\n', tolerance(DEFAULT_TOLERANCE), nothingIgnored).drift,
    ).toEqual([]);
  });
});

describe('compareBytes', () => {
  it('names the first differing line of a text file', () => {
    const findings = compareBytes('log.txt', Buffer.from('a\nb\nc\n'), Buffer.from('a\nB\nc\n'));
    expect(findings.mismatches).toEqual([
      {
        file: 'log.txt',
        at: 'line 2',
        baseline: 'b',
        candidate: 'B',
        message: 'text differs from line 2 (4 → 4 lines)',
      },
    ]);
  });

  it('names the first differing byte of a binary file, and finds identical files equal', () => {
    const findings = compareBytes('w.bin', Buffer.from([0, 1, 2]), Buffer.from([0, 1, 3, 4]));
    expect(findings.mismatches[0]?.message).toBe('bytes differ from offset 2 (3 → 4 bytes)');
    expect(compareBytes('w.bin', Buffer.from([0, 1]), Buffer.from([0, 1])).mismatches).toEqual([]);
  });
});

describe('wildcardMatch', () => {
  it('matches one segment with * and any with **', () => {
    expect(wildcardMatch('per_site.*.mean', 'per_site.east.mean', '.')).toBe(true);
    expect(wildcardMatch('per_site.*', 'per_site.east.mean', '.')).toBe(false);
    expect(wildcardMatch('**.mean', 'per_site.east.mean', '.')).toBe(true);
    expect(wildcardMatch('*.npy', 'a/b.npy', '/')).toBe(false);
    expect(wildcardMatch('**/*.npy', 'a/b.npy', '/')).toBe(true);
    expect(wildcardMatch('weights.pt', 'weights.pt', '/')).toBe(true);
  });
});
