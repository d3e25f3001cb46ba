import { createRandom, shuffle } from './random.js';
import { type SparseVector } from './vectoriser.js';

export interface RegressionOptions {
  /** L2 penalty per example. */
  readonly l2: number;
  readonly epochs: number;
  readonly learningRate: number;
  /** Class weight = (n / (classes * n_class)) ^ power: 0 ignores the skew, 1 balances it fully. */
  readonly classWeightPower: number;
  readonly seed: number;
  /** Per example, a factor on its gradient (a city's own appeals may count more than the corpus's); absent: 1. */
  readonly exampleWeights?: ArrayLike<number> | undefined;
}

/** Weights feature-major (`weights[feature * classes + class]`) so a sparse dot product reads them in a row. */
export interface LinearWeights {
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

/**
 * Multinomial logistic regression with L2, by stochastic gradient descent with a decaying rate
 * (Bottou's schedule) and the scaled-weights trick, so the penalty costs nothing per step.
 */
export function fitSoftmaxRegression(
  vectors: readonly SparseVector[],
  labels: readonly number[],
  featureCount: number,
  classCount: number,
  options: RegressionOptions,
): LinearWeights {
  const weights = new Float64Array(featureCount * classCount);
  const bias = new Float64Array(classCount);
  const classWeights = balancedClassWeights(labels, classCount, options.classWeightPower);
  const random = createRandom(options.seed);
  const order = Array.from(vectors, (_, i) => i);
  const logits = new Float64Array(classCount);
  let scale = 1;
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (const example of order) {
      const vector = vectors[example];
      const label = labels[example];
      if (vector === undefined || label === undefined) continue;
      const rate = options.learningRate / (1 + options.learningRate * options.l2 * step);
      step++;
      scores(vector, weights, bias, scale, classCount, logits);
      softmaxInPlace(logits);
      scale *= 1 - rate * options.l2;
      const weight = (classWeights[label] ?? 1) * (options.exampleWeights?.[example] ?? 1);
      for (let c = 0; c < classCount; c++) {
        const gradient = weight * ((logits[c] ?? 0) - (c === label ? 1 : 0));
        if (gradient === 0) continue;
        bias[c] = (bias[c] ?? 0) - rate * gradient;
        const update = (rate * gradient) / scale;
        for (let j = 0; j < vector.indices.length; j++) {
          const at = (vector.indices[j] ?? 0) * classCount + c;
          weights[at] = (weights[at] ?? 0) - update * (vector.values[j] ?? 0);
        }
      }
      if (scale < 1e-6) {
        for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] ?? 0) * scale;
        scale = 1;
      }
    }
  }
  for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] ?? 0) * scale;
  return { weights: Float32Array.from(weights), bias: Float32Array.from(bias) };
}

export function balancedClassWeights(labels: readonly number[], classCount: number, power: number): Float64Array {
  const counts = new Float64Array(classCount);
  for (const label of labels) counts[label] = (counts[label] ?? 0) + 1;
  return counts.map((count) => (count === 0 ? 1 : (labels.length / (classCount * count)) ** power));
}

/** Raw class scores (logits) of a vector into `out`. */
export function scores(
  vector: SparseVector,
  weights: ArrayLike<number>,
  bias: ArrayLike<number>,
  scale: number,
  classCount: number,
  out: Float64Array,
): Float64Array {
  for (let c = 0; c < classCount; c++) out[c] = bias[c]!;
  const { indices, values } = vector;
  for (let j = 0; j < indices.length; j++) {
    const base = indices[j]! * classCount;
    const value = values[j]! * scale;
    for (let c = 0; c < classCount; c++) out[c] = out[c]! + value * weights[base + c]!;
  }
  return out;
}

/** Softmax of `values` divided by `temperature`, in place. */
export function softmaxInPlace(values: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const e = Math.exp(((values[i] ?? 0) - max) / temperature);
    values[i] = e;
    sum += e;
  }
  for (let i = 0; i < values.length; i++) values[i] = (values[i] ?? 0) / sum;
  return values;
}
