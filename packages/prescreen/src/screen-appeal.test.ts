import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { screenAppeal, SCREENING_FLAGS, type EarlierAppeal, type ScreeningInput } from './screen-appeal.js';
import { DEFAULT_SCREENING_POLICY } from './screening-policy.js';
import { textSignature } from './text-signature.js';

const AUTHOR = { surname: 'Травкин', firstName: 'Пётр', email: 'travkin@example.org' };
const LIGHTS = 'Во дворе дома 14 по улице Сиреневой уже неделю не горят фонари, вечером темно.';
const LIGHTS_AGAIN = 'Не работает освещение у дома 14 на Сиреневой: фонари во дворе не горят, жильцы ходят в темноте.';
const ROAD = 'Прошу отремонтировать дорогу на улице Заводской у школы номер 3, огромные ямы.';
const NOW = new Date('2026-03-01T10:00:00Z');

function daysBefore(days: number): Date {
  return new Date(NOW.getTime() - days * 24 * 60 * 60 * 1000);
}

function earlier(appealId: string, text: string, receivedAt: Date): EarlierAppeal {
  return { appealId, receivedAt, signature: textSignature(text) };
}

function screen(overrides: Partial<ScreeningInput>): ReturnType<typeof screenAppeal> {
  return screenAppeal({ author: AUTHOR, text: LIGHTS, receivedAt: NOW, earlier: [], ...overrides });
}

describe('screenAppeal', () => {
  it('when nothing is wrong, finds nothing', () => {
    expect(screen({})).toEqual([]);
  });

  describe('anonymous', () => {
    it('when the surname is missing, says so', () => {
      expect(screen({ author: { firstName: 'Пётр', email: 'p@example.org' } })).toEqual([
        { flag: 'anonymous', reason: 'no surname given' },
      ]);
    });

    it('when neither address is given, says so even with a phone', () => {
      expect(screen({ author: { surname: 'Травкин', phone: '+79990000000', email: '  ' } })).toEqual([
        { flag: 'anonymous', reason: 'neither a postal address nor an e-mail address given' },
      ]);
    });

    it('when both are missing, names both in one finding', () => {
      expect(screen({ author: {} })).toEqual([
        { flag: 'anonymous', reason: 'no surname and neither a postal address nor an e-mail address given' },
      ]);
    });

    it('accepts a postal address instead of an e-mail', () => {
      expect(screen({ author: { surname: 'Травкин', postalAddress: 'г. Н, ул. Выдуманная, 1' } })).toEqual([]);
    });
  });

  it('when the text is obscene, counts the words without quoting them', () => {
    expect(screen({ text: `${LIGHTS} Пиздец, бля.` })).toEqual([{ flag: 'obscene', reason: 'obscene vocabulary: 2 words' }]);
  });

  it('when the text threatens, names the kind of threat', () => {
    expect(screen({ text: `${LIGHTS} Не почините — я вас убью.` })).toEqual([
      { flag: 'threatening', reason: 'threatening language: a first-person threat of violence' },
    ]);
  });

  it('when the text is unreadable, flags no-question and the reason', () => {
    expect(screen({ text: 'ыввввввв фыва' })).toEqual([{ flag: 'no-question', reason: 'text looks like keyboard mash' }]);
  });

  describe('repeat', () => {
    it('lists similar earlier appeals within the window, most similar first', () => {
      const findings = screen({
        text: LIGHTS,
        earlier: [
          earlier('chat-2', LIGHTS_AGAIN, daysBefore(10)),
          earlier('site-1', LIGHTS, daysBefore(40)),
          earlier('site-3', ROAD, daysBefore(5)),
        ],
      });
      expect(findings).toEqual([{
        flag: 'repeat',
        reason: '2 earlier appeals of the same person with similar text within 90 days',
        relatedAppealIds: ['site-1', 'chat-2'],
      }]);
    });

    it('ignores appeals outside the window, after this one, and this one itself', () => {
      const findings = screen({
        appealId: 'self',
        earlier: [
          earlier('old', LIGHTS, daysBefore(91)),
          earlier('later', LIGHTS, daysBefore(-1)),
          earlier('self', LIGHTS, NOW),
        ],
      });
      expect(findings).toEqual([]);
    });

    it('counts an appeal at the edge of the window', () => {
      expect(screen({ earlier: [earlier('edge', LIGHTS, daysBefore(90))] })[0]?.relatedAppealIds).toEqual(['edge']);
    });

    it('follows the policy for the window, threshold and number of repeats', () => {
      const list = [earlier('a', LIGHTS, daysBefore(40)), earlier('b', LIGHTS_AGAIN, daysBefore(20))];
      const input = { author: AUTHOR, text: LIGHTS, receivedAt: NOW, earlier: list };
      expect(screenAppeal(input, { ...DEFAULT_SCREENING_POLICY, repeatWindowDays: 30 })[0]?.relatedAppealIds).toEqual(['b']);
      expect(screenAppeal(input, { ...DEFAULT_SCREENING_POLICY, similarityThreshold: 1 })[0]?.relatedAppealIds).toEqual(['a']);
      expect(screenAppeal(input, { ...DEFAULT_SCREENING_POLICY, repeatMinEarlier: 3 })).toEqual([]);
    });
  });

  it('reports findings in the order of the flags, each at most once', () => {
    const findings = screen({
      author: {},
      text: 'Бля! Убью!',
      earlier: [earlier('e1', 'Бля! Убью!', daysBefore(1))],
    });
    expect(findings.map(({ flag }) => flag)).toEqual(['anonymous', 'obscene', 'threatening', 'no-question', 'repeat']);
  });

  it('never throws, and never quotes the text in a reason', () => {
    const author = fc.record({ surname: fc.option(fc.string(), { nil: undefined }), email: fc.option(fc.string(), { nil: undefined }) });
    const word = fc.string({ unit: fc.constantFrom(...'абвгдежзиклмнопрстуфхцчшщыэюяё*#'.split('')), minLength: 1, maxLength: 10 });
    fc.assert(fc.property(author, fc.array(word, { maxLength: 30 }), (screened, words) => {
      const text = words.join(' ');
      const findings = screenAppeal({ author: screened, text, receivedAt: NOW, earlier: [earlier('e', text, daysBefore(1))] });
      for (const { flag, reason } of findings) {
        expect(SCREENING_FLAGS).toContain(flag);
        expect(reason).toMatch(/^[a-z0-9 ,;:-]+$/u);
      }
    }));
  });
});
