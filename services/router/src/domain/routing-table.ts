import type { Channel, RoutingTopic, UnitCode } from '@priemnaya/contracts';
import { words } from './normalise-text.js';

/**
 * A row of the city's routing table: which unit answers a topic, optionally only in one district
 * or only for one channel. A reorganisation edits these rows, never the model.
 */
export interface RouteEntry {
  topic: RoutingTopic;
  unit: UnitCode;
  district?: string;
  channel?: Channel;
}

/** A district of the city and the words of an address that place it there (street and locality names). */
export interface District {
  code: string;
  name: string;
  addressTerms: string[];
}

/** The stored key of a row: the bare topic for the city-wide row, so one row per combination exists. */
export function routeKey(entry: Pick<RouteEntry, 'topic' | 'district' | 'channel'>): string {
  if (entry.district === undefined && entry.channel === undefined) return entry.topic;
  return `${entry.topic}|district=${entry.district ?? '*'}|channel=${entry.channel ?? '*'}`;
}

/**
 * The unit for a topic: of the rows that fit the appeal, the most specific wins. A district is
 * more specific than a channel (an address places the work; a channel only how it arrived), so
 * district and channel > district > channel > the city-wide row.
 */
export function resolveUnit(
  table: readonly RouteEntry[],
  topic: RoutingTopic,
  where: { district?: string | undefined; channel?: Channel | undefined },
): UnitCode | undefined {
  let best: { unit: UnitCode; score: number } | undefined;
  for (const row of table) {
    if (row.topic !== topic) continue;
    if (row.district !== undefined && row.district !== where.district) continue;
    if (row.channel !== undefined && row.channel !== where.channel) continue;
    const score = (row.district !== undefined ? 2 : 0) + (row.channel !== undefined ? 1 : 0);
    if (!best || score > best.score) best = { unit: row.unit, score };
  }
  return best?.unit;
}

/**
 * The district an address lies in, by the district list kept as data: a district whose name or
 * one of whose address terms occurs in the address as whole consecutive words. An address that
 * fits two districts (a street crossing both) places none, so the city-wide row decides.
 */
export function findDistrict(address: string | undefined, districts: readonly District[]): string | undefined {
  if (address === undefined || districts.length === 0) return undefined;
  const addressWords = words(address);
  const found = districts.filter((district) =>
    [district.name, ...district.addressTerms].some((term) => containsPhrase(addressWords, words(term))),
  );
  return found.length === 1 ? found[0]?.code : undefined;
}

function containsPhrase(text: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  for (let start = 0; start + phrase.length <= text.length; start++) {
    if (phrase.every((word, offset) => text[start + offset] === word)) return true;
  }
  return false;
}

/** The one topic the city-wide rows map to a unit, to label an appeal handed to that unit; else undefined. */
export function topicOfUnit(table: readonly RouteEntry[], unit: UnitCode): RoutingTopic | undefined {
  const topics = new Set(table.filter((row) => row.unit === unit && row.district === undefined && row.channel === undefined).map((row) => row.topic));
  return topics.size === 1 ? [...topics][0] : undefined;
}

/**
 * What a city's past appeal answered by a unit is about: each unit's name and code to the topics
 * any row of the table (city-wide, district or channel) sends that unit. A unit with several
 * topics, or with none, labels no appeal; the history reader says so line by line.
 */
export function unitTopicsOf(units: readonly { code: UnitCode; name: string }[], table: readonly RouteEntry[]): Map<string, RoutingTopic[]> {
  const map = new Map<string, RoutingTopic[]>();
  for (const unit of units) {
    const topics = [...new Set(table.filter((row) => row.unit === unit.code).map((row) => row.topic))];
    map.set(unit.code, topics);
    if (unit.name.trim() !== '') map.set(unit.name, topics);
  }
  return map;
}
