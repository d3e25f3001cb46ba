import { describe, expect, it } from 'vitest';
import {
  accuracy,
  classScores,
  confusionMatrix,
  coverageAtPrecision,
  expectedCalibrationError,
  macroF1,
  reliabilityBins,
} from './metrics.js';

const p = (actual: number, predicted: number, confidence = 1) => ({ actual, predicted, confidence });

describe('classification metrics', () => {
  // Truth 0,0,0,1,1,2; predicted 0,0,1,1,1,0.
  const predictions = [p(0, 0), p(0, 0), p(0, 1), p(1, 1), p(1, 1), p(2, 0)];
  const matrix = confusionMatrix(predictions, 3);

  it('counts the confusion matrix by true row and predicted column', () => {
    expect(matrix).toEqual([
      [2, 1, 0],
      [0, 2, 0],
      [1, 0, 0],
    ]);
  });

  it('gives precision, recall, F1 and support per class', () => {
    const [a, b, c] = classScores(matrix);
    expect(a).toEqual({ precision: 2 / 3, recall: 2 / 3, f1: 2 / 3, support: 3 });
    expect(b?.precision).toBeCloseTo(2 / 3);
    expect(b?.recall).toBe(1);
    expect(b?.f1).toBeCloseTo(0.8);
    expect(c).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
  });

  it('averages F1 over the classes that occur, and accuracy over all predictions', () => {
    expect(macroF1(matrix)).toBeCloseTo((2 / 3 + 0.8 + 0) / 3);
    expect(accuracy(predictions)).toBeCloseTo(4 / 6);
    expect(macroF1(confusionMatrix([p(0, 0)], 3))).toBe(1);
  });
});

describe('coverageAtPrecision', () => {
  it('takes the lowest threshold at which the routed predictions are still right often enough', () => {
    const predictions = [p(0, 0, 0.99), p(1, 1, 0.95), p(0, 1, 0.9), p(1, 1, 0.8), p(0, 0, 0.7), p(1, 0, 0.6)];
    // At 0.7: 4 of 5 right (0.8); at 0.8: 3 of 4 (0.75); at 0.95: 2 of 2.
    expect(coverageAtPrecision(predictions, 0.8)).toEqual({ threshold: 0.7, coverage: 5 / 6, precision: 0.8 });
    expect(coverageAtPrecision(predictions, 0.95)).toEqual({ threshold: 0.95, coverage: 2 / 6, precision: 1 });
  });

  it('when no threshold is precise enough, covers nothing', () => {
    expect(coverageAtPrecision([p(0, 1, 0.9), p(0, 0, 0.5)], 0.95)).toEqual({ threshold: null, coverage: 0, precision: 0 });
  });

  it('when confidences tie, routes the whole tied group or none of it', () => {
    const tied = [p(0, 0, 0.9), p(0, 1, 0.9)];
    expect(coverageAtPrecision(tied, 0.95).coverage).toBe(0);
  });
});

describe('reliabilityBins', () => {
  it('puts each prediction in its confidence bin with the accuracy of the bin', () => {
    const bins = reliabilityBins([p(0, 0, 0.95), p(0, 1, 0.92), p(0, 0, 0.15), p(0, 0, 1)], 10);
    expect(bins[9]).toMatchObject({ count: 3, accuracy: 2 / 3 });
    expect(bins[1]).toMatchObject({ count: 1, accuracy: 1, meanConfidence: 0.15 });
    expect(expectedCalibrationError(bins)).toBeCloseTo((3 / 4) * Math.abs(2 / 3 - (0.95 + 0.92 + 1) / 3) + (1 / 4) * 0.85);
  });
});
