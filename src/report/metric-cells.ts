import type { CheckReport, Metric } from './report-schema.js';

/** One metric's row as text, the same in report.md and report.html. */
export interface MetricCells {
  baseline: string;
  candidate: string;
  ratio: string;
  /** The ratio's confidence interval, "0.97–1.04"; — when the check computed none. */
  interval: string;
  pValue: string;
  /** How far this machine's A/A interval reached from 1, "±4.2%"; — when not measured. */
  noiseFloor: string;
  limit: string;
  /** Absolute limits (drift tolerances) are not statistical: within them is not "noise". */
  judgement: 'regressed' | 'significant' | 'within noise' | 'within tolerance';
}

/**
 * Every check's metrics as one table of plain text, for report.md and report.html to mark up. The
 * statistics columns (interval, p-value, noise floor) appear when any metric has them.
 */
export function metricTable(checks: readonly CheckReport[]): {
  headers: string[];
  rows: { cells: string[]; regressed: boolean }[];
} {
  const entries = checks.flatMap((check) => (check.metrics ?? []).map((metric) => ({ check, metric })));
  const statistics = hasStatistics(entries.map(({ metric }) => metric));
  const headers = [
    'check',
    'metric',
    'baseline',
    'candidate',
    'ratio',
    ...(statistics ? ['95% interval', 'p', 'noise floor'] : []),
    'limit',
    'judgement',
  ];
  const rows = entries.map(({ check, metric }) => {
    const cells = metricCells(metric);
    return {
      cells: [
        check.id,
        metric.name,
        cells.baseline,
        cells.candidate,
        cells.ratio,
        ...(statistics ? [cells.interval, cells.pValue, cells.noiseFloor] : []),
        cells.limit,
        cells.judgement,
      ],
      regressed: metric.regressed,
    };
  });
  return { headers, rows };
}

/** Whether any metric carries the statistics columns (interval, p-value, noise floor). */
export function hasStatistics(metrics: readonly Metric[]): boolean {
  return metrics.some(
    (metric) =>
      metric.confidenceInterval !== undefined ||
      metric.pValue !== undefined ||
      metric.noiseFloor !== undefined,
  );
}

export function metricCells(metric: Metric): MetricCells {
  const value = (number: number | null) => (number === null ? '—' : quantity(number, metric.unit));
  const limit =
    metric.limit === null
      ? '—'
      : metric.limitKind === 'absolute'
        ? quantity(metric.limit, metric.unit)
        : `×${metric.limit}`;
  return {
    baseline: value(metric.baseline),
    candidate: value(metric.candidate),
    ratio: metric.ratio === null ? '—' : `×${significant(metric.ratio)}`,
    interval: metric.confidenceInterval
      ? metric.confidenceInterval.map((end) => significant(end)).join('–')
      : '—',
    pValue: metric.pValue === undefined ? '—' : pValue(metric.pValue),
    noiseFloor: metric.noiseFloor === undefined ? '—' : `±${(metric.noiseFloor * 100).toFixed(1)}%`,
    limit,
    judgement: metric.regressed
      ? 'regressed'
      : metric.limitKind === 'absolute'
        ? 'within tolerance'
        : metric.significant
          ? 'significant'
          : 'within noise',
  };
}

/** A number with its unit, bytes in binary multiples so that memory reads at a glance. */
function quantity(value: number, unit: string): string {
  if (unit === 'bytes' && Math.abs(value) >= 1024) {
    const units = ['KiB', 'MiB', 'GiB', 'TiB'];
    let scaled = value / 1024;
    let index = 0;
    while (Math.abs(scaled) >= 1024 && index < units.length - 1) {
      scaled /= 1024;
      index += 1;
    }
    return `${significant(scaled)} ${units[index]}`;
  }
  return `${significant(value)} ${unit}`;
}

function significant(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : Number(value.toPrecision(4)).toString();
}

function pValue(value: number): string {
  return value < 0.0001 ? '<0.0001' : Number(value.toPrecision(2)).toString();
}
