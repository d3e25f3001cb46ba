import { normaliseText } from './normalise-text.js';

/** A word of an appeal, lower-cased; `proper` when written capitalised in mid-sentence (likely a name). */
export interface AppealToken {
  readonly word: string;
  readonly proper: boolean;
}

// Words (with inner hyphens), a dot right after a word, sentence punctuation, quotes, digits.
const PIECES = /([a-zа-я]+(?:-[a-zа-я]+)*)(\.)?|([.!?…\n]+)|([«"„“(])|(\d[\d.,/-]*)/giy;

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
const PLACE_AFTER_NAME = /^(район|района|районе|районом|округ|округа|округе|области|область|областью|сельсовет|сельсовета|поселения|поселение|городского|муниципального)$/;
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
  while (index < text.length) {
    PIECES.lastIndex = index;
    const match = PIECES.exec(text);
    if (match === null) {
      index++;
      continue;
    }
    index = PIECES.lastIndex;
    const [, original, dot, stop, quote] = match;
    if (stop !== undefined) {
      sentenceStart = true;
      dropping = 'no';
      continue;
    }
    if (quote !== undefined || original === undefined) continue;
    const word = original.toLowerCase();
    const capitalised = original !== word && original.slice(1) === word.slice(1) && original.length > 1;
    const initial = original.length === 1 && original !== word;
    const wasSentenceStart = sentenceStart;
    sentenceStart = dot !== undefined && !initial && !(NEEDS_DOT.has(word) || PLACE_BEFORE_NAME.has(word));

    // After a marker the next word is a name whatever its case; the words after it only while capitalised.
    if (dropping !== 'no' && !NOT_A_NAME.has(word) && (dropping === 'next' || capitalised)) {
      dropping = 'capitalised';
      continue;
    }
    dropping = 'no';
    if (PLACE_BEFORE_NAME.has(word) && (!NEEDS_DOT.has(word) || dot !== undefined)) {
      dropping = 'next';
      continue;
    }
    if (PLACE_AFTER_NAME.test(word)) {
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
