import { describe, expect, it } from 'vitest';
import { MAX_TEXT_CHARS, normaliseText } from './normalise-text.js';

describe('normaliseText', () => {
  it('when the text holds HTML tags and entities, leaves only the words', () => {
    const text = normaliseText('<p><span style=`color:red`>Нет&nbsp;воды</span></p><p>&laquo;Срочно&raquo; &amp; сейчас</p>');
    expect(text).not.toMatch(/[<>]|&\w+;/);
    expect(text.replace(/\s+/g, ' ').trim()).toBe('Нет воды «Срочно» & сейчас');
  });

  it('when markup arrives escaped, removes it once decoded', () => {
    expect(normaliseText('&lt;b&gt;Яма&lt;/b&gt;').trim()).toBe('Яма');
  });

  it('folds ё to е in both cases', () => {
    expect(normaliseText('Ёлка, ещё, её')).toBe('Елка, еще, ее');
  });

  it('removes URLs, e-mail addresses and phone numbers', () => {
    const text = normaliseText('Пишите на test.user@example.org, звоните +7 (900) 123-45-67 или 8-900-765-43-21, см. https://example.org/a?b=c');
    expect(text).not.toMatch(/example|@|\d{2}/);
  });

  it('when the text is longer than the bound, cuts it', () => {
    expect(normaliseText('а'.repeat(MAX_TEXT_CHARS + 100)).length).toBe(MAX_TEXT_CHARS);
  });
});
