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

/** Known features of one word form, and (with `word` weighting) what they add to the scores. */
export interface WordEntry {
  readonly features: Int32Array;
  readonly stem: string | undefined;
  /** Sums of squared IDF of the word's features: word block, character block. */
  readonly wordSquares: number;
  readonly charSquares: number;
  /** Occurrences in the appeal being vectorised; back to 0 after each call. */
  count: number;
  /** What the word adds to each topic's score (word block, then character block), once a scorer has worked it out. */
  sums?: Float32Array;
}

const WORD_CACHE_LIMIT = 100_000;
const NO_FEATURES: WordEntry = { features: new Int32Array(0), stem: undefined, wordSquares: 0, charSquares: 0, count: 0 };
/** Sublinear term frequency `1 + ln(count)` of the usual small counts, computed once. */
const LOG_TABLE = Float64Array.from({ length: 64 }, (_, count) => (count === 0 ? 0 : 1 + Math.log(count)));
export const sublinear = (count: number): number => (count < LOG_TABLE.length ? LOG_TABLE[count]! : 1 + Math.log(count));

/** The words of one appeal that the model knows, each once, with `count` set until `release`. */
export interface DistinctWords {
  readonly entries: WordEntry[];
  release(): void;
}

export interface WordLookup {
  readonly isChar: Uint8Array;
  readonly idf: Float32Array;
  lookup(word: string, proper: boolean): WordEntry;
  distinctWords(tokens: readonly AppealToken[]): DistinctWords;
}

/**
 * The cached features of each word form. A word flagged as a name counts only when its stem is a
 * known ordinary word (the vocabulary is the common-word list). Most words of an appeal have been
 * seen before, which keeps classification cheap.
 */
export function createWordLookup(terms: readonly string[], idf: ArrayLike<number>, settings: FeatureSettings, stem: Stem): WordLookup & { index: Map<string, number> } {
  const index = new Map<string, number>();
  terms.forEach((term, i) => index.set(term, i));
  const isChar = Uint8Array.from(terms, (term) => (term.startsWith('c:') ? 1 : 0));
  const weightOf = Float32Array.from(terms, (_, i) => idf[i] ?? 0);
  // Separate caches for ordinary words and words flagged as names: no key to build per token.
  const ordinaryCache = new Map<string, WordEntry>();
  const properCache = new Map<string, WordEntry>();

  const lookup = (word: string, proper: boolean): WordEntry => {
    const cache = proper ? properCache : ordinaryCache;
    const cached = cache.get(word);
    if (cached !== undefined) return cached;
    // A stop word is cached as a word without features, so a token costs one cache look-up.
    const wordStem = STOP_WORDS.has(word) ? undefined : stem(word);
    let entry = NO_FEATURES;
    if (wordStem !== undefined && (!proper || index.has(`w:${wordStem}`))) {
      const found: number[] = [];
      let wordSquares = 0;
      let charSquares = 0;
      for (const name of wordFeatures(word, wordStem, settings)) {
        const i = index.get(name);
        if (i === undefined) continue;
        found.push(i);
        const square = weightOf[i]! * weightOf[i]!;
        if (isChar[i] === 1) charSquares += square;
        else wordSquares += square;
      }
      entry = { features: Int32Array.from(found), stem: wordStem, wordSquares, charSquares, count: 0 };
    }
    if (cache.size >= WORD_CACHE_LIMIT) cache.clear();
    cache.set(word, entry);
    return entry;
  };

  const entries: WordEntry[] = [];
  const distinct: DistinctWords = {
    entries,
    release() {
      for (const entry of entries) entry.count = 0;
      entries.length = 0;
    },
  };
  const distinctWords = (tokens: readonly AppealToken[]): DistinctWords => {
    distinct.release();
    for (const token of tokens) {
      const entry = lookup(token.word, token.proper);
      if (entry.features.length === 0) continue;
      if (entry.count === 0) entries.push(entry);
      entry.count++;
    }
    return distinct;
  };
  return { index, isChar, idf: weightOf, lookup, distinctWords };
}

/**
 * Turns a text into the model's feature space: sublinear frequency times IDF, the word and
 * character blocks each scaled to unit length. With `word` weighting the frequency is the word's,
 * and each block's length is taken over the words' features as if no two words shared one.
 */
export function createVectoriser(
  terms: readonly string[],
  idf: ArrayLike<number>,
  settings: FeatureSettings,
  stem: Stem,
): Vectoriser {
  const words = createWordLookup(terms, idf, settings, stem);
  const { index, isChar, idf: weightOf } = words;
  if (settings.weighting === 'word' && settings.wordBigrams) throw new RangeError('word pairs need feature weighting');

  // Dense accumulators reused across calls, with the list of touched indices: far cheaper than a Map.
  const counts = new Float64Array(terms.length);
  let touched = new Int32Array(1024);
  let n = 0;
  const add = (i: number, amount: number): void => {
    if (counts[i] === 0) {
      if (n === touched.length) {
        const grown = new Int32Array(2 * n);
        grown.set(touched);
        touched = grown;
      }
      touched[n++] = i;
    }
    counts[i] = counts[i]! + amount;
  };

  const byWord = (tokens: readonly AppealToken[]): SparseVector => {
    n = 0;
    let wordNorm = 0;
    let charNorm = 0;
    const distinct = words.distinctWords(tokens);
    for (const entry of distinct.entries) {
      const frequency = sublinear(entry.count);
      for (const i of entry.features) add(i, frequency * weightOf[i]!);
      wordNorm += frequency * frequency * entry.wordSquares;
      charNorm += frequency * frequency * entry.charSquares;
    }
    distinct.release();
    return finish(wordNorm > 0 ? 1 / Math.sqrt(wordNorm) : 0, charNorm > 0 ? settings.charWeight / Math.sqrt(charNorm) : 0);
  };

  const byFeature = (tokens: readonly AppealToken[]): SparseVector => {
    n = 0;
    let previous: string | undefined;
    for (const token of tokens) {
      const entry = words.lookup(token.word, token.proper);
      if (entry.stem === undefined) continue;
      for (const i of entry.features) add(i, 1);
      if (settings.wordBigrams && previous !== undefined) {
        const i = index.get(`b:${previous} ${entry.stem}`);
        if (i !== undefined) add(i, 1);
      }
      previous = entry.stem;
    }
    let wordNorm = 0;
    let charNorm = 0;
    for (let j = 0; j < n; j++) {
      const i = touched[j]!;
      const value = sublinear(counts[i]!) * weightOf[i]!;
      counts[i] = value;
      if (isChar[i] === 1) charNorm += value * value;
      else wordNorm += value * value;
    }
    return finish(wordNorm > 0 ? 1 / Math.sqrt(wordNorm) : 0, charNorm > 0 ? settings.charWeight / Math.sqrt(charNorm) : 0);
  };

  const finish = (wordScale: number, charScale: number): SparseVector => {
    const indices = touched.slice(0, n);
    const values = new Float32Array(n);
    for (let j = 0; j < n; j++) {
      const i = indices[j]!;
      values[j] = counts[i]! * (isChar[i] === 1 ? charScale : wordScale);
      counts[i] = 0;
    }
    return { indices, values };
  };

  const vectoriseTokens = settings.weighting === 'word' ? byWord : byFeature;
  return { vectoriseTokens, vectorise: (text) => vectoriseTokens(tokeniseAppeal(text)) };
}
