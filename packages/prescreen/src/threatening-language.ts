import { plainWords } from './plain-text.js';

/**
 * Threats of violence or harm. Appeals often report events (взорвалась труба, сожгли мусор,
 * убили собаку), so the check looks for the speaker's own intent: first-person future verbs
 * and the ultimatum phrases of threats, never past-tense or third-person forms.
 */

/** First-person future forms of harming a person: a threat whatever follows. */
const HARM_VERBS = new Set([
  'убью', 'убьем', 'прибью', 'прибьем', 'пристрелю', 'пристрелим', 'застрелю', 'застрелим',
  'перестреляю', 'перестреляем', 'зарежу', 'зарежем', 'прирежу', 'прирежем', 'перережу',
  'перережем', 'задушу', 'задушим', 'придушу', 'придушим', 'покалечу', 'покалечим', 'изобью',
  'изобьем', 'отравлю', 'отравим', 'урою', 'уроем', 'грохну', 'грохнем', 'растерзаю',
]);

/**
 * First-person future forms that threaten only when aimed at the addressee or their building
 * (сожгу ваш офис, закопаю вас): a citizen may well burn leaves or dig in a tree. Forms with an
 * everyday sense (перебью вас is an apology for interrupting, замочу is also laundry) are left out.
 */
const TARGETED_VERBS = new Set([
  'взорву', 'взорвем', 'подорву', 'подорвем', 'сожгу', 'сожжем', 'подожгу', 'подожжем',
  'спалю', 'спалим', 'разгромлю', 'разгромим', 'разнесу', 'разнесем', 'закопаю', 'закопаем',
]);

const TARGETS = new Set([
  'вас', 'вам', 'тебя', 'тебе', 'ваш', 'ваша', 'вашу', 'ваше', 'ваши', 'ваших', 'твой', 'твою',
  'всех', 'администрацию', 'администрации', 'мэрию', 'управу', 'здание', 'офис', 'контору',
  'кабинет', 'приемную', 'чиновников',
]);
const TARGET_DISTANCE = 4;

/** Ultimatum phrases, matched on the folded words joined by single spaces. */
const THREAT_PHRASES: readonly RegExp[] = [
  /(?:^| )(?:вам|тебе|им|ему|ей)(?: всем)? не жить(?: |$)/u,
  /(?:^| )не жить (?:вам|тебе)(?: |$)/u,
  /(?:^| )кровью умоетесь(?: |$)/u,
  /(?:^| )(?:вам|тебе) (?:конец|крышка|хана)(?: |$)/u,
  /(?:^| )(?:найду|достану|доберусь до) (?:вас|тебя)(?: |$)/u,
  /(?:^| )(?:я )?знаю где (?:вы живете|ты живешь)(?: |$)/u,
  /(?:^| )ходите (?:и )?оглядывайтесь(?: |$)/u,
  /(?:^| )устрою (?:(?:вам|тебе) )?(?:теракт|взрыв|поджог|самосуд|резню|бойню)(?: |$)/u,
  /(?:^| )(?:голову|голову вам|башку) (?:оторву|отрежу|откручу|проломлю)(?: |$)/u,
  /(?:^| )(?:ноги|руки) (?:вам |тебе )?(?:переломаю|поломаю|оторву)(?: |$)/u,
];

/** "Пожалеете" threatens only unnegated and said to someone: "вы не пожалеете" is a promise. */
const REGRET_FORMS = new Set(['пожалеете', 'пожалеешь']);
const REGRET_CONTEXT = new Set(['вы', 'ты', 'все', 'еще', 'сильно', 'горько', 'очень', 'крупно', 'этом']);
const REGRET_CONTEXT_DISTANCE = 3;

export type ThreatKind = 'harm' | 'destruction' | 'ultimatum';

/** Kinds of threat found in the text, each once, in a fixed order. */
export function findThreats(text: string): ThreatKind[] {
  const words = plainWords(text);
  const kinds = new Set<ThreatKind>();
  words.forEach((word, index) => {
    if (words[index - 1] === 'не') return;
    if (HARM_VERBS.has(word)) kinds.add('harm');
    if (TARGETED_VERBS.has(word) && words.slice(index + 1, index + 1 + TARGET_DISTANCE).some((w) => TARGETS.has(w))) {
      kinds.add('destruction');
    }
    if (REGRET_FORMS.has(word) && isThreateningRegret(words, index)) kinds.add('ultimatum');
  });
  const joined = words.join(' ');
  if (THREAT_PHRASES.some((phrase) => phrase.test(joined))) kinds.add('ultimatum');
  return (['harm', 'destruction', 'ultimatum'] as const).filter((kind) => kinds.has(kind));
}

function isThreateningRegret(words: readonly string[], index: number): boolean {
  const before = words.slice(Math.max(0, index - REGRET_CONTEXT_DISTANCE), index);
  if (before.includes('не')) return false;
  return before.some((word) => REGRET_CONTEXT.has(word)) || words[index + 1] === 'что';
}
