import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textContainment, textShingles, textSignature, textSimilarity } from './text-signature.js';

// Invented complaints: three about the lights of one yard, four about other matters.
const LIGHTS = [
  'Во дворе дома 14 по улице Сиреневой уже неделю не горят фонари, вечером темно, дети боятся ходить.',
  'Уже неделю не работает освещение во дворе дома номер 14 на Сиреневой улице: фонари не горят, по вечерам очень темно.',
  'Здравствуйте! Второй раз пишу: на Сиреневой, 14, во дворе фонари так и не горят, темно.',
];
const OTHERS = [
  'Прошу отремонтировать дорогу на улице Заводской у школы номер 3, огромные ямы, машины ломаются.',
  'Управляющая компания не вывозит мусор с контейнерной площадки у дома 7 на Речной улице уже две недели.',
  'В квартире на Сиреневой улице нет горячей воды третий день, управляющая компания не отвечает.',
  'Во дворе дома 20 по улице Липовой сломаны качели на детской площадке, дети могут пораниться.',
];

const similarity = (a: string, b: string): number => textSimilarity(textSignature(a), textSignature(b));

function pairs(texts: readonly string[]): [string, string][] {
  return texts.flatMap((a, index) => texts.slice(index + 1).map((b): [string, string] => [a, b]));
}

describe('textSimilarity', () => {
  it('scores paraphrases of one complaint above every pair of unrelated complaints', () => {
    const paraphrases = pairs(LIGHTS).map(([a, b]) => similarity(a, b));
    const unrelated = [...pairs(OTHERS), ...LIGHTS.flatMap((a) => OTHERS.map((b): [string, string] => [a, b]))].map(([a, b]) => similarity(a, b));
    expect(Math.min(...paraphrases)).toBeGreaterThanOrEqual(0.3);
    expect(Math.max(...unrelated)).toBeLessThan(0.25);
    expect(Math.min(...paraphrases)).toBeGreaterThan(Math.max(...unrelated) + 0.1);
  });

  it('ignores markup, case, ё and most word endings', () => {
    expect(similarity('<p>Не горят ФОНАРИ во дворе, ёлки</p>', 'не горят фонари во дворе елки')).toBe(1);
    expect(similarity('сломан фонарь во дворе', 'сломаны фонари во дворе')).toBe(1);
  });

  it('finds nothing alike in empty or stop-word-only texts', () => {
    expect(textSignature('  <br> ').minHashes).toEqual([]);
    expect(similarity('', '')).toBe(0);
    expect(similarity('Здравствуйте, прошу помочь', 'Здравствуйте, прошу помочь')).toBe(0);
  });

  it('matches nothing of another signature version', () => {
    const signature = textSignature(LIGHTS[0] ?? '');
    expect(textSimilarity(signature, { ...signature, version: 2 } as unknown as typeof signature)).toBe(0);
  });

  it('is symmetric, in 0..1, and 1 for the same text', () => {
    const text = fc.string({ unit: fc.constantFrom(...'абвгдежзиклмнопрстуфхцчшщыэюя 0123'.split('')), maxLength: 120 });
    fc.assert(fc.property(text, text, (a, b) => {
      const value = similarity(a, b);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
      expect(value).toBe(similarity(b, a));
      if (textShingles(a).size > 0) expect(similarity(a, a)).toBe(1);
    }));
  });
});

describe('textSignature', () => {
  it('is 64 unsigned 32-bit numbers that survive a JSON round trip', () => {
    const signature = textSignature(LIGHTS[0] ?? '');
    expect(signature.minHashes).toHaveLength(64);
    for (const value of signature.minHashes) expect(Number.isInteger(value) && value >= 0 && value <= 0xffffffff).toBe(true);
    expect(JSON.parse(JSON.stringify(signature))).toEqual(signature);
  });

  it('stays the same across releases, since signatures are stored', () => {
    expect(textSignature('не горят фонари').minHashes.slice(0, 4)).toMatchInlineSnapshot(`
      [
        162122043,
        3410554302,
        1546691991,
        1981356239,
      ]
    `);
  });

  it('holds none of the words of the text', () => {
    const serialised = JSON.stringify(textSignature('Сиреневая улица, фонари не горят').minHashes);
    expect(serialised).toMatch(/^\[[\d,]+\]$/u);
  });
});

describe('textContainment', () => {
  const LIGHTS = 'Во дворе дома 14 по улице Сиреневой уже неделю не горят фонари, вечером темно.';
  const LIGHTS_AGAIN = 'Не работает освещение у дома 14 на Сиреневой: фонари во дворе не горят, жильцы ходят в темноте.';

  it('is 1 for a text held word for word in the others, and near 0 for an unrelated one', () => {
    expect(textContainment(textSignature('не горят фонари во дворе'), [textSignature(LIGHTS), textSignature(LIGHTS_AGAIN)])).toBe(1);
    expect(textContainment(textSignature('Прошу отремонтировать дорогу у школы, огромные ямы'), [textSignature(LIGHTS)])).toBeLessThan(0.2);
  });

  it('falls when the text brings words of its own, and is 0 with nothing to compare', () => {
    const restated = textContainment(textSignature(LIGHTS), [textSignature(LIGHTS), textSignature(LIGHTS_AGAIN)]);
    const extended = textContainment(textSignature(`${LIGHTS} Вчера пенсионерка упала у подъезда и сломала руку, подрядчик не приезжал, ответ оказался неправдой.`), [textSignature(LIGHTS)]);
    expect(restated).toBe(1);
    expect(extended).toBeLessThan(0.7);
    expect(textContainment(textSignature(LIGHTS), [])).toBe(0);
  });
});
