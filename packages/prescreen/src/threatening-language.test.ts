import { describe, expect, it } from 'vitest';
import { findThreats } from './threatening-language.js';

describe('findThreats', () => {
  it.each([
    ['a first-person threat to kill', 'Если не почините крышу, я вас убью', 'harm'],
    ['a plural first-person threat', 'Придём и прибьём всех чиновников', 'harm'],
    ['a threat to stab, with ё', 'Зарежу любого, кто придёт', 'harm'],
    ['a threat to blow up the building', 'Взорву вашу администрацию к чертям', 'destruction'],
    ['a threat to set fire to the office', 'Подожгу ваш офис, так и знайте', 'destruction'],
    ['вам не жить', 'Вам не жить после такого ответа', 'ultimatum'],
    ['вы пожалеете', 'Вы об этом ещё пожалеете', 'ultimatum'],
    ['пожалеете, что', 'Пожалеете, что связались со мной', 'ultimatum'],
    ['я знаю, где вы живёте', 'Я знаю, где вы живёте', 'ultimatum'],
    ['a threat in markup', '<p>Я вас <b>найду</b>: найду вас</p>', 'ultimatum'],
  ])('finds %s', (_, text, kind) => {
    expect(findThreats(text)).toContain(kind);
  });

  // Reports of events and everyday words that share letters with threats.
  it.each([
    'Прошу убираться во дворе чаще',
    'В подвале взорвалась труба, течёт вода',
    'Сожгли мусор во дворе, весь дом в дыму',
    'Соседи подожгли траву на пустыре',
    'Сосед сказал, что убьёт мою собаку',
    'Вчера убили бездомную собаку у школы',
    'Я сожгу листья на своём участке, это разрешено?',
    'Вы не пожалеете, если отремонтируете площадку',
    'Извините, что перебью: вопрос про свет',
    'Замочу бельё, а воды горячей нет',
    'Мы не жить сюда приехали, а работать',
    'Я его не убью, но жаловаться буду',
  ])('leaves alone: %s', (text) => {
    expect(findThreats(text)).toEqual([]);
  });

  it('reports each kind once, in a fixed order', () => {
    expect(findThreats('Вам не жить. Убью. Убью! Сожгу вашу контору')).toEqual(['harm', 'destruction', 'ultimatum']);
  });
});
