import type { ChartSpec } from './chart-spec.js';
import { escapeHtml } from './html-reporter.js';

const SIDE_COLOURS = ['#8c959f', '#0969da', '#bf8700', '#8250df'];
const WIDTH = 560;
const PLOT_LEFT = 56;
const PLOT_TOP = 28;
const PLOT_HEIGHT = 150;

/** Draws a chart as inline SVG: no script, no font or image fetched, so the report stays offline. */
export function renderChart(chart: ChartSpec): string {
  return chart.type === 'bars' ? barChart(chart) : distributionChart(chart);
}

function frame(title: string, body: string, legend: string[], height = PLOT_TOP + PLOT_HEIGHT + 48): string {
  const keys = legend
    .map(
      (name, index) =>
        `<rect x="${PLOT_LEFT + index * 110}" y="${height - 16}" width="10" height="10" fill="${SIDE_COLOURS[index % SIDE_COLOURS.length]}"/><text x="${PLOT_LEFT + 14 + index * 110}" y="${height - 7}">${escapeHtml(name)}</text>`,
    )
    .join('');
  return `<figure class="chart"><svg role="img" aria-label="${escapeHtml(title)}" xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-size="11" font-family="system-ui, sans-serif"><text x="${PLOT_LEFT}" y="16" font-weight="600">${escapeHtml(title)}</text>${body}${keys}</svg></figure>`;
}

function axis(maxValue: number, unit: string): string {
  const ticks = [0, 0.5, 1].map((fraction) => {
    const y = PLOT_TOP + PLOT_HEIGHT * (1 - fraction);
    const label = formatNumber(maxValue * fraction);
    return `<line x1="${PLOT_LEFT}" x2="${WIDTH - 8}" y1="${y}" y2="${y}" stroke="#d0d7de"/><text x="${PLOT_LEFT - 6}" y="${y + 4}" text-anchor="end">${escapeHtml(label)}</text>`;
  });
  const unitLabel = unit ? `<text x="4" y="${PLOT_TOP - 8}">${escapeHtml(unit)}</text>` : '';
  return ticks.join('') + unitLabel;
}

function barChart(chart: Extract<ChartSpec, { type: 'bars' }>): string {
  const maxValue = niceMax(Math.max(0, ...chart.series.flatMap((series) => series.values)));
  const groupWidth = (WIDTH - PLOT_LEFT - 16) / Math.max(1, chart.categories.length);
  const barWidth = Math.min(28, (groupWidth - 12) / Math.max(1, chart.series.length));
  const bars = chart.categories.flatMap((category, categoryIndex) => {
    const x0 = PLOT_LEFT + 8 + categoryIndex * groupWidth;
    const label = `<text x="${x0 + (barWidth * chart.series.length) / 2}" y="${PLOT_TOP + PLOT_HEIGHT + 14}" text-anchor="middle">${escapeHtml(category)}</text>`;
    const rects = chart.series.map((series, seriesIndex) => {
      const value = series.values[categoryIndex] ?? 0;
      const height = maxValue === 0 ? 0 : (value / maxValue) * PLOT_HEIGHT;
      const x = x0 + seriesIndex * barWidth;
      const y = PLOT_TOP + PLOT_HEIGHT - height;
      return `<rect x="${x}" y="${y}" width="${barWidth - 2}" height="${height}" fill="${SIDE_COLOURS[seriesIndex % SIDE_COLOURS.length]}"><title>${escapeHtml(`${series.name} ${category}: ${formatNumber(value)} ${chart.unit}`)}</title></rect><text x="${x + (barWidth - 2) / 2}" y="${y - 3}" text-anchor="middle">${escapeHtml(formatNumber(value))}</text>`;
    });
    return [label, ...rects];
  });
  return frame(
    chart.title,
    axis(maxValue, chart.unit) + bars.join(''),
    chart.series.map((s) => s.name),
  );
}

function distributionChart(chart: Extract<ChartSpec, { type: 'distribution' }>): string {
  const maxValue = niceMax(Math.max(0, ...chart.series.flatMap((series) => series.values)));
  const laneWidth = (WIDTH - PLOT_LEFT - 16) / Math.max(1, chart.series.length);
  const lanes = chart.series.map((series, index) => {
    const colour = SIDE_COLOURS[index % SIDE_COLOURS.length];
    const centre = PLOT_LEFT + laneWidth * (index + 0.5);
    const y = (value: number) =>
      PLOT_TOP + PLOT_HEIGHT - (maxValue === 0 ? 0 : (value / maxValue) * PLOT_HEIGHT);
    // A deterministic jitter keeps equal samples visible without randomness in the output.
    const dots = series.values.map(
      (value, sample) =>
        `<circle cx="${(centre + (((sample * 37) % 21) - 10) * 2).toFixed(1)}" cy="${y(value).toFixed(1)}" r="2.5" fill="${colour}" fill-opacity="0.6"/>`,
    );
    const middle = median(series.values);
    const medianLine =
      middle === undefined
        ? ''
        : `<line x1="${centre - 30}" x2="${centre + 30}" y1="${y(middle)}" y2="${y(middle)}" stroke="#1d232a" stroke-width="2"><title>${escapeHtml(`${series.name} median ${formatNumber(middle)} ${chart.unit}`)}</title></line>`;
    const label = `<text x="${centre}" y="${PLOT_TOP + PLOT_HEIGHT + 14}" text-anchor="middle">${escapeHtml(`${series.name} (n=${series.values.length}, median ${middle === undefined ? '—' : formatNumber(middle)})`)}</text>`;
    return dots.join('') + medianLine + label;
  });
  return frame(
    chart.title,
    axis(maxValue, chart.unit) + lanes.join(''),
    chart.series.map((s) => s.name),
  );
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((factor) => factor * magnitude >= value) ?? 10;
  return step * magnitude;
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : Number(value.toPrecision(3)).toString();
}
