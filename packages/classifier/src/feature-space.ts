import { z } from 'zod';
import { type Stem } from './russian-stemmer.js';
import { STOP_WORDS } from './stop-words.js';
import { type AppealToken } from './tokenise-appeal.js';

export const FeatureSettings = z.object({
  /** Character n-grams of each word with boundary marks (` дом `), or none. */
  charNgrams: z.tuple([z.number().int().min(1), z.number().int().min(1)]).nullable(),
  /** Pairs of consecutive stems as features too. */
  wordBigrams: z.boolean(),
  /** A feature seen in fewer training appeals is dropped: rare ones memorise people and places. */
  minDocumentFrequency: z.number().int().min(1),
  /** Weight of the character block against the word block, each normalised to unit length. */
  charWeight: z.number().min(0),
  /**
   * `feature` (format 1): sublinear frequency of each feature in the appeal. `word`: sublinear
   * frequency of each word, its features added word by word, so a word's contribution to the
   * scores can be cached once and an appeal is scored from its distinct words. Absent means `feature`.
   */
  weighting: z.enum(['feature', 'word']).optional(),
});
export type FeatureSettings = z.infer<typeof FeatureSettings>;

export const DEFAULT_FEATURE_SETTINGS: FeatureSettings = {
  charNgrams: [3, 5],
  wordBigrams: false,
  // 5-fold CV on Kursk: 2 beat 3 on macro-F1 (0.644 -> 0.647) and coverage at 95% precision (58.9% -> 59.2%);
  // names stay out by the capitalisation test, not by frequency. Character weight 0.8 and 1.2 did worse than 1.
  minDocumentFrequency: 2,
  charWeight: 1,
  weighting: 'word',
};

/** Feature names carry their kind: `w:` stem, `b:` stem pair, `c:` character n-gram. */
export function isWordFeature(name: string): boolean {
  return name.startsWith('w:');
}

/** The features of one word: its stem and its character n-grams. */
export function wordFeatures(word: string, stem: string, settings: FeatureSettings): string[] {
  const names = [`w:${stem}`];
  if (settings.charNgrams !== null) {
    const [min, max] = settings.charNgrams;
    const marked = ` ${word} `;
    for (let n = min; n <= max; n++) {
      for (let start = 0; start + n <= marked.length; start++) names.push(`c:${marked.slice(start, start + n)}`);
    }
  }
  return names;
}

/** The words that count, as (word, stem) pairs; `keep` decides for words flagged as names. */
export function contentWords(
  tokens: readonly AppealToken[],
  stem: Stem,
  keep: (token: AppealToken, stem: string) => boolean,
): { word: string; stem: string }[] {
  const words: { word: string; stem: string }[] = [];
  for (const token of tokens) {
    if (STOP_WORDS.has(token.word)) continue;
    const wordStem = stem(token.word);
    if (!keep(token, wordStem)) continue;
    words.push({ word: token.word, stem: wordStem });
  }
  return words;
}
