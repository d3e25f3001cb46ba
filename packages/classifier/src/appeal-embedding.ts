import { STOP_WORDS } from './stop-words.js';
import { type AppealToken } from './tokenise-appeal.js';
import { type SparseVector } from './vectoriser.js';
import { type WordEmbeddings } from './word-embeddings.js';

/** How an appeal's words become one dense vector beside the sparse features. */
export interface EmbeddingSettings {
  /**
   * Share of the embedding model's scores added to the sparse model's: the appeal's unit vector is
   * scaled by it, so the two models' sum stays one linear scorer.
   */
  readonly weight: number;
  /**
   * Smooth inverse frequency (Arora et al., 2017): a word weighs `a / (a + p(word))`, `p` its share
   * of the vectors' own news corpus, so common words count little without any statistics of the
   * training city, which a new city's words would lack.
   */
  readonly smoothing: number;
  /** L2 penalty of the embedding model's regression (it has few, dense features). */
  readonly l2: number;
}

export interface AppealEmbedding {
  /** The weighted mean of the known ordinary words' vectors, of unit length; zeros when none is known. */
  readonly vector: Float64Array;
  /** Ordinary words (not names, not stop words) in the appeal. */
  readonly words: number;
  /** Of those, the ones the vectors know. */
  readonly known: number;
}

export interface AppealEmbedder {
  readonly dimensions: number;
  embed(tokens: readonly AppealToken[]): AppealEmbedding;
  /** The sparse vector followed by `scale` times the embedding as features `offset .. offset + dimensions - 1`. */
  append(sparse: SparseVector, embedding: AppealEmbedding, offset: number, scale: number): SparseVector;
}

export function createAppealEmbedder(embeddings: WordEmbeddings, settings: EmbeddingSettings): AppealEmbedder {
  const { dimensions } = embeddings;
  // Per word form: its row in the vectors (or -1) and its weight; appeals repeat a small vocabulary.
  const cache = new Map<string, { row: number; weight: number }>();
  const CACHE_LIMIT = 200_000;
  const lookup = (word: string): { row: number; weight: number } => {
    let entry = cache.get(word);
    if (entry === undefined) {
      const row = embeddings.indexOf(word);
      entry = { row, weight: row < 0 ? 0 : settings.smoothing / (settings.smoothing + embeddings.probability(row)) };
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(word, entry);
    }
    return entry;
  };

  return {
    dimensions,
    embed(tokens) {
      const vector = new Float64Array(dimensions);
      let words = 0;
      let known = 0;
      for (const token of tokens) {
        // Names (places, people, firms) belong to one city: they must not carry a topic to another.
        if (token.proper || STOP_WORDS.has(token.word)) continue;
        words++;
        const { row, weight } = lookup(token.word);
        if (row < 0) continue;
        known++;
        embeddings.addTo(row, weight, vector);
      }
      let norm = 0;
      for (const v of vector) norm += v * v;
      if (norm > 0) {
        const scale = 1 / Math.sqrt(norm);
        for (let d = 0; d < dimensions; d++) vector[d] = vector[d]! * scale;
      }
      return { vector, words, known };
    },
    append(sparse, embedding, offset, scale) {
      const present = embedding.known > 0 ? dimensions : 0;
      const indices = new Int32Array(sparse.indices.length + present);
      const values = new Float32Array(sparse.values.length + present);
      indices.set(sparse.indices);
      values.set(sparse.values);
      for (let d = 0; d < present; d++) {
        indices[sparse.indices.length + d] = offset + d;
        values[sparse.values.length + d] = scale * embedding.vector[d]!;
      }
      return { indices, values };
    },
  };
}
