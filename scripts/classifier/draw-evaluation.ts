import { type ReliabilityBin } from '@priemnaya/classifier';

const CELL = 34;
const LABEL = 110;

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/**
 * One SVG with the confusion matrix (rows: true topic, columns: predicted; shade by the share of
 * the row) and the reliability curve (accuracy against confidence; the diagonal is perfect).
 */
export function drawEvaluation(topics: readonly string[], matrix: readonly (readonly number[])[], bins: readonly ReliabilityBin[], title: string): string {
  const n = topics.length;
  const gridSize = n * CELL;
  const plot = 300;
  const plotLeft = LABEL + gridSize + 70;
  const width = plotLeft + plot + 30;
  const height = Math.max(LABEL + gridSize, plot + 80) + 40;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="18" font-size="14">${escape(title)}</text>`,
  ];
  matrix.forEach((row, r) => {
    const total = row.reduce((s, v) => s + v, 0);
    parts.push(`<text x="${LABEL - 6}" y="${LABEL + r * CELL + CELL / 2 + 4}" text-anchor="end">${escape(topics[r] ?? '')}</text>`);
    row.forEach((count, c) => {
      const share = total === 0 ? 0 : count / total;
      const x = LABEL + c * CELL;
      const y = LABEL + r * CELL;
      parts.push(`<rect x="${x}" y="${y}" width="${CELL}" height="${CELL}" fill="rgb(${Math.round(255 - 200 * share)},${Math.round(255 - 140 * share)},255)" stroke="#ddd"/>`);
      if (count > 0) parts.push(`<text x="${x + CELL / 2}" y="${y + CELL / 2 + 4}" text-anchor="middle">${count}</text>`);
    });
  });
  topics.forEach((topic, c) => {
    const x = LABEL + c * CELL + CELL / 2;
    parts.push(`<text transform="translate(${x},${LABEL - 6}) rotate(-60)">${escape(topic)}</text>`);
  });
  parts.push(`<text x="${LABEL + gridSize / 2}" y="${LABEL + gridSize + 20}" text-anchor="middle">predicted (rows: true topic)</text>`);

  const top = LABEL;
  const sx = (v: number): number => plotLeft + v * plot;
  const sy = (v: number): number => top + plot - v * plot;
  parts.push(`<rect x="${plotLeft}" y="${top}" width="${plot}" height="${plot}" fill="none" stroke="#999"/>`);
  parts.push(`<line x1="${sx(0)}" y1="${sy(0)}" x2="${sx(1)}" y2="${sy(1)}" stroke="#bbb" stroke-dasharray="4 3"/>`);
  const points = bins.filter((b) => b.count > 0).map((b) => `${sx(b.meanConfidence).toFixed(1)},${sy(b.accuracy).toFixed(1)}`);
  parts.push(`<polyline points="${points.join(' ')}" fill="none" stroke="#2060c0" stroke-width="2"/>`);
  for (const b of bins.filter((bin) => bin.count > 0)) {
    parts.push(`<circle cx="${sx(b.meanConfidence)}" cy="${sy(b.accuracy)}" r="${Math.min(9, 2 + Math.sqrt(b.count) / 4)}" fill="#2060c0" opacity="0.6"/>`);
  }
  parts.push(`<text x="${plotLeft + plot / 2}" y="${top + plot + 20}" text-anchor="middle">confidence</text>`);
  parts.push(`<text transform="translate(${plotLeft - 30},${top + plot / 2}) rotate(-90)" text-anchor="middle">accuracy</text>`);
  parts.push(`<text x="${plotLeft}" y="${top - 10}">reliability (dot area: appeals in the bin)</text>`);
  for (const v of [0, 0.5, 1]) {
    parts.push(`<text x="${sx(v)}" y="${top + plot + 12}" text-anchor="middle">${v}</text>`);
    parts.push(`<text x="${plotLeft - 4}" y="${sy(v) + 4}" text-anchor="end">${v}</text>`);
  }
  parts.push('</svg>');
  return parts.join('\n');
}
