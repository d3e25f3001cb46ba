import { foldCase, toPlainText } from './plain-text.js';

/**
 * Words prepared for the obscene-vocabulary check: people disguise mat with Latin or digit
 * look-alikes (`xуй`, `6лядь`), masking stars (`х*й`) and letters spaced apart (`х у й`,
 * `х.у.й`). This undoes those disguises and nothing else, so ordinary words stay as they are.
 */

/** The masking character every disguise is mapped to; the patterns treat it as any one letter. */
export const MASK = '*';

const LOOK_ALIKES: Record<string, string> = {
  a: 'а', b: 'б', c: 'с', e: 'е', h: 'н', k: 'к', m: 'м', n: 'п', o: 'о', p: 'р', t: 'т',
  u: 'и', x: 'х', y: 'у', '0': 'о', '3': 'з', '4': 'ч', '6': 'б', '@': 'а',
};

// Underscores, dots and hyphens separate letters (`х_у_й`); these stand in for a letter.
const MASK_CHARACTERS = /[*#%]/gu;
const CYRILLIC = /[а-я]/u;

export function obsceneCheckTokens(text: string): string[] {
  const raw = foldCase(toPlainText(text)).match(/[\p{L}\p{N}*#%@]+/gu) ?? [];
  const tokens = raw.map(undisguise).filter((token) => token !== '');
  return joinSpacedLetters(tokens);
}

function undisguise(token: string): string {
  const masked = token.replace(MASK_CHARACTERS, MASK);
  const mapped = [...masked].map((char) => LOOK_ALIKES[char] ?? char).join('');
  // Only a word that is Cyrillic already, or that is made entirely of look-alikes, is a disguise:
  // mapping ordinary English or numbers would only invent coincidences.
  const disguised = CYRILLIC.test(masked) || /^[а-я*]+$/u.test(mapped);
  const word = disguised ? mapped : masked;
  // Stretched letters (`хууууй`) are emphasis; runs of three or more read as one letter.
  return /\p{L}/u.test(word) ? word.replace(/(\p{L})\1{2,}/gu, '$1') : '';
}

/** Three or more one-letter tokens in a row are one word written letter by letter. */
function joinSpacedLetters(tokens: string[]): string[] {
  const joined: string[] = [];
  let run: string[] = [];
  const flush = (): void => {
    if (run.length >= 3) joined.push(run.join(''));
    else joined.push(...run);
    run = [];
  };
  for (const token of tokens) {
    if ([...token].length === 1) run.push(token);
    else {
      flush();
      joined.push(token);
    }
  }
  flush();
  return joined;
}
