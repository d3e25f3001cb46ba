/**
 * Splits a name written in one field into surname, first name and patronymic. The rules, in
 * order of precedence:
 * 1. An initial (one letter, with or without a dot; `И.И.` is two) is the first name, then the
 *    patronymic: `Иванов И. И.` and `И. И. Иванов` both give surname Иванов.
 * 2. A word with a patronymic ending (-ович, -евич, -ич, -овна, -евна, -ична, -инична, and
 *    оглы/кызы after it) is the patronymic, and the word before it the first name.
 * 3. A common Russian first name (a short list) is the first name.
 * 4. A word with a Russian surname ending (-ов, -ев, -ин, -ский, -цкий and their feminine forms)
 *    is the surname.
 * 5. Otherwise the official order, 'Фамилия Имя Отчество', fills what is left: so the ambiguous
 *    'Иван Петров' is read by rule 3 or 4, and two unknown words are read surname first.
 * A single word is a surname only when it has a surname ending, since a chat nickname is far
 * more often a first name; the pre-screen then flags the appeal as without a surname.
 */
export interface PersonName {
  surname?: string;
  firstName?: string;
  patronymic?: string;
}

type Role = keyof PersonName;

const PATRONYMIC = /(?:ович|евич|ич|овна|евна|ична|инична)$/u;
const SURNAME = /(?:ов|ев|ин|ын|ский|цкий|ской|ова|ева|ина|ына|ская|цкая)$/u;
const TURKIC_PATRONYMIC_TAIL = /^(?:оглы|кызы|угли|кизи)$/u;

const FIRST_NAMES = new Set([
  'александр', 'алексей', 'анатолий', 'андрей', 'антон', 'артем', 'борис', 'вадим', 'валентин',
  'валерий', 'василий', 'виктор', 'виталий', 'владимир', 'владислав', 'вячеслав', 'геннадий',
  'георгий', 'глеб', 'григорий', 'даниил', 'денис', 'дмитрий', 'евгений', 'егор', 'иван', 'игорь',
  'илья', 'кирилл', 'константин', 'лев', 'леонид', 'максим', 'матвей', 'михаил', 'никита',
  'николай', 'олег', 'павел', 'петр', 'роман', 'руслан', 'сергей', 'станислав', 'степан',
  'тимур', 'федор', 'юрий', 'ярослав', 'александра', 'алина', 'алла', 'анастасия', 'анна',
  'валентина', 'валерия', 'вера', 'виктория', 'галина', 'дарья', 'евгения', 'екатерина', 'елена',
  'елизавета', 'зинаида', 'зоя', 'инна', 'ирина', 'карина', 'кристина', 'ксения', 'лариса',
  'лидия', 'любовь', 'людмила', 'маргарита', 'марина', 'мария', 'надежда', 'наталья', 'наталия',
  'нина', 'оксана', 'ольга', 'полина', 'раиса', 'светлана', 'софия', 'софья', 'тамара', 'татьяна',
  'ульяна', 'юлия', 'яна',
]);

export function parsePersonName(full: string): PersonName {
  const words = splitInitials(full);
  if (words.length === 0) return {};
  const roles = assignRoles(words);
  const name: PersonName = {};
  words.forEach((word, index) => {
    const role = roles[index];
    if (role === undefined) return;
    name[role] = name[role] === undefined ? word : `${name[role]} ${word}`;
  });
  return name;
}

/** Words of the name; glued initials (`И.И.`) become one word each, without the dots. */
function splitInitials(full: string): string[] {
  return full
    .replace(/(\p{L})\.(?=\p{L}\.?)/gu, '$1. ')
    .split(/[\s,]+/u)
    .map((word) => word.replace(/\.$/u, ''))
    .filter((word) => word !== '');
}

function assignRoles(words: readonly string[]): (Role | undefined)[] {
  const folded = words.map((word) => word.toLowerCase().replace(/ё/gu, 'е'));
  const roles: (Role | undefined)[] = words.map(() => undefined);
  const initials = folded.map((word) => [...word].length === 1);

  // Rule 1: initials in order are first name, then patronymic.
  const initialOrder: Role[] = ['firstName', 'patronymic'];
  folded.forEach((_, index) => {
    if (initials[index] === true) roles[index] = initialOrder.shift();
  });
  // Rule 2: a patronymic, and the first name right before it.
  folded.forEach((word, index) => {
    if (roles[index] !== undefined || !hasNoRole(roles, 'patronymic')) return;
    if (PATRONYMIC.test(word) && index > 0 && roles[index - 1] === undefined && words.length > 1) {
      roles[index] = 'patronymic';
      if (hasNoRole(roles, 'firstName')) roles[index - 1] = 'firstName';
    }
  });
  // A Turkic patronymic is written in two words: Мамед оглы.
  folded.forEach((word, index) => {
    if (TURKIC_PATRONYMIC_TAIL.test(word) && index > 0) {
      roles[index] = 'patronymic';
      if (roles[index - 1] === undefined || roles[index - 1] === 'firstName') roles[index - 1] = 'patronymic';
    }
  });
  fillByWordList(folded, roles, (word) => FIRST_NAMES.has(word), 'firstName');
  fillByWordList(folded, roles, (word) => SURNAME.test(word), 'surname');

  if (words.length === 1 && roles[0] === undefined) return ['firstName'];
  // Rule 5: the official order fills the rest.
  const order = (['surname', 'firstName', 'patronymic'] as const).filter((role) => hasNoRole(roles, role));
  return roles.map((role) => role ?? order.shift() ?? 'patronymic');
}

function fillByWordList(folded: readonly string[], roles: (Role | undefined)[], matches: (word: string) => boolean, role: Role): void {
  const index = folded.findIndex((word, at) => roles[at] === undefined && matches(word));
  if (index >= 0 && hasNoRole(roles, role)) roles[index] = role;
}

function hasNoRole(roles: readonly (Role | undefined)[], role: Role): boolean {
  return !roles.includes(role);
}
