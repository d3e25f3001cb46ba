import { type FeatureSettings, wordFeatures } from './feature-space.js';
import { type Stem } from './russian-stemmer.js';
import { STOP_WORDS } from './stop-words.js';
import { type AppealToken, tokeniseAppeal } from './tokenise-appeal.js';

/** A TF-IDF vector: the indices of the features present and their values. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

export interface Vectoriser {
  vectorise(text: string): SparseVector;
  vectoriseTokens(tokens: readonly AppealToken[]): SparseVector;
}

interface WordEntry {
  readonly features: Int32Array;
  readonly stem: string | undefined;
}

const WORD_CACHE_LIMIT = 100_000;
const NO_FEATURES: WordEntry = { features: new Int32Array(0), stem: undefined };

/**
 * Turns a text into the model's feature space: sublinear term frequency times IDF, the word and
 * character blocks each scaled to unit length. A word flagged as a name counts only when its stem
 * is a known ordinary word (the vocabulary is the common-word list). Per-word features are cached:
 * most words of an appeal have been seen before, which keeps classification cheap.
 */
export function createVectoriser(
  terms: readonly string[],
  idf: ArrayLike<number>,
  settings: FeatureSettings,
  stem: Stem,
): Vectoriser {
  const index = new Map<string, number>();
  terms.forEach((term, i) => index.set(term, i));
  const isChar = Uint8Array.from(terms, (term) => (term.startsWith('c:') ? 1 : 0));
  const cache = new Map<string, WordEntry>();

  const lookup = (word: string, proper: boolean): WordEntry => {
    const key = proper ? `*${word}` : word;
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const wordStem = stem(word);
    let entry = NO_FEATURES;
    if (!proper || index.has(`w:${wordStem}`)) {
      const found: number[] = [];
      for (const name of wordFeatures(word, wordStem, settings)) {
        const i = index.get(name);
        if (i !== undefined) found.push(i);
      }
      entry = { features: Int32Array.from(found), stem: wordStem };
    }
    if (cache.size >= WORD_CACHE_LIMIT) cache.clear();
    cache.set(key, entry);
    return entry;
  };

  // Dense counts reused across calls, with the list of touched indices: far cheaper than a Map.
  const counts = new Uint32Array(terms.length);
  const touched: number[] = [];
  const count = (i: number): void => {
    if (counts[i] === 0) touched.push(i);
    counts[i] = (counts[i] ?? 0) + 1;
  };
  const vectoriseTokens = (tokens: readonly AppealToken[]): SparseVector => {
    touched.length = 0;
    let previous: string | undefined;
    for (const token of tokens) {
      if (STOP_WORDS.has(token.word)) continue;
      const entry = lookup(token.word, token.proper);
      if (entry.stem === undefined) continue;
      for (const i of entry.features) count(i);
      if (settings.wordBigrams && previous !== undefined) {
        const i = index.get(`b:${previous} ${entry.stem}`);
        if (i !== undefined) count(i);
      }
      previous = entry.stem;
    }
    const indices = new Int32Array(touched.length);
    const values = new Float32Array(touched.length);
    let wordNorm = 0;
    let charNorm = 0;
    let n = 0;
    for (const i of touched) {
      const value = (1 + Math.log(counts[i] ?? 1)) * (idf[i] ?? 0);
      counts[i] = 0;
      indices[n] = i;
      values[n] = value;
      if (isChar[i] === 1) charNorm += value * value;
      else wordNorm += value * value;
      n++;
    }
    const wordScale = wordNorm > 0 ? 1 / Math.sqrt(wordNorm) : 0;
    const charScale = charNorm > 0 ? settings.charWeight / Math.sqrt(charNorm) : 0;
    for (let j = 0; j < n; j++) values[j] = (values[j] ?? 0) * (isChar[indices[j] ?? 0] === 1 ? charScale : wordScale);
    return { indices, values };
  };
  return { vectoriseTokens, vectorise: (text) => vectoriseTokens(tokeniseAppeal(text)) };
}
