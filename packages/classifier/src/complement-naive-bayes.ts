import { type LinearWeights } from './softmax-regression.js';
import { type SparseVector } from './vectoriser.js';

/**
 * Complement naive Bayes (Rennie et al., 2003) over the same vectors as the softmax regression:
 * a topic scores by how unlike the *other* topics' appeals a text is. Each topic's weights are
 * estimated from every appeal not in it, so a topic with a handful of appeals gets weights as
 * well estimated as a large one; it complements the regression where the regression is weakest,
 * on the small topics and on how sure a prediction is.
 *
 * Returned feature-major like the regression (`weights[feature * classes + class]`), each
 * feature's weights centred over the topics: that adds the same amount to every topic's score
 * of a text, so it changes no ranking and no margin, and keeps the numbers small. No bias: the
 * complement estimate needs no prior.
 */
export function fitComplementNaiveBayes(
  vectors: readonly SparseVector[],
  labels: readonly number[],
  featureCount: number,
  classCount: number,
  smoothing: number,
): Float64Array {
  if (!(smoothing > 0)) throw new RangeError(`smoothing must be positive, got ${smoothing}`);
  const inClass = new Float64Array(featureCount * classCount);
  const total = new Float64Array(featureCount);
  vectors.forEach((vector, example) => {
    const label = labels[example];
    if (label === undefined) return;
    for (let j = 0; j < vector.indices.length; j++) {
      const feature = vector.indices[j]!;
      const value = vector.values[j]!;
      inClass[feature * classCount + label] = inClass[feature * classCount + label]! + value;
      total[feature] = total[feature]! + value;
    }
  });
  const complementMass = new Float64Array(classCount);
  for (let feature = 0; feature < featureCount; feature++) {
    for (let c = 0; c < classCount; c++) {
      complementMass[c] = complementMass[c]! + total[feature]! - inClass[feature * classCount + c]! + smoothing;
    }
  }
  const weights = new Float64Array(featureCount * classCount);
  for (let feature = 0; feature < featureCount; feature++) {
    const base = feature * classCount;
    let mean = 0;
    for (let c = 0; c < classCount; c++) {
      const complement = total[feature]! - inClass[base + c]! + smoothing;
      // Minus the log share of the feature among the other topics' appeals.
      const weight = -Math.log(complement / complementMass[c]!);
      weights[base + c] = weight;
      mean += weight;
    }
    mean /= classCount;
    for (let c = 0; c < classCount; c++) weights[base + c] = weights[base + c]! - mean;
  }
  return weights;
}

/**
 * The regression's weights plus `share` times another linear scorer's over the same features:
 * the sum of two linear scorers is one linear scorer, so the blend costs nothing when classifying.
 */
export function blendWeights(regression: LinearWeights, other: ArrayLike<number>, share: number): LinearWeights {
  if (other.length !== regression.weights.length) throw new RangeError(`weights to blend must match: ${other.length} vs ${regression.weights.length}`);
  if (share === 0) return regression;
  return {
    weights: Float32Array.from(regression.weights, (w, i) => w + share * other[i]!),
    bias: regression.bias,
  };
}
