import { quantile } from 'simple-statistics';
import type { CheckReport } from './report-schema.js';

const WIDTH = 560;
const HEIGHT = 220;
const MARGIN = { left: 48, right: 16, top: 28, bottom: 36 };
const COLORS = { baseline: '#0969da', candidate: '#cf222e' } as const;

/**
 * The latency distribution of both sides as an inline SVG (no scripts, nothing fetched): the
 * empirical cumulative distribution of every timed iteration, so medians and tails of both sides
 * read off the same axes. The x axis stops at the 99th percentile so one stall does not squash it.
 */
export function latencyChartSvg(options: {
  title: string;
  baselineMs: number[];
  candidateMs: number[];
}): string {
  const all = [...options.baselineMs, ...options.candidateMs].sort((a, b) => a - b);
  if (all.length === 0) return '';
  const low = all[0] ?? 0;
  const high = Math.max(quantile(all, 0.99), low * 1.0001 + 1e-9);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (ms: number) => MARGIN.left + ((Math.min(ms, high) - low) / (high - low)) * plotWidth;
  const y = (fraction: number) => MARGIN.top + (1 - fraction) * plotHeight;

  const line = (values: number[], color: string) => {
    const sorted = [...values].sort((a, b) => a - b);
    const points = sorted.map(
      (ms, index) => `${x(ms).toFixed(1)},${y((index + 1) / sorted.length).toFixed(1)}`,
    );
    return `<polyline fill="none" stroke="${color}" stroke-width="1.6" points="${x(low).toFixed(1)},${y(0)} ${points.join(' ')}"/>`;
  };
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => low + t * (high - low));
  const axis = [
    `<line x1="${MARGIN.left}" y1="${y(0)}" x2="${WIDTH - MARGIN.right}" y2="${y(0)}" stroke="#8c959f"/>`,
    `<line x1="${MARGIN.left}" y1="${y(0)}" x2="${MARGIN.left}" y2="${y(1)}" stroke="#8c959f"/>`,
    `<line x1="${MARGIN.left}" y1="${y(0.5)}" x2="${WIDTH - MARGIN.right}" y2="${y(0.5)}" stroke="#d0d7de" stroke-dasharray="3 3"/>`,
    ...ticks.map(
      (ms) => `<text x="${x(ms).toFixed(1)}" y="${HEIGHT - 18}" text-anchor="middle">${format(ms)}</text>`,
    ),
    `<text x="${WIDTH / 2}" y="${HEIGHT - 4}" text-anchor="middle">latency per iteration (ms)</text>`,
    `<text x="${MARGIN.left - 6}" y="${y(0.5) + 4}" text-anchor="end">p50</text>`,
    `<text x="${MARGIN.left - 6}" y="${y(1) + 4}" text-anchor="end">100%</text>`,
  ];
  const legend = (['baseline', 'candidate'] as const).map(
    (side, index) =>
      `<text x="${MARGIN.left + 8 + index * 110}" y="16" fill="${COLORS[side]}">■ ${side} (${side === 'baseline' ? options.baselineMs.length : options.candidateMs.length})</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-size="11" font-family="system-ui, sans-serif" role="img">`,
    `<title>${escapeXml(options.title)}</title>`,
    ...axis,
    line(options.baselineMs, COLORS.baseline),
    line(options.candidateMs, COLORS.candidate),
    `<text x="${WIDTH - MARGIN.right}" y="16" text-anchor="end" font-weight="600">${escapeXml(options.title)}</text>`,
    ...legend,
    '</svg>',
  ].join('\n');
}

/** The charts of every torch-bench case in the report, for report.html. */
export function latencyChartsHtml(checks: CheckReport[]): string {
  const charts: string[] = [];
  for (const check of checks) {
    const baseline = check.baseline.details?.latencyMs as Record<string, number[]> | undefined;
    const candidate = check.candidate.details?.latencyMs as Record<string, number[]> | undefined;
    if (!baseline || !candidate) continue;
    for (const [label, values] of Object.entries(baseline)) {
      const other = candidate[label];
      if (other)
        charts.push(
          latencyChartSvg({ title: `${check.id}: ${label}`, baselineMs: values, candidateMs: other }),
        );
    }
  }
  return charts.length > 0 ? `<h3>Latency distributions</h3>\n${charts.join('\n')}` : '';
}

function format(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
