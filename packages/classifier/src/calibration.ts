import { softmaxInPlace } from './softmax-regression.js';

/**
 * Temperature scaling: the one temperature that makes held-out softmax probabilities most likely
 * (least negative log-likelihood), found by golden-section search on its logarithm. It keeps the
 * ranking of topics and turns scores into probabilities that mean what they say.
 */
export function fitTemperature(logits: readonly Float64Array[], labels: readonly number[]): number {
  const loss = (logTemperature: number): number => {
    const temperature = Math.exp(logTemperature);
    let total = 0;
    logits.forEach((row, i) => {
      const p = softmaxInPlace(Float64Array.from(row), temperature)[labels[i] ?? 0] ?? 0;
      total -= Math.log(Math.max(p, 1e-12));
    });
    return total;
  };
  let low = Math.log(0.05);
  let high = Math.log(20);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let lossA = loss(a);
  let lossB = loss(b);
  for (let i = 0; i < 60; i++) {
    if (lossA < lossB) {
      high = b;
      b = a;
      lossB = lossA;
      a = high - ratio * (high - low);
      lossA = loss(a);
    } else {
      low = a;
      a = b;
      lossA = lossB;
      b = low + ratio * (high - low);
      lossB = loss(b);
    }
  }
  return Math.exp((low + high) / 2);
}

/**
 * Confidence as a function of the margin between the two best raw scores: knots of an isotonic
 * regression of "the top topic was right" on the margin, over held-out predictions. The margin
 * ranks predictions better than a softmax probability does, and the fitted curve turns it into
 * the share of predictions at that margin that were right.
 */
export interface MarginKnots {
  /** Increasing margins, one per knot. */
  readonly margins: number[];
  /** Non-decreasing probabilities that the top topic is right, one per knot. */
  readonly confidences: number[];
}

/** Pool-adjacent-violators over held-out (margin, right) pairs; each pooled block becomes one knot. */
export function fitMarginCalibration(logits: readonly Float64Array[], labels: readonly number[]): MarginKnots {
  const points = logits
    .map((row, i) => {
      const { best, margin } = topTwo(row);
      return { margin, right: best === labels[i] ? 1 : 0 };
    })
    .sort((a, b) => a.margin - b.margin);
  const blocks: { marginSum: number; right: number; count: number }[] = [];
  for (const point of points) {
    blocks.push({ marginSum: point.margin, right: point.right, count: 1 });
    for (;;) {
      const last = blocks[blocks.length - 1];
      const before = blocks[blocks.length - 2];
      if (last === undefined || before === undefined || before.right / before.count < last.right / last.count) break;
      before.marginSum += last.marginSum;
      before.right += last.right;
      before.count += last.count;
      blocks.pop();
    }
  }
  // Half a pseudo-count each way keeps a small block of all-right predictions from claiming certainty.
  let floor = 0;
  const confidences = blocks.map((b) => (floor = Math.max(floor, (b.right + 0.5) / (b.count + 1))));
  return { margins: blocks.map((b) => b.marginSum / b.count), confidences };
}

/**
 * Share of the confidence given to a strictly increasing function of the margin, so that the
 * calibrated confidence never ties two different margins: the isotonic curve is flat inside and
 * beyond its blocks, and a tie there would lump a wide range of margins under one threshold.
 * It moves no confidence by more than this share.
 */
export const MARGIN_TIE_BREAK = 1e-3;

/** The isotonic curve (linear between knots, flat beyond the first and the last), nudged to increase strictly with the margin. */
export function marginConfidence(calibration: MarginKnots, margin: number): number {
  const squashed = margin > 0 ? margin / (1 + margin) : 0;
  return (1 - MARGIN_TIE_BREAK) * isotonicConfidence(calibration, margin) + MARGIN_TIE_BREAK * squashed;
}

function isotonicConfidence(calibration: MarginKnots, margin: number): number {
  const { margins, confidences } = calibration;
  const last = margins.length - 1;
  if (last < 0) return 0;
  if (margin <= margins[0]!) return confidences[0]!;
  if (margin >= margins[last]!) return confidences[last]!;
  let low = 0;
  let high = last;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (margins[middle]! <= margin) low = middle;
    else high = middle;
  }
  const from = margins[low]!;
  const span = margins[high]! - from;
  const share = span > 0 ? (margin - from) / span : 1;
  return confidences[low]! + share * (confidences[high]! - confidences[low]!);
}

/** The best topic and its lead over the runner-up. */
export function topTwo(row: ArrayLike<number>): { best: number; second: number; margin: number } {
  let best = 0;
  let second = -1;
  for (let c = 1; c < row.length; c++) {
    if (row[c]! > row[best]!) {
      second = best;
      best = c;
    } else if (second < 0 || row[c]! > row[second]!) {
      second = c;
    }
  }
  return { best, second, margin: second < 0 ? 0 : row[best]! - row[second]! };
}
