/** A small SVG line chart of latencies per request, with the percentiles marked: no dependencies. */
export function latencyChartSvg(title: string, series: { name: string; colour: string; values: number[] }[]): string {
  const width = 900;
  const height = 420;
  const margin = { left: 70, right: 160, top: 40, bottom: 50 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const count = Math.max(...series.map((s) => s.values.length));
  const maxValue = Math.max(1, ...series.flatMap((s) => s.values));
  const x = (index: number) => margin.left + (count <= 1 ? 0 : (index / (count - 1)) * plotWidth);
  const y = (value: number) => margin.top + plotHeight - (value / maxValue) * plotHeight;

  const ticks = Array.from({ length: 6 }, (_, i) => (maxValue * i) / 5);
  const grid = ticks
    .map((tick) => `<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${y(tick)}" y2="${y(tick)}" stroke="#ddd"/>` +
      `<text x="${margin.left - 8}" y="${y(tick) + 4}" text-anchor="end" font-size="12">${tick.toFixed(0)}</text>`)
    .join('');
  const lines = series
    .map((s, index) => {
      const points = s.values.map((value, i) => `${x(i).toFixed(1)},${y(value).toFixed(1)}`).join(' ');
      const p50 = percentile(s.values, 50);
      const p95 = percentile(s.values, 95);
      const legendY = margin.top + 20 + index * 60;
      return `<polyline fill="none" stroke="${s.colour}" stroke-width="1.5" points="${points}"/>` +
        `<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${y(p95)}" y2="${y(p95)}" stroke="${s.colour}" stroke-dasharray="4 4"/>` +
        `<text x="${width - margin.right + 10}" y="${legendY}" font-size="13" fill="${s.colour}">${escape(s.name)}</text>` +
        `<text x="${width - margin.right + 10}" y="${legendY + 18}" font-size="12">p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">` +
    `<rect width="100%" height="100%" fill="white"/>` +
    `<text x="${margin.left}" y="24" font-size="16">${escape(title)}</text>${grid}${lines}` +
    `<text x="${margin.left + plotWidth / 2}" y="${height - 12}" text-anchor="middle" font-size="12">appeal (in order sent)</text>` +
    `<text x="16" y="${margin.top + plotHeight / 2}" font-size="12" transform="rotate(-90 16 ${margin.top + plotHeight / 2})" text-anchor="middle">ms</text>` +
    `</svg>\n`;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
