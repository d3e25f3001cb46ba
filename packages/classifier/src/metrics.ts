/** One out-of-sample prediction: the true class, the predicted one and its confidence. */
export interface ScoredPrediction {
  readonly actual: number;
  readonly predicted: number;
  readonly confidence: number;
}

export interface ClassScores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

/** `matrix[actual][predicted]` counts. */
export function confusionMatrix(predictions: readonly ScoredPrediction[], classCount: number): number[][] {
  const matrix = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  for (const { actual, predicted } of predictions) {
    const row = matrix[actual];
    if (row !== undefined) row[predicted] = (row[predicted] ?? 0) + 1;
  }
  return matrix;
}

/** Precision, recall and F1 of each class; a ratio with nothing to count is 0. */
export function classScores(matrix: readonly (readonly number[])[]): ClassScores[] {
  return matrix.map((row, c) => {
    const truePositives = row[c] ?? 0;
    const support = row.reduce((sum, n) => sum + n, 0);
    const predicted = matrix.reduce((sum, r) => sum + (r[c] ?? 0), 0);
    const precision = predicted === 0 ? 0 : truePositives / predicted;
    const recall = support === 0 ? 0 : truePositives / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { precision, recall, f1, support };
  });
}

export function accuracy(predictions: readonly ScoredPrediction[]): number {
  if (predictions.length === 0) return 0;
  return predictions.filter((p) => p.actual === p.predicted).length / predictions.length;
}

/** The unweighted mean F1 over the classes that occur (as truth or as prediction). */
export function macroF1(matrix: readonly (readonly number[])[]): number {
  const scores = classScores(matrix);
  const present = scores.filter((s, c) => s.support > 0 || matrix.some((row) => (row[c] ?? 0) > 0));
  return present.length === 0 ? 0 : present.reduce((sum, s) => sum + s.f1, 0) / present.length;
}

export interface Coverage {
  /** The lowest confidence at which the predictions at or above it are right often enough; null if none is. */
  readonly threshold: number | null;
  /** The share of all predictions at or above that threshold. */
  readonly coverage: number;
  /** The precision of those predictions. */
  readonly precision: number;
}

/**
 * Coverage at a target precision: the share of appeals that could be routed automatically if
 * only predictions at or above a confidence threshold were, with the threshold as low as it can
 * be while those routed are still right at least `target` of the time.
 */
export function coverageAtPrecision(predictions: readonly ScoredPrediction[], target: number): Coverage {
  const sorted = [...predictions].sort((a, b) => b.confidence - a.confidence);
  let correct = 0;
  let best: Coverage = { threshold: null, coverage: 0, precision: 0 };
  for (let i = 0; i < sorted.length; i++) {
    const current = sorted[i];
    if (current === undefined) continue;
    if (current.actual === current.predicted) correct++;
    // Ties share one threshold: count a group of equal confidences only once it is complete.
    if (sorted[i + 1]?.confidence === current.confidence) continue;
    const precision = correct / (i + 1);
    if (precision >= target) best = { threshold: current.confidence, coverage: (i + 1) / sorted.length, precision };
  }
  return best;
}

export interface ReliabilityBin {
  readonly from: number;
  readonly to: number;
  readonly count: number;
  readonly meanConfidence: number;
  readonly accuracy: number;
}

/** Predictions grouped by confidence into equal-width bins: a calibrated model has accuracy ≈ confidence in each. */
export function reliabilityBins(predictions: readonly ScoredPrediction[], binCount: number): ReliabilityBin[] {
  const bins = Array.from({ length: binCount }, (_, b) => ({ from: b / binCount, to: (b + 1) / binCount, count: 0, confidence: 0, correct: 0 }));
  for (const p of predictions) {
    const bin = bins[Math.min(binCount - 1, Math.max(0, Math.floor(p.confidence * binCount)))];
    if (bin === undefined) continue;
    bin.count++;
    bin.confidence += p.confidence;
    if (p.actual === p.predicted) bin.correct++;
  }
  return bins.map((b) => ({
    from: b.from,
    to: b.to,
    count: b.count,
    meanConfidence: b.count === 0 ? 0 : b.confidence / b.count,
    accuracy: b.count === 0 ? 0 : b.correct / b.count,
  }));
}

/** The count-weighted mean gap between confidence and accuracy over the bins. */
export function expectedCalibrationError(bins: readonly ReliabilityBin[]): number {
  const total = bins.reduce((sum, b) => sum + b.count, 0);
  if (total === 0) return 0;
  return bins.reduce((sum, b) => sum + (b.count / total) * Math.abs(b.accuracy - b.meanConfidence), 0);
}
