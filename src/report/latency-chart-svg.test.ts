import { describe, expect, it } from 'vitest';
import { latencyChartSvg } from './latency-chart-svg.js';

describe('latencyChartSvg', () => {
  it('draws one cumulative line per side, self-contained', () => {
    const svg = latencyChartSvg({ title: 'mlp b8', baselineMs: [1, 2, 3, 4], candidateMs: [2, 3, 4, 5] });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('baseline (4)');
    expect(svg).not.toMatch(/<script|href=/);
  });

  it('draws nothing without samples', () => {
    expect(latencyChartSvg({ title: 'x', baselineMs: [], candidateMs: [] })).toBe('');
  });
});
