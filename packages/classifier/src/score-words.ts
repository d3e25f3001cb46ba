import { type AppealToken } from './tokenise-appeal.js';
import { type WordEntry, type WordLookup, sublinear } from './vectoriser.js';

/** The scores of one appeal from its distinct known words, and the words that weighed most. */
export interface WordScorer {
  /** Raw scores into `out`; false when no known word was found (no evidence). */
  score(tokens: readonly AppealToken[], out: Float64Array): boolean;
  /** The stems that weighed most for `topic` in the last scored appeal, heaviest first. */
  topStems(topic: number, count: number): string[];
}

const SCORE_CACHE_LIMIT = 100_000;

/**
 * Scoring for `word` weighting. A word's features always add up to the same per-topic sums, so
 * each word form's sums (word block and character block) are computed once and cached; an
 * appeal then costs one pass over its distinct words instead of one over every feature. Gives the
 * same scores as the sparse vector times the weights.
 */
export function createWordScorer(words: WordLookup, weights: Float32Array, bias: ArrayLike<number>, topicCount: number, charWeight: number): WordScorer {
  const sums = new Map<WordEntry, Float32Array>();
  const sumsOf = (entry: WordEntry): Float32Array => {
    let cached = sums.get(entry);
    if (cached !== undefined) return cached;
    cached = new Float32Array(2 * topicCount);
    for (const i of entry.features) {
      const offset = words.isChar[i] === 1 ? topicCount : 0;
      const base = i * topicCount;
      const value = words.idf[i]!;
      for (let c = 0; c < topicCount; c++) cached[offset + c] = cached[offset + c]! + value * weights[base + c]!;
    }
    if (sums.size >= SCORE_CACHE_LIMIT) sums.clear();
    sums.set(entry, cached);
    return cached;
  };

  const wordBlock = new Float64Array(topicCount);
  const charBlock = new Float64Array(topicCount);
  // The last appeal's words, their frequencies and sums, kept for `topStems`.
  const last: { stem: string; frequency: number; sums: Float32Array }[] = [];
  let wordScale = 0;
  let charScale = 0;

  return {
    score(tokens, out) {
      wordBlock.fill(0);
      charBlock.fill(0);
      last.length = 0;
      let wordNorm = 0;
      let charNorm = 0;
      const distinct = words.distinctWords(tokens);
      for (const entry of distinct.entries) {
        const frequency = sublinear(entry.count);
        const entrySums = sumsOf(entry);
        for (let c = 0; c < topicCount; c++) {
          wordBlock[c] = wordBlock[c]! + frequency * entrySums[c]!;
          charBlock[c] = charBlock[c]! + frequency * entrySums[topicCount + c]!;
        }
        wordNorm += frequency * frequency * entry.wordSquares;
        charNorm += frequency * frequency * entry.charSquares;
        last.push({ stem: entry.stem ?? '', frequency, sums: entrySums });
      }
      distinct.release();
      wordScale = wordNorm > 0 ? 1 / Math.sqrt(wordNorm) : 0;
      charScale = charNorm > 0 ? charWeight / Math.sqrt(charNorm) : 0;
      for (let c = 0; c < topicCount; c++) out[c] = bias[c]! + wordBlock[c]! * wordScale + charBlock[c]! * charScale;
      return last.length > 0;
    },
    topStems(topic, count) {
      const weighed = last
        .map((w) => ({ stem: w.stem, weight: w.frequency * (w.sums[topic]! * wordScale + w.sums[topicCount + topic]! * charScale) }))
        .filter((w) => w.weight > 0)
        .sort((a, b) => b.weight - a.weight);
      const stems: string[] = [];
      for (const { stem } of weighed) {
        if (!stems.includes(stem)) stems.push(stem);
        if (stems.length === count) break;
      }
      return stems;
    },
  };
}
