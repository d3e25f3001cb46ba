import { describe, expect, it } from 'vitest';
import { toPlainText } from './plain-text.js';

describe('toPlainText', () => {
  it('drops tags, script and style bodies and comments, and decodes entities', () => {
    expect(toPlainText('<p>Нет&nbsp;света</p><script>alert(1)</script><style>p{}</style><!-- x -->во&nbsp;дворе').replace(/\s+/g, ' ').trim()).toBe(
      'Нет света во дворе',
    );
  });

  it('keeps the text after an unclosed comment or script as it is', () => {
    expect(toPlainText('Текст <!-- без конца')).toBe('Текст <!-- без конца');
    expect(toPlainText('<script>не закрыт')).toContain('не закрыт');
  });

  it('leaves texts made of unterminated tag starts as they are (scanned once, not once per start)', () => {
    for (const piece of ['<a', '<style ', '<script ', '<!--']) {
      const text = piece.repeat(Math.floor(20_000 / piece.length));
      expect(toPlainText(text)).toBe(text);
    }
  });
});
