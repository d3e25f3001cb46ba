import { describe, expect, it } from 'vitest';
import { createRussianStemmer } from './russian-stemmer.js';

describe('createRussianStemmer', () => {
  const stem = createRussianStemmer();

  it('when a word changes its ending, gives the same stem', () => {
    const forms = ['дорога', 'дороги', 'дороге', 'дорогу', 'дорогой', 'дорогами'];
    expect(new Set(forms.map(stem))).toEqual(new Set(['дорог']));
    expect(new Set(['отопление', 'отопления', 'отоплением'].map(stem)).size).toBe(1);
    expect(new Set(['школа', 'школы', 'школе', 'школами'].map(stem)).size).toBe(1);
  });

  it('passes Latin words through', () => {
    expect(stem('internet')).toBe('internet');
  });
});
