import { normaliseText } from './normalise-text.js';

/** A word of an appeal, lower-cased; `proper` when written capitalised in mid-sentence (likely a name). */
export interface AppealToken {
  readonly word: string;
  readonly proper: boolean;
}

// Markers after which comes a place name: the next word is a name, never evidence of a topic.
const PLACE_BEFORE_NAME = new Set([
  'ул', 'улица', 'улице', 'улицу', 'улицы', 'улицей', 'пр', 'пр-т', 'пр-кт', 'просп', 'проспект',
  'проспекта', 'проспекте', 'проспекту', 'пер', 'переулок', 'переулка', 'переулке', 'бульвар',
  'бульвара', 'бульваре', 'б-р', 'шоссе', 'пл', 'площадь', 'площади', 'наб', 'набережная',
  'набережной', 'проезд', 'проезда', 'проезде', 'мкр', 'мкрн', 'микрорайон', 'микрорайона',
  'микрорайоне', 'г', 'город', 'города', 'городе', 'городу', 'городом', 'с', 'село', 'села',
  'селе', 'селу', 'селом', 'д', 'деревня', 'деревни', 'деревне', 'деревню', 'п', 'пос', 'поселок',
  'поселка', 'поселке', 'пгт', 'х', 'хутор', 'хутора', 'хуторе', 'ст', 'станица', 'станицы',
  'станице', 'слобода', 'слободы', 'слободе', 'р-н', 'р-на', 'р-не', 'обл', 'тупик', 'аллея', 'аллее',
  'снт', 'днт', 'тсн', 'жк',
]);
// Abbreviated markers count only with their dot ("с." is a village, "с" a preposition).
const NEEDS_DOT = new Set(['г', 'с', 'д', 'п', 'х', 'ст', 'пр', 'пер', 'пл', 'наб', 'ул', 'пос', 'обл', 'просп']);
// Words that can follow a marker without being a name ("в городе не ...").
const NOT_A_NAME = new Set(['в', 'на', 'по', 'и', 'у', 'не', 'нет', 'с', 'к', 'о', 'от', 'до', 'за', 'из', 'а', 'но', 'же', 'уже', 'есть']);
// Markers that follow the name they belong to ("Ленинский район", "Курской области").
const PLACE_AFTER_NAME = new Set([
  'район', 'района', 'районе', 'районом', 'округ', 'округа', 'округе', 'области', 'область', 'областью',
  'сельсовет', 'сельсовета', 'поселения', 'поселение', 'городского', 'муниципального',
]);
const PROPER_ADJECTIVE = /(ый|ий|ой|ая|яя|ое|ее|ую|юю|ого|его|ому|ему|ым|им|ом|ем|ые|ие|ых|их)$/;
// Adjectives before "район" that say which one without naming it.
const DETERMINER = /^(наш|ваш|эт|т|весь|вс|сво|соседн|кажд|люб|друг|одн|как|так|ин|сам|нов|ближайш)/;
const FUNCTION_WORD_MAX = 1;

/**
 * The words of an appeal that may speak to its topic. Place names do not: words after markers like
 * `ул.`, `проспект`, `село`, and adjectives before `район` or `области`, are dropped, as are digits,
 * phone numbers, e-mail addresses and URLs. A word capitalised in mid-sentence is kept but flagged,
 * so that only words known as ordinary ones count.
 */
export function tokeniseAppeal(raw: string): AppealToken[] {
  const text = normaliseText(raw);
  const tokens: AppealToken[] = [];
  let sentenceStart = true;
  let dropping: 'no' | 'next' | 'capitalised' = 'no';
  let index = 0;
  // One pass over character codes: a word (letters with inner hyphens, then maybe a dot), a run
  // of sentence punctuation, or a run of digits (with the dots inside it, so `д. 5.` ends no sentence).
  while (index < text.length) {
    const code = text.charCodeAt(index);
    const letter = letterCase(code);
    if (letter === NOT_LETTER) {
      if (isSentenceStop(code)) {
        do index++;
        while (index < text.length && isSentenceStop(text.charCodeAt(index)));
        sentenceStart = true;
        dropping = 'no';
      } else if (code >= DIGIT_0 && code <= DIGIT_9) {
        do index++;
        while (index < text.length && isNumberPart(text.charCodeAt(index)));
      } else {
        index++;
      }
      continue;
    }
    const from = index;
    let upperAfterFirst = false;
    index++;
    for (;;) {
      while (index < text.length) {
        const kind = letterCase(text.charCodeAt(index));
        if (kind === NOT_LETTER) break;
        if (kind === UPPER) upperAfterFirst = true;
        index++;
      }
      if (text.charCodeAt(index) !== HYPHEN || letterCase(text.charCodeAt(index + 1)) === NOT_LETTER) break;
      index++;
    }
    const length = index - from;
    const dot = text.charCodeAt(index) === DOT;
    if (dot) index++;
    const original = text.slice(from, index - (dot ? 1 : 0));
    const word = letter === UPPER || upperAfterFirst ? original.toLowerCase() : original;
    const capitalised = letter === UPPER && !upperAfterFirst && length > 1;
    const initial = length === 1 && letter === UPPER;
    const wasSentenceStart = sentenceStart;
    sentenceStart = dot && !initial && !(NEEDS_DOT.has(word) || PLACE_BEFORE_NAME.has(word));

    // After a marker the next word is a name whatever its case; the words after it only while capitalised.
    if (dropping !== 'no' && !NOT_A_NAME.has(word) && (dropping === 'next' || capitalised)) {
      dropping = 'capitalised';
      continue;
    }
    dropping = 'no';
    if (PLACE_BEFORE_NAME.has(word) && (!NEEDS_DOT.has(word) || dot)) {
      dropping = 'next';
      continue;
    }
    if (PLACE_AFTER_NAME.has(word)) {
      const previous = tokens.at(-1);
      if (previous !== undefined && (previous.proper || (PROPER_ADJECTIVE.test(previous.word) && !DETERMINER.test(previous.word)))) {
        tokens.pop();
      }
    }
    if (word.length <= FUNCTION_WORD_MAX) continue;
    const previous = tokens.at(-1);
    // "от Грибной радуги": the noun after a capitalised adjective belongs to the same name.
    const nameContinues = previous?.proper === true && PROPER_ADJECTIVE.test(previous.word) && !NOT_A_NAME.has(word);
    tokens.push({ word, proper: (capitalised && !wasSentenceStart) || nameContinues });
  }
  return tokens;
}

const NOT_LETTER = 0;
const LOWER = 1;
const UPPER = 2;
const HYPHEN = 0x2d;
const DOT = 0x2e;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

/** Latin and Russian letters (`ё` is folded before): lower, upper, or none. */
function letterCase(code: number): number {
  if (code >= 0x430 && code <= 0x44f) return LOWER;
  if (code >= 0x410 && code <= 0x42f) return UPPER;
  if (code >= 0x61 && code <= 0x7a) return LOWER;
  if (code >= 0x41 && code <= 0x5a) return UPPER;
  return NOT_LETTER;
}

/** `.`, `!`, `?`, `…` and a line break end a sentence. */
function isSentenceStop(code: number): boolean {
  return code === DOT || code === 0x21 || code === 0x3f || code === 0x2026 || code === 0x0a;
}

/** Digits and the separators inside numbers, dates and house numbers: `12/3`, `01.02.2022`, `5-7`. */
function isNumberPart(code: number): boolean {
  return (code >= DIGIT_0 && code <= DIGIT_9) || code === DOT || code === 0x2c || code === 0x2f || code === HYPHEN;
}
