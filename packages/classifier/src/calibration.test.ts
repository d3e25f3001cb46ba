import { describe, expect, it } from 'vitest';
import { MARGIN_TIE_BREAK, fitMarginCalibration, marginConfidence, topTwo } from './calibration.js';

const row = (...values: number[]): Float64Array => Float64Array.from(values);

describe('fitMarginCalibration', () => {
  it('gives confidences that rise with the margin and stay below certainty', () => {
    // Small margins right half of the time, large ones always right.
    const logits = [row(1, 0.9), row(0.9, 1), row(2, 0.5), row(0.4, 2), row(5, 0), row(6, 0), row(0, 7)];
    const labels = [0, 0, 0, 1, 0, 0, 1];
    const knots = fitMarginCalibration(logits, labels);
    expect(knots.margins).toEqual([...knots.margins].sort((a, b) => a - b));
    expect(knots.confidences).toEqual([...knots.confidences].sort((a, b) => a - b));
    expect(marginConfidence(knots, 0.1)).toBeLessThan(marginConfidence(knots, 6));
    expect(marginConfidence(knots, 100)).toBeLessThan(1);
  });
});

describe('marginConfidence', () => {
  const knots = { margins: [1, 3], confidences: [0.5, 0.9] };

  it('interpolates between knots, and beyond them stays within the tie-break share of the end knots', () => {
    expect(marginConfidence(knots, 2)).toBeCloseTo(0.7, 2);
    expect(Math.abs(marginConfidence(knots, 0) - 0.5)).toBeLessThanOrEqual(MARGIN_TIE_BREAK);
    expect(Math.abs(marginConfidence(knots, 9) - 0.9)).toBeLessThanOrEqual(MARGIN_TIE_BREAK);
  });

  it('when two margins differ, never gives them the same confidence, even where the curve is flat', () => {
    const flat = { margins: [1, 2, 3], confidences: [0.9, 0.9, 0.9] };
    const margins = [0.5, 1.5, 2.5, 4, 40];
    const confidences = margins.map((m) => marginConfidence(flat, m));
    confidences.slice(1).forEach((c, i) => expect(c).toBeGreaterThan(confidences[i]!));
  });
});

describe('topTwo', () => {
  it('names the best topic and its lead over the runner-up', () => {
    expect(topTwo([0.1, 3, 2.5, -1])).toEqual({ best: 1, second: 2, margin: 0.5 });
  });
});
