/** The thresholds of the pre-screen, kept as configuration so an administrator can tune them. */
export interface ScreeningPolicy {
  /**
   * How far back earlier appeals of the same person are compared (calendar days). Art. 11 part
   * 5 sets no window; this only bounds the history kept and compared.
   */
  readonly repeatWindowDays: number;
  /** Estimated Jaccard similarity of text signatures at or above which texts count as the same question. */
  readonly similarityThreshold: number;
  /** How many earlier appeals on the same question must have been answered on the merits ("неоднократно"). */
  readonly repeatMinAnswered: number;
  /** At or above this share of the text already held in the answered appeals, it brings no new arguments. */
  readonly noNewArgumentsShare: number;
  /** Fewer meaningful words than this and the essence cannot be determined (art. 11 part 4.1). */
  readonly minMeaningfulWords: number;
  /** Below this share of letters among the visible characters, the text is mostly symbols. */
  readonly minLetterShare: number;
  /** Above this share of letters outside Cyrillic and Latin, the text is in another script. */
  readonly maxOtherScriptShare: number;
  /** Above this share of keyboard-mash words, the text is mash. */
  readonly maxMashWordShare: number;
  /** A published answer matches when at least this share of the smaller stem set is shared... */
  readonly publishedAnswerMinOverlap: number;
  /** ...and at least this many stems: one common word is never a question already answered. */
  readonly publishedAnswerMinCommonStems: number;
}

/**
 * Defaults. 365 days: as far back as ingest keeps a person's appeals. 0.25: on the invented
 * texts of the text-signature tests, paraphrases of one complaint score 0.3-0.6 and unrelated
 * complaints under 0.2; the same person is required as well, and a person confirms the flag.
 * Two answers: the law's "неоднократно" is more than once. 0.8 held: a restatement repeats its
 * words, a new argument brings words of its own. Three words: the shortest answerable appeals
 * ("не горят фонари") have three. Published answers: three shared stems and 0.6 of the smaller
 * set, so that a keyword phrase matched alone is not enough.
 */
export const DEFAULT_SCREENING_POLICY: ScreeningPolicy = Object.freeze({
  repeatWindowDays: 365,
  similarityThreshold: 0.25,
  repeatMinAnswered: 2,
  noNewArgumentsShare: 0.8,
  minMeaningfulWords: 3,
  minLetterShare: 0.5,
  maxOtherScriptShare: 0.5,
  maxMashWordShare: 0.5,
  publishedAnswerMinOverlap: 0.6,
  publishedAnswerMinCommonStems: 3,
});
