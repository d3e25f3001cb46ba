import { describe, expect, it } from 'vitest';
import { fingerprint } from './fingerprint.js';

describe('fingerprint', () => {
  it('does not depend on key order', () => {
    expect(fingerprint({ a: 1, b: { c: 'x', d: [1, 2] } })).toBe(fingerprint({ b: { d: [1, 2], c: 'x' }, a: 1 }));
  });

  it('differs when any value differs', () => {
    expect(fingerprint({ text: 'Яма' })).not.toBe(fingerprint({ text: 'Яма.' }));
    expect(fingerprint({ list: [1, 2] })).not.toBe(fingerprint({ list: [2, 1] }));
  });
});
