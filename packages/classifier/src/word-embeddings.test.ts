import { describe, expect, it } from 'vitest';
import { buildNavecArchive } from './navec-fixture.js';
import { parseNavec, readTar } from './word-embeddings.js';

const archive = buildNavecArchive([
  { word: 'дорога', count: 30, centroids: [0, 0] },
  { word: 'ёлка', count: 10, centroids: [1, 3] },
]);

describe('parseNavec', () => {
  it('reads the words, their frequencies and their vectors from the product-quantised codes', () => {
    const vectors = parseNavec(archive);
    expect(vectors).toMatchObject({ id: 'fixture_4d', dimensions: 4, words: 2 });
    const row = vectors.indexOf('дорога');
    const out = new Float64Array(4);
    vectors.addTo(row, 2, out);
    expect(Array.from(out)).toEqual([2, 0, 2, 2]);
    expect(vectors.probability(row)).toBeCloseTo(0.75);
    expect(vectors.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('finds a word navec spells with ё under the tokeniser spelling with е, and knows no <unk>', () => {
    const vectors = parseNavec(archive);
    const out = new Float64Array(4);
    vectors.addTo(vectors.indexOf('елка'), 1, out);
    expect(Array.from(out)).toEqual([0, 1, -1, -1]);
    expect(vectors.indexOf('<unk>')).toBe(-1);
    expect(vectors.indexOf('самолет')).toBe(-1);
  });

  it('when a part of the archive is missing, names it', () => {
    const [meta, vocab] = readTar(archive);
    expect(meta?.name).toBe('meta.json');
    const truncated = Buffer.concat([archive.subarray(0, 512 + 512 + 512 + Math.ceil((vocab?.data.length ?? 0) / 512) * 512), Buffer.alloc(1024)]);
    expect(() => parseNavec(truncated)).toThrow(/no pq\.bin/);
  });
});
