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
