import { describe, expect, it } from 'vitest';
import { findDistrict, resolveUnit, routeKey, topicOfUnit, unitTopicsOf, type District, type RouteEntry } from './routing-table.js';

const table: RouteEntry[] = [
  { topic: 'housing', unit: 'zhkh' },
  { topic: 'housing', unit: 'zhkh-north', district: 'north' },
  { topic: 'housing', unit: 'zhkh-platform', channel: 'pos' },
  { topic: 'housing', unit: 'zhkh-north-platform', district: 'north', channel: 'pos' },
  { topic: 'roads', unit: 'roads' },
];
const districts: District[] = [
  { code: 'north', name: 'Северный район', addressTerms: ['улица Мира', 'Заречная'] },
  { code: 'south', name: 'Южный район', addressTerms: ['Садовая', 'улица Мира'] },
];

describe('resolveUnit', () => {
  it('when a row names the district and the channel, it wins over less specific rows', () => {
    expect(resolveUnit(table, 'housing', { district: 'north', channel: 'pos' })).toBe('zhkh-north-platform');
  });

  it('when only the district fits, the district row wins over the channel row and the city-wide row', () => {
    expect(resolveUnit(table, 'housing', { district: 'north', channel: 'site' })).toBe('zhkh-north');
  });

  it('when only the channel fits, the channel row wins over the city-wide row', () => {
    expect(resolveUnit(table, 'housing', { channel: 'pos' })).toBe('zhkh-platform');
  });

  it('when nothing specific fits, the city-wide row decides; a topic with no row has no unit', () => {
    expect(resolveUnit(table, 'housing', { district: 'south', channel: 'site' })).toBe('zhkh');
    expect(resolveUnit(table, 'health', {})).toBeUndefined();
  });
});

describe('findDistrict', () => {
  it('when the address names a term of one district as whole words, places it there', () => {
    expect(findDistrict('г. Город, ул. Заречная, д. 4', districts)).toBe('north');
    expect(findDistrict('Садовая 7', districts)).toBe('south');
  });

  it('when the address fits two districts or none, places it nowhere', () => {
    expect(findDistrict('улица Мира, 12', districts)).toBeUndefined();
    expect(findDistrict('Заречный переулок', districts)).toBeUndefined();
    expect(findDistrict(undefined, districts)).toBeUndefined();
  });
});

describe('routeKey and topicOfUnit', () => {
  it('keys the city-wide row by its topic and the others by every field', () => {
    expect(routeKey({ topic: 'housing' })).toBe('housing');
    expect(routeKey({ topic: 'housing', channel: 'pos' })).toBe('housing|district=*|channel=pos');
  });

  it('names the topic of a unit only when its city-wide rows have exactly one', () => {
    expect(topicOfUnit(table, 'roads')).toBe('roads');
    expect(topicOfUnit(table, 'zhkh-north')).toBeUndefined();
  });
});

describe('unitTopicsOf', () => {
  it("gives each unit's name and code the topics of every row naming it, and a unit no row names none", () => {
    const units = [
      { code: 'zhkh-north', name: 'Жилищное управление Северного района' },
      { code: 'roads', name: 'Дорожный комитет' },
      { code: 'archive', name: 'Архив' },
    ];
    const rows: RouteEntry[] = [...table, { topic: 'roads', unit: 'zhkh-north', district: 'north' }];
    const map = unitTopicsOf(units, rows);
    expect(map.get('zhkh-north')).toEqual(['housing', 'roads']);
    expect(map.get('Жилищное управление Северного района')).toEqual(['housing', 'roads']);
    expect(map.get('Дорожный комитет')).toEqual(['roads']);
    expect(map.get('archive')).toEqual([]);
  });
});
