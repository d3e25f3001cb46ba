import { describe, expect, it } from 'vitest';
import { latencyChartSvg, percentile } from './latency-chart.js';

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([7], 99)).toBe(7);
  });
});

describe('latencyChartSvg', () => {
  it('draws one line per series and names its percentiles', () => {
    const svg = latencyChartSvg('t <1>', [{ name: 'ack', colour: '#06c', values: [10, 20, 30] }]);
    expect(svg).toContain('<polyline');
    expect(svg).toContain('p50 20 ms, p95 30 ms');
    expect(svg).toContain('t &lt;1>');
  });
});
