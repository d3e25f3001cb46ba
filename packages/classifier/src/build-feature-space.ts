import { type FeatureSettings, contentWords, wordFeatures } from './feature-space.js';
import { type Stem } from './russian-stemmer.js';
import { STOP_WORDS } from './stop-words.js';
import { type AppealToken } from './tokenise-appeal.js';

export interface FeatureSpace {
  /** Feature names, sorted; a name's position is its index. */
  readonly terms: string[];
  readonly idf: Float64Array;
}

interface StemUse {
  ordinaryDocuments: number;
  ordinary: number;
  proper: number;
}

/**
 * The vocabulary of a training corpus. A stem counts as an ordinary word only when it is mostly
 * written in lower case and in enough appeals; a stem mostly written capitalised in mid-sentence
 * is a name (a town, a street, a company, a person) and gives no feature at all, nor do its
 * character n-grams. Features seen in fewer than `minDocumentFrequency` appeals are dropped, then
 * the most widespread `maxTerms` are kept.
 */
export function buildFeatureSpace(
  documents: readonly (readonly AppealToken[])[],
  settings: FeatureSettings,
  stem: Stem,
  maxTerms: number,
): FeatureSpace {
  const uses = new Map<string, StemUse>();
  for (const tokens of documents) {
    const seen = new Set<string>();
    for (const token of tokens) {
      if (STOP_WORDS.has(token.word)) continue;
      const wordStem = stem(token.word);
      let use = uses.get(wordStem);
      if (use === undefined) {
        use = { ordinaryDocuments: 0, ordinary: 0, proper: 0 };
        uses.set(wordStem, use);
      }
      if (token.proper) {
        use.proper++;
      } else {
        use.ordinary++;
        if (!seen.has(wordStem)) use.ordinaryDocuments++;
        seen.add(wordStem);
      }
    }
  }
  const ordinaryWord = (wordStem: string): boolean => {
    const use = uses.get(wordStem);
    return use !== undefined && use.ordinary >= use.proper && use.ordinaryDocuments >= settings.minDocumentFrequency;
  };

  // A character n-gram spelling a name's stem ("c:киров") would smuggle the name back in.
  const nameStems = new Set([...uses].filter(([s, u]) => s.length >= 4 && u.proper > u.ordinary).map(([s]) => s));
  const namesAName = (name: string): boolean =>
    name.startsWith('c:') ? nameStems.has(name.slice(2).trim()) : name.slice(2).split(/[- ]/).some((part) => nameStems.has(part));

  const documentFrequency = new Map<string, number>();
  for (const tokens of documents) {
    const names = new Set<string>();
    let previous: string | undefined;
    for (const { word, stem: wordStem } of contentWords(tokens, stem, (_, s) => ordinaryWord(s))) {
      for (const name of wordFeatures(word, wordStem, settings)) names.add(name);
      if (settings.wordBigrams && previous !== undefined) names.add(`b:${previous} ${wordStem}`);
      previous = wordStem;
    }
    for (const name of names) documentFrequency.set(name, (documentFrequency.get(name) ?? 0) + 1);
  }
  const terms = [...documentFrequency]
    .filter(([name, df]) => df >= settings.minDocumentFrequency && !namesAName(name))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxTerms)
    .map(([name]) => name)
    .sort();
  const n = documents.length;
  const idf = Float64Array.from(terms, (name) => Math.log((1 + n) / (1 + (documentFrequency.get(name) ?? 0))) + 1);
  return { terms, idf };
}
