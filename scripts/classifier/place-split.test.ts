import { describe, expect, it } from 'vitest';
import { answeredOutsideTheCity, localPoolAndTest, placeSplit } from './place-split.js';

describe('the place split', () => {
  it('puts the administrations of other towns and districts on the test side', () => {
    expect(answeredOutsideTheCity('Администрация Льговского района')).toBe(true);
    expect(answeredOutsideTheCity('Администрация города Железногорска')).toBe(true);
    expect(answeredOutsideTheCity('Администрация г. Обояни')).toBe(true);
  });

  it("keeps the capital, its own districts and the regional bodies on the training side", () => {
    expect(answeredOutsideTheCity('Администрация города Курска')).toBe(false);
    expect(answeredOutsideTheCity('Администрация Центрального округа города Курска')).toBe(false);
    expect(answeredOutsideTheCity('Комитет здравоохранения Курской области')).toBe(false);
    expect(answeredOutsideTheCity(undefined)).toBe(false);
  });

  it('splits a corpus into the two sides, every appeal on exactly one', () => {
    const corpus = [
      { text: 'a', topic: 'roads' as const, executor: 'Администрация Курского района' },
      { text: 'b', topic: 'housing' as const, executor: 'Администрация города Курска' },
      { text: 'c', topic: 'housing' as const },
    ];
    const split = placeSplit(corpus);
    expect(split.test.map((e) => e.text)).toEqual(['a']);
    expect(split.train.map((e) => e.text)).toEqual(['b', 'c']);
  });

  it('cuts the shifted side into a labelled pool and a test part that never meet, the same way for the same seed', () => {
    const shifted = Array.from({ length: 20 }, (_, i) => i);
    const first = localPoolAndTest(shifted, 8, 42);
    expect(first.pool).toHaveLength(8);
    expect(first.test).toHaveLength(12);
    expect(new Set([...first.pool, ...first.test]).size).toBe(20);
    expect(localPoolAndTest(shifted, 8, 42)).toEqual(first);
  });
});
