import snowball from 'snowball-stemmers';

export type Stem = (word: string) => string;

const CACHE_LIMIT = 200_000;

/**
 * The Russian Snowball stemmer, so that word forms meet (`дороги`, `дорогами` -> `дорог`), with a
 * bounded cache: appeals repeat a small vocabulary and the stemmer is the slowest step.
 * Expects lower-case words with `ё` folded; Latin words pass through unchanged.
 */
export function createRussianStemmer(): Stem {
  const stemmer = snowball.newStemmer('russian');
  const cache = new Map<string, string>();
  return (word) => {
    const cached = cache.get(word);
    if (cached !== undefined) return cached;
    const stem = /[а-я]/.test(word) ? stemmer.stem(word) : word;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, stem);
    return stem;
  };
}
