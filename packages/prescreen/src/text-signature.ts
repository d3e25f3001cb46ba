import { plainWords } from './plain-text.js';

/**
 * A MinHash of the text's word-stem shingles: enough to estimate how alike two texts are, kept
 * beside the appeal in the database, and no way back to the words (only 64 hash minima).
 */
export interface TextSignature {
  /** Changes whenever stems, shingles or hashing change; signatures of different versions never match. */
  readonly version: 1;
  /** One minimum per hash function, unsigned 32-bit; empty when the text has no content words. */
  readonly minHashes: readonly number[];
}

const SIGNATURE_VERSION = 1;
const HASH_COUNT = 64;
// Russian inflects word endings; the first five letters keep the root of most content words
// (фонари, фонарь, фонарей -> фонар) without a stemmer dictionary.
const STEM_LENGTH = 5;

/** Words that every appeal has and that say nothing about its matter. */
const STOP_WORDS = new Set([
  'и', 'в', 'во', 'на', 'не', 'ни', 'что', 'как', 'с', 'со', 'к', 'ко', 'по', 'о', 'об', 'от',
  'до', 'из', 'за', 'у', 'а', 'но', 'же', 'ли', 'бы', 'то', 'это', 'этот', 'эта', 'эти', 'так',
  'уже', 'еще', 'для', 'при', 'или', 'я', 'мы', 'вы', 'он', 'она', 'они', 'мне', 'нам', 'вас',
  'нас', 'наш', 'наша', 'наши', 'нашего', 'нашем', 'нашей', 'мой', 'моя', 'мои', 'моего', 'моей',
  'его', 'ее', 'их', 'был', 'была', 'были', 'было', 'есть', 'очень', 'все', 'там', 'тут',
  'здравствуйте', 'добрый', 'день', 'уважаемый', 'уважаемая', 'уважаемые', 'прошу', 'просим',
  'пожалуйста', 'помогите', 'помочь', 'спасибо', 'заранее', 'обращаюсь', 'вопрос', 'номер',
  // Address words: nearly every complaint names a house on a street; the number and the street
  // name carry the place, these only make unrelated complaints look alike.
  'дом', 'дома', 'доме', 'д', 'улица', 'улице', 'улицы', 'ул', 'кв', 'квартира', 'квартире',
]);

// Fixed seeds: signatures are stored, so the hash functions must never change within a version.
const SEEDS: readonly number[] = Array.from({ length: HASH_COUNT }, (_, index) => mix32(0x9e3779b9 ^ Math.imul(index + 1, 0x85ebca6b)));

export function textSignature(text: string): TextSignature {
  const shingles = textShingles(text);
  if (shingles.size === 0) return { version: SIGNATURE_VERSION, minHashes: [] };
  const minHashes = new Array<number>(HASH_COUNT).fill(0xffffffff);
  for (const shingle of shingles) {
    const base = fnv1a(shingle);
    SEEDS.forEach((seed, index) => {
      const value = mix32(base ^ seed);
      if (value < (minHashes[index] ?? 0xffffffff)) minHashes[index] = value;
    });
  }
  return { version: SIGNATURE_VERSION, minHashes };
}

/**
 * Estimated Jaccard similarity of the two texts' shingle sets, 0..1. A signature of an empty
 * text, or of another version, is like nothing.
 */
export function textSimilarity(a: TextSignature, b: TextSignature): number {
  if (a.version !== b.version || a.minHashes.length !== b.minHashes.length || a.minHashes.length === 0) return 0;
  const equal = a.minHashes.filter((value, index) => value === b.minHashes[index]).length;
  return equal / a.minHashes.length;
}

/**
 * One-word shingles of stems. Paraphrases reorder words freely (во дворе дома 14 / дом 14, во
 * дворе), so pairs of neighbouring stems halved the similarity of paraphrases on the invented
 * examples in the tests while barely lowering that of unrelated texts. Exported for tests.
 */
export function textShingles(text: string): Set<string> {
  const stems = plainWords(text)
    .filter((word) => !STOP_WORDS.has(word))
    .map((word) => (/^\p{N}+$/u.test(word) ? word : [...word].slice(0, STEM_LENGTH).join('')));
  return new Set(stems);
}

/** FNV-1a over UTF-16 code units: stable across platforms and versions of Node. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The MurmurHash3 finaliser: spreads every input bit over the whole word. */
function mix32(value: number): number {
  let hash = value >>> 0;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/**
 * Estimated share of the first text's shingles found in the others together, 0..1. The union
 * of the others has the elementwise minimum as its MinHash; for each hash, the first text's
 * minimum equals the union's with probability |A ∩ U| / |A ∪ U| and is at most it with
 * probability |A| / |A ∪ U|, so their ratio estimates |A ∩ U| / |A| without the set sizes.
 */
export function textContainment(a: TextSignature, others: readonly TextSignature[]): number {
  const usable = others.filter((other) => other.version === a.version && other.minHashes.length === a.minHashes.length && other.minHashes.length > 0);
  if (a.minHashes.length === 0 || usable.length === 0) return 0;
  let within = 0;
  let equal = 0;
  a.minHashes.forEach((value, index) => {
    const union = Math.min(...usable.map((other) => other.minHashes[index] ?? 0xffffffff));
    if (value <= union) within++;
    if (value === union) equal++;
  });
  return within === 0 ? 0 : equal / within;
}
