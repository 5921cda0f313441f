import { describe, expect, it } from 'vitest';
import { hasStatistics, metricCells, metricTable } from './metric-cells.js';
import type { CheckReport, Metric } from './report-schema.js';

const latency: Metric = {
  name: 'mlp b8 p50 CPU time',
  unit: 'ms',
  baseline: 0.28094,
  candidate: 0.51413,
  ratio: 1.91137,
  significant: true,
  limit: 1.1,
  limitKind: 'ratio',
  regressed: true,
  better: 'lower',
  confidenceInterval: [1.7512, 2.0431],
  pValue: 0.0000539,
  noiseFloor: 0.2382,
};

describe('metricCells', () => {
  it('writes the ratio with its interval, p-value and the noise floor beside it', () => {
    expect(metricCells(latency)).toEqual({
      baseline: '0.2809 ms',
      candidate: '0.5141 ms',
      ratio: '×1.911',
      interval: '1.751–2.043',
      pValue: '<0.0001',
      noiseFloor: '±23.8%',
      limit: '×1.1',
      judgement: 'regressed',
    });
  });

  it('writes memory in binary multiples and an absolute limit in the metric unit', () => {
    const rss: Metric = { ...latency, unit: 'bytes', baseline: 232_009_728, candidate: 1536, pValue: 0.0312 };
    expect(metricCells(rss)).toMatchObject({ baseline: '221 MiB', candidate: '1.5 KiB', pValue: '0.031' });
    const drift: Metric = {
      name: 'mlp output max abs error',
      unit: 'abs',
      baseline: 0,
      candidate: null,
      ratio: null,
      significant: false,
      limit: 1e-4,
      limitKind: 'absolute',
      regressed: false,
      better: 'lower',
    };
    expect(metricCells(drift)).toMatchObject({
      candidate: '—',
      ratio: '—',
      interval: '—',
      pValue: '—',
      noiseFloor: '—',
      limit: '0.0001 abs',
      judgement: 'within tolerance',
    });
    expect(hasStatistics([drift])).toBe(false);
    expect(hasStatistics([drift, latency])).toBe(true);
  });
});

describe('metricTable', () => {
  const check = (id: string, metrics: Metric[]) => ({ id, metrics }) as unknown as CheckReport;

  it('adds the statistics columns only where a metric has them', () => {
    const drift: Metric = { ...latency, name: 'x drift', confidenceInterval: undefined, pValue: undefined };
    delete drift.noiseFloor;
    const plain = metricTable([check('outputs', [drift])]);
    expect(plain.headers).toEqual([
      'check',
      'metric',
      'baseline',
      'candidate',
      'ratio',
      'limit',
      'judgement',
    ]);
    const both = metricTable([check('outputs', [drift]), check('bench', [latency])]);
    expect(both.headers).toContain('noise floor');
    expect(both.rows[0]?.cells).toHaveLength(both.headers.length);
    expect(both.rows[1]).toEqual({
      cells: [
        'bench',
        'mlp b8 p50 CPU time',
        '0.2809 ms',
        '0.5141 ms',
        '×1.911',
        '1.751–2.043',
        '<0.0001',
        '±23.8%',
        '×1.1',
        'regressed',
      ],
      regressed: true,
    });
  });
});
