import { describe, expect, it } from 'vitest';
import { chartsOf } from './chart-spec.js';
import { renderChart } from './svg-charts.js';

describe('inline SVG charts', () => {
  it('draws one bar per side and category, labelled with its value', () => {
    const svg = renderChart({
      type: 'bars',
      title: 'Advisories',
      unit: 'advisories',
      categories: ['critical', 'high'],
      series: [
        { name: 'baseline', values: [1, 9] },
        { name: 'candidate', values: [0, 1] },
      ],
    });
    expect(svg.match(/<rect [^>]*><title>/g)).toHaveLength(4);
    expect(svg).toContain('<title>baseline high: 9 advisories</title>');
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('draws distributions with their size and median', () => {
    const svg = renderChart({
      type: 'distribution',
      title: 'Latency',
      unit: 'ms',
      series: [{ name: 'baseline', values: [10, 12, 11] }],
    });
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg).toContain('baseline (n=3, median 11)');
  });

  it('reads charts from any check’s details and skips malformed ones', () => {
    const charts = chartsOf({
      charts: [{ type: 'bars', title: 't', categories: [], series: [] }, { type: 'pie' }],
    });
    expect(charts).toHaveLength(1);
  });
});
