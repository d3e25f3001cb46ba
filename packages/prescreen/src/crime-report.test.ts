import { describe, expect, it } from 'vitest';
import { reportsCrime } from './crime-report.js';

describe('59-ФЗ ст. 11 ч. 1: reportsCrime (an anonymous report of an unlawful act goes to the competent body)', () => {
  it.each([
    ['drug dealing', 'В подвале дома 5 торгуют наркотиками по вечерам'],
    ['a theft done', 'У нас в подъезде украли детскую коляску'],
    ['a beating', 'Сосед избил жену, полиция не приезжает'],
    ['a bribe demanded', 'Начальник ЖЭУ требует взятку за справку'],
    ['arson', 'Ночью подожгли машину во дворе'],
    ['fraud', 'Управляющая компания — мошенники, собирают деньги на ремонт, которого нет'],
    ['illegal felling', 'На берегу идёт незаконная вырубка сосен'],
    ['illegal sale of alcohol', 'В ларьке ночью торгуют палёной водкой и спиртом'],
    ['sewage dumped', 'Завод сбрасывает нечистоты в реку'],
    ['a crime being prepared, in markup', '<p>Готовится <b>преступление</b>: соседи собираются поджечь склад</p>'],
    ['ё folded', 'Вчера поджёг мусорный бак какой-то мужчина, все видели'],
  ])('finds %s', (_, text) => {
    expect(reportsCrime(text)).toBe(true);
  });

  // Offences named as a topic, trade that is lawful, and everyday words sharing their letters.
  it.each([
    ['crime prevention', 'Предлагаю провести в школе лекции по профилактике краж и мошенничества'],
    ['fighting corruption', 'Поддерживаю программу борьбы с коррупцией'],
    ['lawful trade', 'У остановки торгуют овощами, нужна урна'],
    ['a burst pipe', 'Взорвалась труба отопления, вода в подвале'],
    ['snow removal', 'Прошу убрать снег и наледь у подъезда'],
    ['a rollback gate and a debris clearance', 'Откатные ворота сломаны, разбор завалов не закончен'],
    ['a plain complaint', 'Во дворе не горят фонари уже неделю'],
    ['not stolen', 'Велосипед не украли, его просто переставили'],
  ])('does not take %s for a crime report', (_, text) => {
    expect(reportsCrime(text)).toBe(false);
  });
});
