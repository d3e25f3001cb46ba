import { ROUTING_TOPICS, type RoutingTopic } from '@priemnaya/contracts';

/**
 * A unit name as exports spell it in many ways: case, ё for е, «quotes», doubled or non-breaking
 * spaces. Two spellings that differ only so name the same unit.
 */
export function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[«»"'`„“”‘’]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export type UnitLookup =
  | { kind: 'found'; topic: RoutingTopic }
  | { kind: 'unknown'; closest: string[] }
  | { kind: 'ambiguous'; topics: RoutingTopic[] }
  /** A unit of the city that no row of its routing table sends appeals to. */
  | { kind: 'unrouted' };

export interface UnitIndex {
  lookup(unit: string): UnitLookup;
}

const TOPIC_CODES: ReadonlySet<string> = new Set(ROUTING_TOPICS.map((topic) => topic.code));
const CLOSEST_SHOWN = 3;

/** A unit name or code of the city to the topic its routing table gives it, or to each of several it serves. */
export type UnitTopics = ReadonlyMap<string, RoutingTopic | readonly RoutingTopic[]>;

/**
 * Looks a unit up by the city's unit names and codes first, then as a routing topic code (what
 * the JSON-lines corpus has always held). A unit that serves several topics, or two names of the
 * table that normalise alike but map to different topics, make that spelling ambiguous rather
 * than silently picking one.
 */
export function createUnitIndex(unitTopics: UnitTopics): UnitIndex {
  const byName = new Map<string, { spelling: string; topics: Set<RoutingTopic> }>();
  for (const [name, topics] of unitTopics) {
    const key = normaliseName(name);
    if (key === '') continue;
    const entry = byName.get(key) ?? { spelling: name.trim(), topics: new Set<RoutingTopic>() };
    // An empty list still makes the name known, so its lines say why rather than "unknown unit".
    for (const topic of typeof topics === 'string' ? [topics] : topics) entry.topics.add(topic);
    byName.set(key, entry);
  }
  const unknown = new Map<string, string[]>();

  const closestTo = (key: string): string[] => {
    const cached = unknown.get(key);
    if (cached) return cached;
    const found = [...byName]
      .map(([name, entry]) => ({ spelling: entry.spelling, distance: nameDistance(key, name) }))
      .filter((candidate) => candidate.distance !== undefined)
      .sort((a, b) => (a.distance ?? 0) - (b.distance ?? 0))
      .slice(0, CLOSEST_SHOWN)
      .map((candidate) => candidate.spelling);
    unknown.set(key, found);
    return found;
  };

  return {
    lookup(unit) {
      const key = normaliseName(unit);
      const entry = byName.get(key);
      if (entry) {
        const topics = [...entry.topics];
        if (topics.length === 1 && topics[0] !== undefined) return { kind: 'found', topic: topics[0] };
        if (topics.length > 1) return { kind: 'ambiguous', topics };
        return { kind: 'unrouted' };
      }
      if (TOPIC_CODES.has(key)) return { kind: 'found', topic: key as RoutingTopic };
      return { kind: 'unknown', closest: closestTo(key) };
    },
  };
}

/**
 * How far a known name is from the one asked for, or undefined when too far to suggest: one
 * containing the other counts as near (an export that shortens or lengthens the name), else
 * the edit distance, if within a third of the longer name.
 */
function nameDistance(asked: string, known: string): number | undefined {
  if (asked === '' || known === '') return undefined;
  if (known.includes(asked) || asked.includes(known)) return Math.abs(known.length - asked.length) / 100;
  const distance = editDistance(asked, known);
  return distance <= Math.max(2, Math.floor(Math.max(asked.length, known.length) / 3)) ? distance : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
