import { describe, expect, it } from 'vitest';
import { stratifiedFolds } from './stratified-folds.js';

describe('stratifiedFolds', () => {
  const labels = [...Array<string>(50).fill('a'), ...Array<string>(10).fill('b'), ...Array<string>(3).fill('c')];

  it('spreads every class evenly over the folds', () => {
    const folds = stratifiedFolds(labels, 5, 1);
    for (const label of ['a', 'b']) {
      const perFold = [0, 1, 2, 3, 4].map((f) => folds.filter((fold, i) => fold === f && labels[i] === label).length);
      expect(Math.max(...perFold) - Math.min(...perFold)).toBe(0);
    }
    expect(new Set(folds.filter((_, i) => labels[i] === 'c')).size).toBe(3);
  });

  it('when the seed is the same, gives the same folds; another seed, others', () => {
    expect(stratifiedFolds(labels, 5, 7)).toEqual(stratifiedFolds(labels, 5, 7));
    expect(stratifiedFolds(labels, 5, 7)).not.toEqual(stratifiedFolds(labels, 5, 8));
  });

  it('refuses fewer than two folds', () => {
    expect(() => stratifiedFolds(labels, 1, 1)).toThrow(RangeError);
  });
});
