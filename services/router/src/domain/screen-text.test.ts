import { describe, expect, it } from 'vitest';
import { screenText } from './screen-text.js';

describe('screenText', () => {
  it.each([
    ['', 'empty'],
    ['   \n\t ', 'empty'],
    ['<p><br/></p>&nbsp;', 'markup-only'],
    ['😀😀😀 🙏', 'no-letters'],
    ['12345 !!! ???', 'no-letters'],
    ['The streetlights in our yard have been broken for a week', 'not-russian'],
    ['Ў', undefined],
  ])('when the text is %j, says %s', (text, problem) => {
    expect(screenText(text, 1_000)).toBe(problem);
  });

  it('when the text is longer than the limit, says too-long without reading it further', () => {
    expect(screenText('а'.repeat(1_001), 1_000)).toBe('too-long');
  });

  it('when a Russian text carries markup, latin words and emoji, lets it through', () => {
    expect(screenText('<p>Не работает Wi-Fi в МФЦ 😡, прошу починить</p>', 1_000)).toBeUndefined();
  });
});
