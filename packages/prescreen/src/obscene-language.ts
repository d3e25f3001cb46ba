import { MASK, obsceneCheckTokens } from './obscene-tokens.js';

/**
 * Russian obscene vocabulary (мат): the roots and their common derivatives. Each pattern is
 * anchored at the start of a word, after an optional prefix of that root, because the same
 * letters occur inside ordinary words (оскорблять, скипидар, себе, страхуй). Rude but
 * non-obscene words (сука, говно, хер) are left out: art. 11 speaks of obscene language, and a
 * person confirms every flag anyway.
 */
const OBSCENE_PATTERNS: readonly string[] = [
  // хуй and its derivatives: нахуй, похуй, нихуя, охуеть, хуево, захуярить.
  '^(?:на|по|ни|о|от|за|до|рас|раз|вы|под|при|с)?ху[йеияю]',
  // пизда and its derivatives; the root does not occur inside ordinary words.
  'пизд',
  // ебать: bare or after its prefixes, with a hard or soft sign where writers put one; Ебург is
  // the city's nickname.
  '^(?:за|на|вы|у|по|до|от|отъ|оть|съ|сь|разъ|разь|подъ|подь|въ|вь|объ|обь|пере|при|долбо)?еб(?!ург)(?:[аеилнуыьоц]|$)',
  // блядь: the bare interjection, or the root followed by д or т.
  '^бля$',
  '^(?:вы|по|на|раз|за)?бля[дт]',
  '^(?:мудак|мудач|мудил|мудозвон)',
  '^(?:пидор|пидар|пидр)',
  '^манд(?:а|ы|е|у|ой)$',
  '^мандавошк',
  '^залуп',
];

// A mask stands for one letter, so a pattern letter also accepts it; the word must show at least
// two real letters and the match at least one, or a row of stars would match every pattern.
const MIN_VISIBLE_LETTERS = 2;

interface CompiledPattern {
  plain: RegExp;
  masked: RegExp;
}

const COMPILED: readonly CompiledPattern[] = OBSCENE_PATTERNS.map((source) => ({
  plain: new RegExp(source, 'u'),
  masked: new RegExp(acceptMask(source), 'u'),
}));

/** Each Cyrillic letter becomes [letter*] and each class also takes the mask. */
function acceptMask(source: string): string {
  let out = '';
  let inClass = false;
  for (const char of source) {
    if (char === '[') inClass = true;
    if (char === ']' && inClass) {
      inClass = false;
      out += `\\${MASK}]`;
      continue;
    }
    out += !inClass && /[а-я]/u.test(char) ? `[${char}\\${MASK}]` : char;
  }
  return out;
}

export function isObsceneWord(token: string): boolean {
  const masked = token.includes(MASK);
  return COMPILED.some(({ plain, masked: withMask }) => {
    if (!masked) return plain.test(token);
    const found = withMask.exec(token);
    return found !== null && countVisible(found[0]) >= 1 && countVisible(token) >= MIN_VISIBLE_LETTERS;
  });
}

function countVisible(span: string): number {
  return [...span].filter((char) => char !== MASK).length;
}

/** How many words of the text are obscene; zero when none. */
export function countObsceneWords(text: string): number {
  return obsceneCheckTokens(text).filter(isObsceneWord).length;
}
