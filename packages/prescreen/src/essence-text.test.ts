import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { noQuestionReason } from './essence-text.js';
import { DEFAULT_SCREENING_POLICY } from './screening-policy.js';

const reasonOf = (text: string): string | undefined => noQuestionReason(text, DEFAULT_SCREENING_POLICY);

describe('59-ФЗ ст. 11 ч. 4.1: noQuestionReason (the essence cannot be determined)', () => {
  it.each([
    ['a greeting', 'Привет!', /0 meaningful words/],
    ['courtesy and a bare request', 'Здравствуйте, помогите пожалуйста!!!', /0 meaningful words/],
    ['a request with nothing to act on', 'Прошу разобраться и принять меры. Спасибо.', /0 meaningful words/],
    ['a test message', 'тест тест проверка', /0 meaningful words/],
    ['two words of matter', 'Уважаемая администрация, фонари сломаны', /2 meaningful words/],
  ])('flags %s', (_, text, reason) => {
    expect(reasonOf(text)).toMatch(reason);
  });

  it.each([
    'Во дворе не горят фонари',
    'Не горят фонари',
    'Прошу отремонтировать дорогу у дома 12',
    'Помогите: затопило подвал, течёт горячая вода',
  ])('finds something to act on in %s', (text) => {
    expect(reasonOf(text)).toBeUndefined();
  });

  it('follows the policy threshold', () => {
    expect(noQuestionReason('Не горят фонари', { ...DEFAULT_SCREENING_POLICY, minMeaningfulWords: 4 })).toBe('text has 3 meaningful words, fewer than 4');
  });

  it('never throws and gives a reason without quoting the text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 100 }), (text) => {
      const reason = reasonOf(text);
      if (reason !== undefined) expect(reason).toMatch(/^[a-z0-9 ,]+$/u);
    }));
  });
});
