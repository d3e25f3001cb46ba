import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseEmail, normalisePhone, personKeys } from './person-keys.js';

describe('normalisePhone', () => {
  it.each([
    ['8 (999) 123-45-67', '+79991234567'],
    ['+7 999 1234567', '+79991234567'],
    ['9991234567', '+79991234567'],
    ['7-999-123-45-67', '+79991234567'],
    ['  +7(999)123 45 67 ', '+79991234567'],
    ['+44 20 7946 0000', '+442079460000'],
    ['0049 30 1234567', '+49301234567'],
    ['+375 (29) 000-00-00', '+375290000000'],
  ])('reads %s as %s', (written, normal) => {
    expect(normalisePhone(written)).toBe(normal);
  });

  it.each(['', '12-34-56', 'нет телефона', '+12345', '999 123 45 6'])('gives no key for %s', (written) => {
    expect(normalisePhone(written)).toBeUndefined();
  });

  it('gives one key for every way of writing a Russian mobile number', () => {
    const digits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }).map((list) => `9${list.join('')}`);
    fc.assert(fc.property(digits, fc.constantFrom('8', '+7', '7', ''), fc.constantFrom(' ', '-', ''), (ten, prefix, separator) => {
      const written = `${prefix}${separator}(${ten.slice(0, 3)})${separator}${ten.slice(3, 6)}${separator}${ten.slice(6, 8)}${separator}${ten.slice(8)}`;
      expect(normalisePhone(written)).toBe(`+7${ten}`);
    }));
  });
});

describe('normaliseEmail', () => {
  it('trims and lower-cases', () => {
    expect(normaliseEmail('  Petrov.A@Example.ORG ')).toBe('petrov.a@example.org');
  });
  it.each(['', 'no-at-sign', '@example.org', 'a@', 'a b@example.org'])('gives no key for %s', (written) => {
    expect(normaliseEmail(written)).toBeUndefined();
  });
});

describe('personKeys', () => {
  it('gives a key per contact and per form of the full name', () => {
    expect(personKeys({
      surname: ' Сёмин ', firstName: 'Пётр', patronymic: 'Ильич',
      email: 'Semin@Example.org', phone: '8 (999) 000-11-22', postalAddress: 'ул. Выдуманная, 1',
    })).toEqual([
      'phone:+79990001122',
      'email:semin@example.org',
      'name:семин|петр|ильич',
      'name:семин|петр',
      'name:семин|п|и',
    ]);
  });

  it('lets initials written with dots find the full name', () => {
    const full = personKeys({ surname: 'Сёмин', firstName: 'Пётр', patronymic: 'Ильич' });
    const initials = personKeys({ surname: 'Семин', firstName: 'П.', patronymic: 'И.' });
    expect(initials).toEqual(['name:семин|п|и']);
    expect(full).toEqual(expect.arrayContaining(initials));
  });

  it('gives no name key without a surname or a first name', () => {
    expect(personKeys({ surname: 'Семин' })).toEqual([]);
    expect(personKeys({ firstName: 'Петр', patronymic: 'Ильич' })).toEqual([]);
    expect(personKeys({ surname: '  ', firstName: 'Петр' })).toEqual([]);
  });

  it('keeps a double surname whole', () => {
    expect(personKeys({ surname: 'Лесная - Полевая', firstName: 'Ада' })).toEqual(['name:лесная-полевая|ада']);
  });

  it('gives keys that are unique and prefixed by their kind for any author', () => {
    const text = fc.option(fc.string({ maxLength: 20 }), { nil: undefined });
    fc.assert(fc.property(text, text, text, text, text, (surname, firstName, patronymic, email, phone) => {
      const keys = personKeys({ surname, firstName, patronymic, email, phone });
      expect(new Set(keys).size).toBe(keys.length);
      for (const key of keys) expect(key).toMatch(/^(?:phone|email|name):./u);
    }));
  });
});
