import { type AppealToken } from './tokenise-appeal.js';
import { type WordEntry, type WordLookup, sublinear } from './vectoriser.js';

/** The scores of one appeal from its distinct known words, and the words that weighed most. */
export interface WordScorer {
  /** Raw scores into `out`; false when no known word was found (no evidence). */
  score(tokens: readonly AppealToken[], out: Float64Array): boolean;
  /** The stems that weighed most for `topic` in the last scored appeal, heaviest first. */
  topStems(topic: number, count: number): string[];
}

/**
 * Scoring for `word` weighting. A word's features always add up to the same per-topic sums, so
 * each word form's sums (word block and character block) are computed once and cached; an
 * appeal then costs one pass over its distinct words instead of one over every feature. Gives the
 * same scores as the sparse vector times the weights.
 */
export function createWordScorer(words: WordLookup, weights: Float32Array, bias: ArrayLike<number>, topicCount: number, charWeight: number): WordScorer {
  // The sums live on the word's cache entry: they go when the lookup's cache is cleared.
  const sumsOf = (entry: WordEntry): Float32Array => {
    if (entry.sums !== undefined) return entry.sums;
    const cached = new Float32Array(2 * topicCount);
    for (const i of entry.features) {
      const offset = words.isChar[i] === 1 ? topicCount : 0;
      const base = i * topicCount;
      const value = words.idf[i]!;
      for (let c = 0; c < topicCount; c++) cached[offset + c] = cached[offset + c]! + value * weights[base + c]!;
    }
    entry.sums = cached;
    return cached;
  };

  const wordBlock = new Float64Array(topicCount);
  const charBlock = new Float64Array(topicCount);
  // The last appeal's words and their frequencies, kept for `topStems` without an object per word.
  const last: WordEntry[] = [];
  let frequencies = new Float64Array(256);
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
        if (last.length === frequencies.length) {
          const grown = new Float64Array(2 * last.length);
          grown.set(frequencies);
          frequencies = grown;
        }
        frequencies[last.length] = frequency;
        last.push(entry);
      }
      distinct.release();
      wordScale = wordNorm > 0 ? 1 / Math.sqrt(wordNorm) : 0;
      charScale = charNorm > 0 ? charWeight / Math.sqrt(charNorm) : 0;
      for (let c = 0; c < topicCount; c++) out[c] = bias[c]! + wordBlock[c]! * wordScale + charBlock[c]! * charScale;
      return last.length > 0;
    },
    topStems(topic, count) {
      // A running top list over the words: sorting them all would cost more than the scores did.
      const stems: string[] = [];
      const weightsOf: number[] = [];
      for (let i = 0; i < last.length; i++) {
        const entry = last[i]!;
        const sums = entry.sums!;
        const weight = frequencies[i]! * (sums[topic]! * wordScale + sums[topicCount + topic]! * charScale);
        const stem = entry.stem ?? '';
        if (weight <= 0 || (stems.length === count && weight <= weightsOf[count - 1]!)) continue;
        const already = stems.indexOf(stem);
        if (already >= 0) {
          if (weightsOf[already]! >= weight) continue;
          stems.splice(already, 1);
          weightsOf.splice(already, 1);
        }
        let at = stems.length;
        while (at > 0 && weightsOf[at - 1]! < weight) at--;
        stems.splice(at, 0, stem);
        weightsOf.splice(at, 0, weight);
        if (stems.length > count) {
          stems.pop();
          weightsOf.pop();
        }
      }
      return stems;
    },
  };
}
