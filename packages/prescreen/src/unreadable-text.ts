import { toPlainText } from './plain-text.js';
import type { ScreeningPolicy } from './screening-policy.js';

/**
 * Art. 11 part 4: a text that cannot be read is not answered. These are the mechanical signs
 * of that; a readable text whose essence cannot be made out is part 4.1 (essence-text.ts).
 */

const VOWELS = /[аеёиоуыэюяaeiouy]/u;
const KEYBOARD_ROWS = [
  'йцукенгшщзхъ', 'фывапролджэ', 'ячсмитьбю', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm',
  // Reversed rows: mash is typed in both directions.
  'ъхзщшгнекуцй', 'эждлорпавыф', 'юбьтимсчя', 'poiuytrewq', 'lkjhgfdsa', 'mnbvcxz',
];
// Shorter runs occur in real words (запрос holds апро, напролом holds апрол, property holds
// erty), so a run counts inside a word from six keys, and as a whole word from four (фыва, asdf).
const MIN_ROW_RUN_INSIDE = 6;
const MIN_ROW_WORD = 4;

/** The reason the text is unreadable, or undefined when it looks like language. */
export function unreadableReason(text: string, policy: ScreeningPolicy): string | undefined {
  const plain = toPlainText(text);
  const visible = plain.replace(/\s+/gu, '');
  if (visible === '') return 'text is empty after removing markup and whitespace';

  const letters = visible.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return 'text has no letters, only digits, symbols or emoji';
  if (letters.length / [...visible].length < policy.minLetterShare) return 'most characters of the text are not letters';

  const other = letters.filter((letter) => !/[\p{Script=Cyrillic}\p{Script=Latin}]/u.test(letter)).length;
  if (other / letters.length > policy.maxOtherScriptShare) return 'most letters are in a script other than Cyrillic or Latin';

  const words = plain.toLowerCase().match(/\p{L}+/gu) ?? [];
  const mash = words.filter(isKeyboardMash).length;
  if (words.length > 0 && mash / words.length > policy.maxMashWordShare) return 'text looks like keyboard mash';
  return undefined;
}

/** Two letters or more with a vowel: a word, not an initial or a stray consonant cluster. */
export function isWordLike(word: string): boolean {
  return [...word].length >= 2 && VOWELS.test(word);
}

/** A word typed by hitting keys rather than spelling: repeats, vowel-less runs, keyboard rows. */
export function isKeyboardMash(word: string): boolean {
  const lower = word.toLowerCase();
  if (/(\p{L})\1{3,}/u.test(lower)) return true;
  if ([...lower].length >= 4 && !VOWELS.test(lower)) return true;
  // Real words hold up to five consonants in a row (бодрствовать, strengths); mash holds more.
  if (/[бвгджзйклмнпрстфхцчшщ]{6,}/u.test(lower) || /[bcdfghjklmnpqrstvwxz]{6,}/u.test(lower)) return true;
  return followsKeyboardRow(lower);
}

function followsKeyboardRow(word: string): boolean {
  if (word.length >= MIN_ROW_WORD && KEYBOARD_ROWS.some((row) => row.includes(word))) return true;
  for (let start = 0; start + MIN_ROW_RUN_INSIDE <= word.length; start++) {
    const run = word.slice(start, start + MIN_ROW_RUN_INSIDE);
    if (KEYBOARD_ROWS.some((row) => row.includes(run))) return true;
  }
  return false;
}
