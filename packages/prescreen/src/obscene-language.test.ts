import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countObsceneWords, isObsceneWord } from './obscene-language.js';

describe('countObsceneWords', () => {
  it.each([
    ['the root of хуй with a prefix', 'Мне уже похуй на ваши обещания'],
    ['пизд- derivatives', 'Опять пиздец с отоплением'],
    ['ебать with a prefix', 'Вы все заебали со своими отписками'],
    ['ебать with a hard sign prefix', 'Отъебитесь от жильцов'],
    ['ё folded to е', 'Ёбаный ремонт дороги'],
    ['the interjection бля', 'Бля, опять лужа'],
    ['блядь', 'Какая блядская контора'],
    ['Latin look-alikes', 'Вы там xуeсосы все'],
    ['digit look-alikes', 'Это 6лядство какое-то'],
    ['a masking star', 'Какой х*й это придумал'],
    ['two masking stars', 'Полный п**дец во дворе'],
    ['letters spaced apart', 'Идите на х у й'],
    ['letters separated by dots', 'Идите на х.у.й'],
    ['stretched letters', 'Хууууй вам а не ремонт'],
    ['upper case', 'ПИЗДЕЦ ПОЛНЫЙ'],
    ['мудак', 'Начальник ЖЭУ мудак'],
    ['долбоеб', 'Какой долбоёб это строил'],
  ])('finds %s', (_, text) => {
    expect(countObsceneWords(text)).toBeGreaterThan(0);
  });

  // Ordinary words that hold the letters of a root; each must stay clean.
  it.each([
    'употреблять', 'оскорблять', 'рубля', 'ребята', 'скипидар', 'колебаться', 'небо', 'хлеба',
    'психуй', 'застрахуйте', 'себе', 'тебе', 'требовать', 'учебный', 'погреб', 'гребля', 'вебинар',
    'лебедь', 'хуже', 'похуже', 'худой', 'художник', 'хулиган', 'выхухоль', 'бляха', 'бляшка',
    'мандат', 'мандарин', 'командир', 'мудрый', 'мудрость', 'употребление', 'корабля', 'сабля',
    'карабин', 'Ебург', 'страхуй', 'пересобрать', 'хутор', 'рубль', 'скорбят', 'колеблется',
  ])('leaves the ordinary word %s alone', (word) => {
    expect(countObsceneWords(word)).toBe(0);
  });

  it('counts each obscene word and ignores clean text around it', () => {
    expect(countObsceneWords('<p>Ребята, во дворе пиздец, рубля не дали, небо хмурое, бля</p>')).toBe(2);
    expect(countObsceneWords('Прошу употреблять хлеба меньше и не оскорблять соседей')).toBe(0);
  });

  it('does not read English words or numbers as look-alikes', () => {
    expect(countObsceneWords('Please fix the Excel export, hey you, 2024 year')).toBe(0);
  });

  it('does not flag words hidden entirely by stars', () => {
    expect(isObsceneWord('***')).toBe(false);
    expect(isObsceneWord('х**')).toBe(false);
  });
});

describe('countObsceneWords properties', () => {
  const cleanLetters = fc.string({ unit: fc.constantFrom(...'абвгдежзиклмнопрстуфцчшщыэюя '.split('')), maxLength: 60 });

  it('never throws and never counts more words than the text has', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
      const count = countObsceneWords(text);
      expect(count).toBeGreaterThanOrEqual(0);
      expect(count).toBeLessThanOrEqual(text.length);
    }));
  });

  it('still finds an obscene word whatever clean text surrounds it', () => {
    fc.assert(fc.property(cleanLetters, cleanLetters, (before, after) => {
      expect(countObsceneWords(`${before}. пиздец! ${after}`)).toBeGreaterThan(0);
    }));
  });
});
