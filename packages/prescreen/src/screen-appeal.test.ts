import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexPublishedAnswers } from './published-answers.js';
import { ART11_PART, basisOf, screenAppeal, SCREENING_FLAGS, type EarlierAppeal, type ScreeningInput } from './screen-appeal.js';
import { DEFAULT_SCREENING_POLICY } from './screening-policy.js';
import { textSignature } from './text-signature.js';

const AUTHOR = { surname: 'Травкин', firstName: 'Пётр', email: 'travkin@example.org' };
const LIGHTS = 'Во дворе дома 14 по улице Сиреневой уже неделю не горят фонари, вечером темно.';
const LIGHTS_AGAIN = 'Не работает освещение у дома 14 на Сиреневой: фонари во дворе не горят, жильцы ходят в темноте.';
const LIGHTS_NEW_ARGUMENT = `${LIGHTS} Вчера в темноте у подъезда упала пенсионерка и сломала руку, ответ управляющей компании о замене ламп оказался неправдой, подрядчик так и не приезжал.`;
const ROAD = 'Прошу отремонтировать дорогу на улице Заводской у школы номер 3, огромные ямы.';
const NOW = new Date('2026-03-01T10:00:00Z');

function daysBefore(days: number): Date {
  return new Date(NOW.getTime() - days * 24 * 60 * 60 * 1000);
}

function earlier(appealId: string, text: string, receivedAt: Date, answeredDaysBefore?: number): EarlierAppeal {
  return {
    appealId,
    receivedAt,
    signature: textSignature(text),
    ...(answeredDaysBefore !== undefined ? { answeredInSubstanceAt: daysBefore(answeredDaysBefore) } : {}),
  };
}

function screen(overrides: Partial<ScreeningInput>): ReturnType<typeof screenAppeal> {
  return screenAppeal({ author: AUTHOR, text: LIGHTS, receivedAt: NOW, earlier: [], ...overrides });
}

const flagsOf = (overrides: Partial<ScreeningInput>) => screen(overrides).map(({ flag }) => flag);

