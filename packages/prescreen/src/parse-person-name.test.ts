import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePersonName } from './parse-person-name.js';

describe('parsePersonName', () => {
  it.each([
    ['Фамилия Имя Отчество', 'Сёмина Ольга Игоревна', { surname: 'Сёмина', firstName: 'Ольга', patronymic: 'Игоревна' }],
    ['Имя Отчество Фамилия', 'Ольга Игоревна Сёмина', { surname: 'Сёмина', firstName: 'Ольга', patronymic: 'Игоревна' }],
    ['initials after the surname', 'Травкин И. П.', { surname: 'Травкин', firstName: 'И', patronymic: 'П' }],
    ['glued initials', 'Травкин И.П.', { surname: 'Травкин', firstName: 'И', patronymic: 'П' }],
    ['initials before the surname', 'И.П. Травкин', { surname: 'Травкин', firstName: 'И', patronymic: 'П' }],
    ['one initial', 'Травкин И.', { surname: 'Травкин', firstName: 'И' }],
    ['Имя Фамилия by the surname ending', 'Пётр Травкин', { surname: 'Травкин', firstName: 'Пётр' }],
    ['Имя Фамилия by the first-name list', 'Ольга Ким', { surname: 'Ким', firstName: 'Ольга' }],
    ['Фамилия Имя', 'Травкина Ольга', { surname: 'Травкина', firstName: 'Ольга' }],
    ['two unknown words, read surname first', 'Зорг Элиан', { surname: 'Зорг', firstName: 'Элиан' }],
    ['first name and patronymic only', 'Ольга Игоревна', { firstName: 'Ольга', patronymic: 'Игоревна' }],
    ['a Turkic patronymic', 'Алиев Тимур Рашид оглы', { surname: 'Алиев', firstName: 'Тимур', patronymic: 'Рашид оглы' }],
    ['a double surname', 'Лесная-Полевая Ада', { surname: 'Лесная-Полевая', firstName: 'Ада' }],
    ['a single surname', 'Травкин', { surname: 'Травкин' }],
    ['a single first name', 'Оля', { firstName: 'Оля' }],
    ['extra spaces', '  Травкин   Пётр  ', { surname: 'Травкин', firstName: 'Пётр' }],
    ['nothing', '   ', {}],
  ])('reads %s', (_, full, expected) => {
    expect(parsePersonName(full)).toEqual(expected);
  });

  it('never loses or invents a word of a name of up to three words', () => {
    const word = fc.string({ unit: fc.constantFrom(...'абвгдеиклмнопрстуя'.split('')), minLength: 2, maxLength: 8 });
    fc.assert(fc.property(fc.array(word, { minLength: 1, maxLength: 3 }), (words) => {
      const name = parsePersonName(words.join(' '));
      const parts = [name.surname, name.firstName, name.patronymic].filter((part) => part !== undefined);
      expect(parts.join(' ').split(' ').sort()).toEqual([...words].sort());
    }));
  });
});
