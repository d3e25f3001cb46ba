import { describe, expect, it } from 'vitest';
import { throughputChartSvg } from './throughput-chart.js';

describe('throughputChartSvg', () => {
  const svg = throughputChartSvg('Load <test>', [
    { name: 'service', colour: '#c0392b', points: [{ clients: 1, perSecond: 100, p50: 5, p99: 9 }, { clients: 8, perSecond: 400, p50: 15, p99: 40 }] },
    { name: 'raw', colour: '#2471a3', points: [{ clients: 1, perSecond: 300, p50: 2, p99: 4 }, { clients: 8, perSecond: 900, p50: 6, p99: 12 }] },
  ]);

  it('draws one throughput line per series and a p50 and a p99 line for each', () => {
    expect(svg.match(/<polyline /g)).toHaveLength(2 + 4);
    expect(svg.match(/stroke-dasharray/g)).toHaveLength(2);
  });

  it('puts the highest throughput at the top of its panel and escapes the title', () => {
    expect(svg).toContain('<circle cx="490.0" cy="50.0" r="3" fill="#2471a3"');
    expect(svg).toContain('Load &lt;test&gt;');
  });
});