describe('screenAppeal', () => {
  it('when nothing is wrong, finds nothing', () => {
    expect(screen({})).toEqual([]);
  });

  it('cites the part of art. 11 of every flag', () => {
    expect(SCREENING_FLAGS.map((flag) => basisOf(flag))).toEqual([
      '59-ФЗ ст. 11 ч. 1', '59-ФЗ ст. 11 ч. 1', '59-ФЗ ст. 11 ч. 2', '59-ФЗ ст. 11 ч. 3', '59-ФЗ ст. 11 ч. 3',
      '59-ФЗ ст. 11 ч. 4', '59-ФЗ ст. 11 ч. 4.1', '59-ФЗ ст. 11 ч. 5', '59-ФЗ ст. 11 ч. 5.1', '59-ФЗ ст. 11 ч. 6',
    ]);
    expect(Object.keys(ART11_PART)).toEqual([...SCREENING_FLAGS]);
  });

  describe('59-ФЗ ст. 11 ч. 1: anonymous', () => {
    it('when the surname is missing, says so', () => {
      expect(screen({ author: { firstName: 'Пётр', email: 'p@example.org' } })).toEqual([
        { flag: 'anonymous', reason: 'no surname given', basis: '59-ФЗ ст. 11 ч. 1' },
      ]);
    });

    it('when neither address is given, says so even with a phone', () => {
      expect(screen({ author: { surname: 'Травкин', phone: '+79990000000', email: '  ' } })).toEqual([
        { flag: 'anonymous', reason: 'neither a postal address nor an e-mail address given', basis: '59-ФЗ ст. 11 ч. 1' },
      ]);
    });

    it('when both are missing, names both in one finding', () => {
      expect(screen({ author: {} })).toEqual([
        { flag: 'anonymous', reason: 'no surname and neither a postal address nor an e-mail address given', basis: '59-ФЗ ст. 11 ч. 1' },
      ]);
    });

    it('accepts a postal address instead of an e-mail', () => {
      expect(screen({ author: { surname: 'Травкин', postalAddress: 'г. Н, ул. Выдуманная, 1' } })).toEqual([]);
    });
  });

  describe('59-ФЗ ст. 11 ч. 1: a crime reported in an anonymous appeal still goes to the competent body', () => {
    const CRIME = 'В подвале дома 5 по улице Лесной каждый вечер торгуют наркотиками, подростки ходят туда толпами.';

    it('when an anonymous appeal reports a crime, flags crime-report beside anonymous', () => {
      expect(screen({ author: {}, text: CRIME })).toEqual([
        expect.objectContaining({ flag: 'anonymous' }),
        { flag: 'crime-report', reason: 'anonymous appeal reports an unlawful act: send to the competent body', basis: '59-ФЗ ст. 11 ч. 1' },
      ]);
    });

    it('when the author is known, a crime report is answered as usual and not flagged', () => {
      expect(flagsOf({ text: CRIME })).toEqual([]);
    });
  });

  it('59-ФЗ ст. 11 ч. 2: when a court decision is contested, flags court-decision', () => {
    expect(screen({ text: 'Не согласен с решением районного суда о выселении из квартиры, прошу пересмотреть дело.' })).toEqual([
      { flag: 'court-decision', reason: 'contests a court decision: return with how to appeal it', basis: '59-ФЗ ст. 11 ч. 2' },
    ]);
  });

  it('59-ФЗ ст. 11 ч. 3: when the text is obscene, counts the words without quoting them', () => {
    expect(screen({ text: `${LIGHTS} Пиздец, бля.` })).toEqual([{ flag: 'obscene', reason: 'obscene vocabulary: 2 words', basis: '59-ФЗ ст. 11 ч. 3' }]);
  });

  it('59-ФЗ ст. 11 ч. 3: when the text threatens, names the kind of threat', () => {
    expect(screen({ text: `${LIGHTS} Не почините — я вас убью.` })).toEqual([
      { flag: 'threatening', reason: 'threatening language: a first-person threat of violence', basis: '59-ФЗ ст. 11 ч. 3' },
    ]);
  });

  it('59-ФЗ ст. 11 ч. 4: when the text cannot be read, flags unreadable and only that', () => {
    expect(screen({ text: 'ыввввввв фыва' })).toEqual([{ flag: 'unreadable', reason: 'text looks like keyboard mash', basis: '59-ФЗ ст. 11 ч. 4' }]);
  });

  it('59-ФЗ ст. 11 ч. 4.1: when the text is readable but its essence cannot be determined, flags no-question', () => {
    expect(screen({ text: 'Здравствуйте! Помогите, пожалуйста, разберитесь срочно!' })).toEqual([
      { flag: 'no-question', reason: 'text has 0 meaningful words, fewer than 3', basis: '59-ФЗ ст. 11 ч. 4.1' },
    ]);
  });

  describe('59-ФЗ ст. 11 ч. 5: the same question answered on the merits more than once, no new arguments', () => {
    const answeredTwice = [earlier('site-1', LIGHTS, daysBefore(80), 60), earlier('chat-2', LIGHTS_AGAIN, daysBefore(40), 20)];

    it('when two earlier appeals on the question were answered on the merits and the text adds nothing, flags repeat', () => {
      const findings = screen({ earlier: [...answeredTwice, earlier('site-3', ROAD, daysBefore(5), 1)] });
      expect(findings).toEqual([{
        flag: 'repeat',
        reason: expect.stringMatching(/^the same question was answered on the merits in 2 earlier appeals of the same person; no new arguments \(\d+ per cent of the text already in them\)$/u) as string,
        basis: '59-ФЗ ст. 11 ч. 5',
        relatedAppealIds: ['site-1', 'chat-2'],
      }]);
    });

    it('when the question was answered on the merits only once, does not flag it', () => {
      expect(flagsOf({ earlier: [answeredTwice[0]!, earlier('chat-2', LIGHTS_AGAIN, daysBefore(40))] })).toEqual([]);
    });

    it('when the earlier appeals were similar but not answered on the merits, does not flag it (not "one similar appeal in 90 days")', () => {
      expect(flagsOf({ earlier: [earlier('a', LIGHTS, daysBefore(10)), earlier('b', LIGHTS, daysBefore(5)), earlier('c', LIGHTS_AGAIN, daysBefore(3))] })).toEqual([]);
    });

    it('when the appeal brings new arguments, does not flag it', () => {
      expect(flagsOf({ text: LIGHTS_NEW_ARGUMENT, earlier: answeredTwice })).toEqual([]);
    });

    it('counts only answers given before this appeal arrived, within the look-back, and never this appeal itself', () => {
      expect(flagsOf({ earlier: [answeredTwice[0]!, earlier('chat-2', LIGHTS_AGAIN, daysBefore(40), -1)] })).toEqual([]);
      expect(flagsOf({ appealId: 'chat-2', earlier: answeredTwice })).toEqual([]);
      expect(flagsOf({ earlier: [earlier('old', LIGHTS, daysBefore(400), 380), answeredTwice[1]!] })).toEqual([]);
    });

    it('follows the policy for the look-back, the similarity, the number of answers and the share held', () => {
      const input = { author: AUTHOR, text: LIGHTS, receivedAt: NOW, earlier: answeredTwice };
      expect(screenAppeal(input, { ...DEFAULT_SCREENING_POLICY, repeatWindowDays: 50 })).toEqual([]);
      expect(screenAppeal(input, { ...DEFAULT_SCREENING_POLICY, similarityThreshold: 1 })).toEqual([]);
      expect(screenAppeal(input, { ...DEFAULT_SCREENING_POLICY, repeatMinAnswered: 3 })).toEqual([]);
      expect(screenAppeal(input, { ...DEFAULT_SCREENING_POLICY, repeatMinAnswered: 1 }).map(({ flag }) => flag)).toEqual(['repeat']);
    });
  });

  describe('59-ФЗ ст. 11 ч. 5.1: the answer is already published on the site', () => {
    const published = indexPublishedAnswers([{
      id: 'hot-water',
      url: 'https://admin.example.ru/otvety/goryachaya-voda',
      title: 'Летнее отключение горячей воды',
      keywords: ['отключение горячей воды', 'график отключений'],
    }]);

    it('when the appeal asks what a published answer answers, flags answer-published with the page', () => {
      expect(screen({ text: 'Когда закончится отключение горячей воды на Сиреневой 14? Какой график?', publishedAnswers: published })).toEqual([{
        flag: 'answer-published',
        reason: 'the answer is published on the site: https://admin.example.ru/otvety/goryachaya-voda',
        basis: '59-ФЗ ст. 11 ч. 5.1',
      }]);
    });

    it('when the appeal is on another matter, does not flag it', () => {
      expect(flagsOf({ publishedAnswers: published })).toEqual([]);
    });
  });

  it('59-ФЗ ст. 11 ч. 6: when the answer would disclose a state secret, flags state-secret', () => {
    expect(screen({ text: 'Сообщите, какие сведения, составляющие государственную тайну, хранятся о нашем заводе и где расположен секретный объект.' })).toEqual([
      { flag: 'state-secret', reason: 'the answer may disclose information classified as a state secret', basis: '59-ФЗ ст. 11 ч. 6' },
    ]);
  });

  it('reports findings in the order of the flags, each at most once', () => {
    const findings = screen({
      author: {},
      text: 'Бля! Убью! Украли всё, обжалую приговор суда и гостайну раскрою',
      earlier: [earlier('e1', 'Бля! Убью!', daysBefore(3), 2), earlier('e2', 'Бля! Убью!', daysBefore(2), 1)],
    });
    expect(findings.map(({ flag }) => flag)).toEqual(['anonymous', 'crime-report', 'court-decision', 'obscene', 'threatening', 'state-secret']);
  });

  it('never throws, cites a part for every finding, and never quotes the text in a reason', () => {
    const author = fc.record({ surname: fc.option(fc.string(), { nil: undefined }), email: fc.option(fc.string(), { nil: undefined }) });
    const word = fc.string({ unit: fc.constantFrom(...'абвгдежзиклмнопрстуфхцчшщыэюяё*#'.split('')), minLength: 1, maxLength: 10 });
    fc.assert(fc.property(author, fc.array(word, { maxLength: 30 }), (screened, words) => {
      const text = words.join(' ');
      const findings = screenAppeal({
        author: screened, text, receivedAt: NOW, earlier: [earlier('e', text, daysBefore(2), 1), earlier('f', text, daysBefore(3), 2)],
      });
      for (const { flag, reason, basis } of findings) {
        expect(SCREENING_FLAGS).toContain(flag);
        expect(basis).toBe(`59-ФЗ ст. 11 ч. ${ART11_PART[flag]}`);
        expect(reason).toMatch(/^[a-z0-9 ,;:()-]+$/u);
      }
    }));
  });
});
