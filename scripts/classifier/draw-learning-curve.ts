import { type LearningPoint } from './evaluation-protocol.js';

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** One SVG: coverage at 95% precision, accuracy and macro-F1 against the number of the city's own labelled appeals. */
export function drawLearningCurve(points: readonly LearningPoint[], title: string): string {
  const width = 560;
  const height = 360;
  const left = 60;
  const top = 40;
  const plotWidth = width - left - 150;
  const plotHeight = height - top - 50;
  const most = Math.max(1, ...points.map((p) => p.localExamples));
  const sx = (n: number): number => left + (n / most) * plotWidth;
  const sy = (v: number): number => top + plotHeight - v * plotHeight;
  const series: [string, string, (p: LearningPoint) => number][] = [
    ['coverage at 95% precision', '#2060c0', (p) => p.coverageAt95Precision],
    ['accuracy', '#20a060', (p) => p.accuracy],
    ['macro-F1', '#c06020', (p) => p.macroF1],
  ];
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="18" font-size="13">${escape(title)}</text>`,
    `<rect x="${left}" y="${top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#999"/>`,
  ];
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${left}" y1="${sy(v)}" x2="${left + plotWidth}" y2="${sy(v)}" stroke="#eee"/>`);
    parts.push(`<text x="${left - 6}" y="${sy(v) + 4}" text-anchor="end">${v}</text>`);
  }
  for (const p of points) parts.push(`<text x="${sx(p.localExamples)}" y="${top + plotHeight + 14}" text-anchor="middle">${p.localExamples}</text>`);
  parts.push(`<text x="${left + plotWidth / 2}" y="${top + plotHeight + 32}" text-anchor="middle">the city's own labelled appeals in training</text>`);
  series.forEach(([name, colour, value], i) => {
    const line = points.map((p) => `${sx(p.localExamples).toFixed(1)},${sy(value(p)).toFixed(1)}`).join(' ');
    parts.push(`<polyline points="${line}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    for (const p of points) parts.push(`<circle cx="${sx(p.localExamples)}" cy="${sy(value(p))}" r="3" fill="${colour}"/>`);
    parts.push(`<rect x="${left + plotWidth + 12}" y="${top + 10 + i * 18}" width="10" height="10" fill="${colour}"/>`);
    parts.push(`<text x="${left + plotWidth + 26}" y="${top + 19 + i * 18}">${escape(name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}
