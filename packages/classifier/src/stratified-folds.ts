import { createRandom, shuffle } from './random.js';

/**
 * The fold (0..k-1) of each example, every class spread as evenly as it can be over the folds;
 * the same seed gives the same folds.
 */
export function stratifiedFolds(labels: readonly string[], k: number, seed: number): number[] {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`k must be an integer of at least 2, got ${k}`);
  const random = createRandom(seed);
  const byClass = new Map<string, number[]>();
  labels.forEach((label, i) => {
    const members = byClass.get(label) ?? [];
    members.push(i);
    byClass.set(label, members);
  });
  const folds = new Array<number>(labels.length).fill(0);
  let offset = 0;
  for (const label of [...byClass.keys()].sort()) {
    const members = shuffle(byClass.get(label) ?? [], random);
    // Rotating the start keeps small classes from piling their remainders into fold 0.
    members.forEach((example, i) => (folds[example] = (i + offset) % k));
    offset = (offset + members.length) % k;
  }
  return folds;
}
