import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readPublishedAnswersFile } from './published-answers-file.js';
import { indexPublishedAnswers, matchPublishedAnswers } from './published-answers.js';
import { DEFAULT_SCREENING_POLICY } from './screening-policy.js';

const SAMPLE = fileURLToPath(new URL('../data/published-answers.sample.json', import.meta.url));
const matchedIds = (text: string, answers: ReturnType<typeof indexPublishedAnswers>) =>
  matchPublishedAnswers(text, answers, DEFAULT_SCREENING_POLICY).map(({ answer }) => answer.id);

describe('59-ФЗ ст. 11 ч. 5.1: published answers', () => {
  it('loads the sample file an administrator starts from', async () => {
    const answers = await readPublishedAnswersFile(SAMPLE);
    expect(answers.map(({ id }) => id)).toEqual(['hot-water-summer-2026', 'snow-removal-order']);
  });

  it('matches an appeal by keywords and another by the published text', async () => {
    const answers = await readPublishedAnswersFile(SAMPLE);
    expect(matchedIds('Подскажите график отключений горячей воды летом, у нас дети', answers)).toEqual(['hot-water-summer-2026']);
    expect(matchedIds('Кто должен убирать снег во дворе нашего многоквартирного дома? Управляющая компания не чистит.', answers)).toEqual(['snow-removal-order']);
  });

  it('does not match an appeal that shares a word or two with a published answer', async () => {
    const answers = await readPublishedAnswersFile(SAMPLE);
    expect(matchedIds('Во дворе дома 14 не горят фонари, снег тут ни при чём', answers)).toEqual([]);
    expect(matchedIds('Из крана течёт ржавая вода', answers)).toEqual([]);
  });

  it.each([
    ['a missing url', [{ id: 'a', title: 'T', text: 'x' }], /^published answers: 0\.url: /],
    ['an address that is not http', [{ id: 'a', url: 'ftp://x.ru/a', title: 'T', text: 'x' }], /^published answers: 0\.url: must be an http\(s\) address/],
    ['neither text nor keywords', [{ id: 'a', url: 'https://x.ru/a', title: 'T' }], /^published answers: 0\.text: needs text or keywords/],
    ['an unknown field', [{ id: 'a', url: 'https://x.ru/a', title: 'T', text: 'x', answer: 'y' }], /^published answers: 0: /],
    ['a duplicate id', [{ id: 'a', url: 'https://x.ru/a', title: 'T', text: 'x' }, { id: 'a', url: 'https://x.ru/b', title: 'U', text: 'y' }], /^published answers: 1\.id: duplicate id a$/],
    ['not a list', { id: 'a' }, /^published answers: \(root\): /],
  ])('refuses %s, naming the entry and the field', (_, list, message) => {
    expect(() => indexPublishedAnswers(list)).toThrow(message);
  });

  it('refuses a file that is not JSON, naming the file', async () => {
    await expect(readPublishedAnswersFile(fileURLToPath(import.meta.url))).rejects.toThrow(/is not JSON$/);
  });
});
