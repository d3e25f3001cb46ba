export interface LoadPoint {
  clients: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/**
 * Two panels side by side, no dependencies: throughput by concurrent clients on the left,
 * p50 (solid) and p99 (dashed) acknowledgement latency on the right, one colour per series.
 */
export function throughputChartSvg(title: string, series: { name: string; colour: string; points: LoadPoint[] }[]): string {
  const panelWidth = 420;
  const panelHeight = 300;
  const margin = { left: 70, top: 50, bottom: 50, gap: 90 };
  const width = margin.left + 2 * panelWidth + margin.gap + 40;
  const height = margin.top + panelHeight + margin.bottom + 20 * series.length;
  const clients = [...new Set(series.flatMap((s) => s.points.map((p) => p.clients)))].sort((a, b) => a - b);
  const x = (left: number, value: number) => left + (clients.length <= 1 ? 0 : (clients.indexOf(value) / (clients.length - 1)) * panelWidth);

  function panel(left: number, label: string, max: number, lines: { colour: string; dashed: boolean; values: [number, number][] }[]): string {
    const y = (value: number) => margin.top + panelHeight - (value / max) * panelHeight;
    const ticks = Array.from({ length: 6 }, (_, i) => (max * i) / 5)
      .map((tick) => `<line x1="${left}" x2="${left + panelWidth}" y1="${y(tick)}" y2="${y(tick)}" stroke="#ddd"/>` +
        `<text x="${left - 8}" y="${y(tick) + 4}" text-anchor="end" font-size="12">${tick.toFixed(0)}</text>`)
      .join('');
    const xTicks = clients.map((c) => `<text x="${x(left, c)}" y="${margin.top + panelHeight + 18}" text-anchor="middle" font-size="12">${c}</text>`).join('');
    const polylines = lines
      .map((line) => {
        const points = line.values.map(([c, v]) => `${x(left, c).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
        const dots = line.values.map(([c, v]) => `<circle cx="${x(left, c).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${line.colour}"/>`).join('');
        return `<polyline fill="none" stroke="${line.colour}" stroke-width="2"${line.dashed ? ' stroke-dasharray="5 4"' : ''} points="${points}"/>${dots}`;
      })
      .join('');
    return `${ticks}${xTicks}${polylines}` +
      `<text x="${left + panelWidth / 2}" y="${margin.top - 12}" text-anchor="middle" font-size="13">${escape(label)}</text>` +
      `<text x="${left + panelWidth / 2}" y="${margin.top + panelHeight + 38}" text-anchor="middle" font-size="12">concurrent clients</text>`;
  }

  const maxRate = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.perSecond)));
  const maxLatency = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.p99)));
  const rateLines = series.map((s) => ({ colour: s.colour, dashed: false, values: s.points.map((p): [number, number] => [p.clients, p.perSecond]) }));
  const latencyLines = series.flatMap((s) => [
    { colour: s.colour, dashed: false, values: s.points.map((p): [number, number] => [p.clients, p.p50]) },
    { colour: s.colour, dashed: true, values: s.points.map((p): [number, number] => [p.clients, p.p99]) },
  ]);
  const legend = series
    .map((s, i) => `<text x="${margin.left}" y="${margin.top + panelHeight + 62 + i * 20}" font-size="13" fill="${s.colour}">■ ${escape(s.name)}</text>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">` +
    `<rect width="100%" height="100%" fill="white"/><text x="${margin.left}" y="24" font-size="16">${escape(title)}</text>` +
    panel(margin.left, 'per second', maxRate, rateLines) +
    panel(margin.left + panelWidth + margin.gap, 'latency, ms (p50 solid, p99 dashed)', maxLatency, latencyLines) +
    `${legend}</svg>\n`;
}

function escape(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);
}
