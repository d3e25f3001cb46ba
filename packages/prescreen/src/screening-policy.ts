/** The thresholds of the pre-screen, kept as configuration so an administrator can tune them. */
export interface ScreeningPolicy {
  /** How far back an earlier appeal of the same person counts as a repeat (calendar days). */
  readonly repeatWindowDays: number;
  /** Estimated Jaccard similarity of text signatures at or above which texts count as the same matter. */
  readonly similarityThreshold: number;
  /** How many similar earlier appeals it takes to flag a repeat. */
  readonly repeatMinEarlier: number;
  /** Fewer readable words than this and there is nothing to answer. */
  readonly minReadableWords: number;
  /** Below this share of letters among the visible characters, the text is mostly symbols. */
  readonly minLetterShare: number;
  /** Above this share of letters outside Cyrillic and Latin, the text is in another script. */
  readonly maxOtherScriptShare: number;
  /** Above this share of keyboard-mash words, the text is mash. */
  readonly maxMashWordShare: number;
}

/**
 * Defaults. 90 days: a repeat under art. 11 is about the same matter being raised again while
 * it is still fresh; a quarter covers the 30-day answer plus an extension and the citizen's
 * reaction to the answer. 0.25: on the invented texts of the text-signature tests, paraphrases
 * of one complaint score 0.3-0.6 and unrelated complaints under 0.2; the same person is
 * required as well, and a person confirms the flag, so a near miss costs little. Three words: the
 * shortest answerable appeals ("не горят фонари") have three.
 */
export const DEFAULT_SCREENING_POLICY: ScreeningPolicy = Object.freeze({
  repeatWindowDays: 90,
  similarityThreshold: 0.25,
  repeatMinEarlier: 1,
  minReadableWords: 3,
  minLetterShare: 0.5,
  maxOtherScriptShare: 0.5,
  maxMashWordShare: 0.5,
});
