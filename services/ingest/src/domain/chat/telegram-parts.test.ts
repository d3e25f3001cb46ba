import { describe, expect, it } from 'vitest';
import { ATTACHMENTS_IN_WRITING, splitForTelegram, telegramTextOf } from './telegram-parts.js';

const joined = (parts: string[]) => parts.join(' ').replace(/\s+/g, ' ');

describe('splitForTelegram', () => {
  it('when the text fits one message, gives it whole', () => {
    expect(splitForTelegram('Фонарь заменён.')).toEqual(['Фонарь заменён.']);
    expect(splitForTelegram('а'.repeat(4096))).toHaveLength(1);
  });

  it('when the text is longer, cuts at paragraphs, each part at most the limit, nothing lost', () => {
    const paragraphs = Array.from({ length: 30 }, (_, index) => `Абзац ${index + 1}. ${'Текст ответа по существу. '.repeat(12).trim()}`);
    const text = paragraphs.join('\n\n');
    const parts = splitForTelegram(text);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((part) => part.length <= 4096)).toBe(true);
    expect(parts.every((part) => part.endsWith('существу.'))).toBe(true);
    expect(parts[1]?.startsWith('Абзац')).toBe(true);
    expect(joined(parts)).toBe(joined([text]));
  });

  it('when a paragraph is longer than a message, cuts after a sentence, else at a word, else at the limit', () => {
    const sentences = 'Первое предложение ответа. '.repeat(400).trim();
    const bySentence = splitForTelegram(sentences, 1000);
    expect(bySentence.every((part) => part.length <= 1000 && part.endsWith('.'))).toBe(true);
    expect(joined(bySentence)).toBe(sentences);

    const words = 'слово '.repeat(500).trim();
    expect(splitForTelegram(words, 100).every((part) => part.length <= 100 && !part.startsWith(' ') && part.split(' ').every((word) => word === 'слово'))).toBe(true);

    expect(splitForTelegram('я'.repeat(250), 100).map((part) => part.length)).toEqual([100, 100, 50]);
    // An emoji (two UTF-16 units) is never split in two.
    const emoji = splitForTelegram(`${'я'.repeat(99)}😀${'я'.repeat(10)}`, 100);
    expect(emoji[0]).toBe('я'.repeat(99));
    expect(emoji[1]?.startsWith('😀')).toBe(true);
  });
});

describe('telegramTextOf', () => {
  const heading = 'Дан ответ на Ваше обращение № 00042/2026 от 23.11.2026:';

  it('when the message holds the whole answer, is the message', () => {
    const message = `${heading}\n\nФонарь заменён.`;
    expect(telegramTextOf({ kind: 'answered', message, answer: { text: 'Фонарь заменён.', inSubstance: true, attachments: [] } })).toBe(message);
    expect(telegramTextOf({ kind: 'registered', message: 'Зарегистрировано.' })).toBe('Зарегистрировано.');
  });

  it('when the message holds only the beginning, is the heading and the whole answer, with a word on the files when there are any', () => {
    const long = 'Ответ. '.repeat(1000).trim();
    const message = `${heading}\n\n${long.slice(0, 3000)}…\n\nПолный текст ответа направлен Вам в письменной форме.`;
    const attachment = { attachmentId: 'a1', fileName: 'акт.pdf', contentType: 'application/pdf', size: 10, sha256: '0'.repeat(64) };
    expect(telegramTextOf({ kind: 'answered', message, answer: { text: long, inSubstance: true, attachments: [] } })).toBe(`${heading}\n\n${long}`);
    expect(telegramTextOf({ kind: 'answered', message, answer: { text: long, inSubstance: true, attachments: [attachment] } })).toBe(`${heading}\n\n${long}\n\n${ATTACHMENTS_IN_WRITING}`);
  });
});
