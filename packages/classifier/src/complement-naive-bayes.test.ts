import { describe, expect, it } from 'vitest';
import { blendWeights, fitComplementNaiveBayes } from './complement-naive-bayes.js';
import { scores } from './softmax-regression.js';
import { type SparseVector } from './vectoriser.js';

const vector = (entries: Record<number, number>): SparseVector => ({
  indices: Int32Array.from(Object.keys(entries), Number),
  values: Float32Array.from(Object.values(entries)),
});

// Three features, two topics: feature 0 belongs to topic 0, feature 1 to topic 1, feature 2 to both.
const vectors = [vector({ 0: 1, 2: 0.5 }), vector({ 0: 0.8 }), vector({ 1: 1, 2: 0.5 }), vector({ 1: 0.9, 2: 0.2 })];
const labels = [0, 0, 1, 1];

describe('fitComplementNaiveBayes', () => {
  it('scores a text highest for the topic whose features it shares', () => {
    const weights = fitComplementNaiveBayes(vectors, labels, 3, 2, 0.1);
    const out = new Float64Array(2);
    scores(vector({ 0: 1 }), weights, [0, 0], 1, 2, out);
    expect(out[0]).toBeGreaterThan(out[1]!);
    scores(vector({ 1: 1 }), weights, [0, 0], 1, 2, out);
    expect(out[1]).toBeGreaterThan(out[0]!);
  });

  it('centres each feature over the topics, so a shared feature moves no topic against another', () => {
    const weights = fitComplementNaiveBayes(vectors, labels, 3, 2, 0.1);
    for (let feature = 0; feature < 3; feature++) expect(weights[2 * feature]! + weights[2 * feature + 1]!).toBeCloseTo(0, 12);
    // Feature 2 occurs alike in both topics' appeals: nearly the same weight for both.
    expect(Math.abs(weights[4]! - weights[5]!)).toBeLessThan(Math.abs(weights[0]! - weights[1]!));
  });

  it('gives a topic with one appeal weights as clear as a large one', () => {
    const skewed = [...vectors.slice(0, 2), vector({ 0: 1 }), vector({ 0: 0.9 }), vector({ 1: 1 })];
    const weights = fitComplementNaiveBayes(skewed, [0, 0, 0, 0, 1], 3, 2, 0.1);
    const out = scores(vector({ 1: 1 }), weights, [0, 0], 1, 2, new Float64Array(2));
    expect(out[1]).toBeGreaterThan(out[0]!);
  });

  it('refuses a smoothing that is not positive', () => {
    expect(() => fitComplementNaiveBayes(vectors, labels, 3, 2, 0)).toThrow(/smoothing/);
  });
});

describe('blendWeights', () => {
  const regression = { weights: Float32Array.from([1, -1, 0.5, 0.5]), bias: Float32Array.from([0.2, -0.2]) };

  it('adds the share of the other weights and keeps the bias, scoring as the sum of the two scorers', () => {
    const other = [2, 0, -2, 4];
    const blended = blendWeights(regression, other, 0.5);
    expect(Array.from(blended.weights)).toEqual([2, -1, -0.5, 2.5]);
    expect(blended.bias).toBe(regression.bias);
    const text = vector({ 0: 0.6, 1: 0.8 });
    const sum = scores(text, regression.weights, regression.bias, 1, 2, new Float64Array(2));
    const part = scores(text, other, [0, 0], 1, 2, new Float64Array(2));
    const together = scores(text, blended.weights, blended.bias, 1, 2, new Float64Array(2));
    for (let c = 0; c < 2; c++) expect(together[c]).toBeCloseTo(sum[c]! + 0.5 * part[c]!, 6);
  });

  it('refuses weights of another shape', () => {
    expect(() => blendWeights(regression, [1, 2], 0.5)).toThrow(/match/);
  });
});
