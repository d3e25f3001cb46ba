import type { RoutingReason, RoutingTopic, UnitCode } from '@priemnaya/contracts';
import { words } from './normalise-text.js';

/**
 * An administrator's keyword rule: a word of the text that starts with one of `stems` votes for
 * `topic`. Stems rather than whole words, so that Russian word forms meet (труба, трубы, трубой).
 * A stem of several words matches consecutive words (`детск сад` matches `детского сада`).
 */
export interface KeywordRule {
  id: string;
  topic: RoutingTopic;
  stems: string[];
}

/** A row of the city's routing table: which unit answers a topic. */
export interface RouteEntry {
  topic: RoutingTopic;
  unit: UnitCode;
}

export type RouteDecision =
  | { kind: 'route'; topic: RoutingTopic; unit: UnitCode; reason: RoutingReason }
  | { kind: 'triage'; reason: RoutingReason };

/**
 * Picks the topic whose rule matches the most distinct stems, then the unit from the table.
 * No match, a tie between topics, or a topic with no unit goes to triage for a person.
 */
export function decideRoute(text: string, rules: readonly KeywordRule[], table: readonly RouteEntry[]): RouteDecision {
  const textWords = words(text);
  const scored = rules
    .map((rule) => ({ rule, matched: rule.stems.filter((stem) => matchesStem(textWords, stem)) }))
    .filter((candidate) => candidate.matched.length > 0)
    .sort((a, b) => b.matched.length - a.matched.length);

  const best = scored[0];
  if (!best) return { kind: 'triage', reason: { kind: 'no-rule-matched' } };
  const tied = scored.filter((candidate) => candidate.matched.length === best.matched.length);
  const tiedTopics = [...new Set(tied.map((candidate) => candidate.rule.topic))];
  if (tiedTopics.length > 1) return { kind: 'triage', reason: { kind: 'ambiguous', candidates: tiedTopics } };

  const { topic } = best.rule;
  const entry = table.find((row) => row.topic === topic);
  if (!entry) return { kind: 'triage', reason: { kind: 'no-unit-for-topic', topic } };
  return {
    kind: 'route',
    topic,
    unit: entry.unit,
    reason: { kind: 'keyword-rule', ruleId: best.rule.id, matchedTerms: best.matched },
  };
}

function matchesStem(textWords: readonly string[], stem: string): boolean {
  const parts = stem.split(' ');
  for (let start = 0; start + parts.length <= textWords.length; start++) {
    if (parts.every((part, offset) => textWords[start + offset]?.startsWith(part))) return true;
  }
  return false;
}
