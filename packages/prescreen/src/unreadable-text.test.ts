import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCREENING_POLICY } from './screening-policy.js';
import { isKeyboardMash, unreadableReason } from './unreadable-text.js';

const reasonOf = (text: string): string | undefined => unreadableReason(text, DEFAULT_SCREENING_POLICY);

describe('59-ФЗ ст. 11 ч. 4: unreadableReason', () => {
  it.each([
    ['empty text', '', /empty/],
    ['whitespace only', '  \n\t ', /empty/],
    ['markup only', '<p><br/>&nbsp;</p>', /empty/],
    ['emoji only', '😡😡😡 👎', /no letters/],
    ['digits and symbols', '!!! ??? 123 ...', /no letters/],
    ['mostly symbols', 'а!!!!!!!!!!!!!!!!!!!! ?????????', /not letters/],
    ['another script', '请修理我们院子里的路灯，已经一个星期了', /another script|script other/],
    ['keyboard mash with repeats', 'ыввввввв ыыыыыы', /mash/],
    ['keyboard row mash', 'asdfgh фыва', /mash/],
    ['consonant runs', 'кпрнгш тврдлк мнжк', /mash/],
  ])('flags %s', (_, text, reason) => {
    expect(reasonOf(text)).toMatch(reason);
  });

  it.each([
    'Во дворе не горят фонари',
    '<p>Прошу отремонтировать <b>дорогу</b> у дома 12</p>',
    'Не вывозят мусор с площадки на ул. Речной, д. 7, кв. 34, тел. 8 999 000-00-00',
    'Please repair the street lights in our yard',
    'Здравствуйте! Запрос про бодрствование сторожей: почему никого нет ночью?',
    'Напролом едут грузовики, разбили газон',
    // Short but readable: whether it says anything is part 4.1, not part 4.
    'Привет!',
  ])('reads %s', (text) => {
    expect(reasonOf(text)).toBeUndefined();
  });

  it('follows the policy thresholds', () => {
    expect(unreadableReason('Не горят фонари!!!!!!', DEFAULT_SCREENING_POLICY)).toBeUndefined();
    expect(unreadableReason('Не горят фонари!!!!!!', { ...DEFAULT_SCREENING_POLICY, minLetterShare: 0.8 })).toMatch(/not letters/);
  });

  it('never throws on any input and gives a reason without quoting the text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 100 }), (text) => {
      const reason = reasonOf(text);
      if (reason !== undefined) expect(reason).toMatch(/^[a-z0-9 ,]+$/u);
    }));
  });
});

describe('isKeyboardMash', () => {
  it.each(['ыввввввв', 'asdfgh', 'фыва', 'йцукен', 'qwerty', 'вкпрнгш', 'ждлорп'])('takes %s for mash', (word) => {
    expect(isKeyboardMash(word)).toBe(true);
  });
  it.each(['здравствуйте', 'взгляд', 'запрос', 'напролом', 'property', 'strengths', 'бодрствовать', 'жкх'])('takes %s for a word', (word) => {
    expect(isKeyboardMash(word)).toBe(false);
  });
});
