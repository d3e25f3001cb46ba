import { plainWords } from './plain-text.js';

/**
 * Art. 11 part 1: an anonymous appeal is not answered, but one that tells of an unlawful act
 * being prepared, committed or done (or of the person doing it) still goes to the competent
 * body. Appeals name offences in passing (профилактика краж, борьба с коррупцией, a stolen
 * bicycle found) and in the administration's own plans, so a match needs the act itself: a
 * word for the offence or a third-person verb of doing it, not in a preventive or general sense.
 */

/** Words that name an unlawful act whatever their ending, matched on the folded word's start. */
const OFFENCE_STEMS: readonly string[] = [
  'преступлен', 'правонарушен', 'противоправн', 'уголовн',
  'краж', 'хищени', 'грабеж', 'разбой', 'вымогательств', 'мошенничеств', 'мошенник', 'взятк',
  'взяточ', 'коррупц', 'растрат', 'наркопритон', 'наркоторгов', 'закладчик', 'поджог',
  'угон', 'изнасилован', 'убийств', 'побои', 'самогон', 'контрафакт', 'браконьер',
];

/** Third-person forms of doing an unlawful act: a report of what someone did or is doing. */
const ACT_VERBS = new Set([
  'украли', 'украл', 'украла', 'воруют', 'ворует', 'своровали', 'обокрали', 'ограбили', 'ограбил',
  'избили', 'избил', 'избивает', 'избивают', 'подожгли', 'поджег', 'подожгла', 'угнали', 'угнал',
  'вымогают', 'вымогает',
  'похитили', 'похитил', 'убили', 'убил', 'зарезали', 'застрелили', 'изнасиловал', 'присвоили',
  'присвоил',
]);

/**
 * What a verb of dealing must be about to be unlawful: торгуют овощами is trade, торгуют
 * наркотиками or спиртом ночью is not. Matched on stems within a few words after the verb.
 */
const DEALING_VERBS = new Set([
  'торгуют', 'торгует', 'сбывают', 'сбывает', 'варят', 'распространяют', 'сливают', 'сливает', 'сбрасывают', 'сбрасывает',
]);
const UNLAWFUL_OBJECTS: readonly string[] = [
  'наркот', 'героин', 'спайс', 'мефедрон', 'травк', 'анаш', 'оружи', 'патрон', 'паленк', 'паленую',
  'суррогат', 'спирт', 'самогон', 'фальшив', 'отход', 'нечистот', 'фекал', 'химикат', 'незаконн', 'краден',
];
const OBJECT_DISTANCE = 4;

/** Words before an offence word that make it a topic rather than an event: профилактика краж. */
const GENERAL_CONTEXT = new Set([
  'профилактика', 'профилактики', 'профилактике', 'профилактику', 'борьба', 'борьбы', 'борьбе', 'борьбу',
  'против', 'противодействие', 'противодействия', 'предупреждение', 'предупреждения', 'предотвращение',
  'предотвращения', 'статистика', 'статистику', 'статистики', 'уровень', 'уровня', 'снижение', 'снижения',
  'лекция', 'лекцию', 'лекции', 'урок', 'беседу', 'тему', 'теме', 'защиты', 'защита',
]);
// Far enough for a list (профилактика краж и мошенничества); it only ever spares offence nouns.
const CONTEXT_DISTANCE = 4;

/** "Незаконн-" is only an act when it qualifies one of these: незаконная вырубка, незаконно торгуют. */
const UNLAWFUL_ACT_NOUNS: readonly string[] = [
  'вырубк', 'свалк', 'торгов', 'продаж', 'строител', 'постройк', 'захват', 'добыч', 'сброс', 'рубк', 'проникновен',
  'торгуют', 'продают', 'вырубают', 'сбрасывают', 'построил', 'захватил',
];

/** True when the text reports an unlawful act rather than mentioning offences in general. */
export function reportsCrime(text: string): boolean {
  const words = plainWords(text);
  return words.some((word, index) => {
    if (words[index - 1] === 'не') return false;
    if (word.startsWith('незаконн')) return words.slice(index + 1, index + 3).some((w) => startsWithAny(w, UNLAWFUL_ACT_NOUNS));
    if (DEALING_VERBS.has(word)) return words.slice(index + 1, index + 1 + OBJECT_DISTANCE).some((w) => startsWithAny(w, UNLAWFUL_OBJECTS));
    if (ACT_VERBS.has(word)) return true;
    // A verb is an event whatever precedes it; a noun may be a topic (борьба с коррупцией).
    const before = words.slice(Math.max(0, index - CONTEXT_DISTANCE), index);
    return startsWithAny(word, OFFENCE_STEMS) && !before.some((w) => GENERAL_CONTEXT.has(w));
  });
}

function startsWithAny(word: string, stems: readonly string[]): boolean {
  return stems.some((stem) => word.startsWith(stem));
}
