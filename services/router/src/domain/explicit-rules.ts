import type { Channel, RoutingReason, RoutingTopic } from '@priemnaya/contracts';
import { words } from './normalise-text.js';

/**
 * An administrator's explicit rule: every condition it has must hold, and then it votes for
 * `topic`. `stems`: a word of the text starts with one of them (stems rather than whole words, so
 * that Russian word forms meet: труба, трубы, трубой; a stem of several words matches consecutive
 * words, `детск сад` matches `детского сада`). `channels`: the appeal came by one of them.
 * `platformCategories`: the feedback platform filed it under one of them.
 */
export interface KeywordRule {
  id: string;
  topic: RoutingTopic;
  stems: string[];
  channels?: Channel[];
  platformCategories?: string[];
}

export interface RuleFacts {
  text: string;
  channel: Channel;
  platformCategory?: string | undefined;
}

export type RuleOutcome =
  | { kind: 'none' }
  | { kind: 'ambiguous'; candidates: RoutingTopic[] }
  | { kind: 'matched'; topic: RoutingTopic; reason: RoutingReason };

/**
 * The rule that fits best: a rule that names a channel or platform category is an administrator's
 * deliberate decision about that stream and ranks above keywords alone; among equals, the most
 * matched stems. Equally good rules for different topics are ambiguous.
 */
export function matchRules(facts: RuleFacts, rules: readonly KeywordRule[]): RuleOutcome {
  const textWords = words(facts.text);
  const scored = rules.flatMap((rule) => {
    const matched = rule.stems.filter((stem) => matchesStem(textWords, stem));
    if (rule.stems.length > 0 && matched.length === 0) return [];
    const channel = rule.channels?.length ? rule.channels.includes(facts.channel) : undefined;
    const category = rule.platformCategories?.length
      ? facts.platformCategory !== undefined && rule.platformCategories.includes(facts.platformCategory)
      : undefined;
    if (channel === false || category === false) return [];
    const explicit = (channel ? 1 : 0) + (category ? 1 : 0);
    if (explicit === 0 && matched.length === 0) return [];
    return [{ rule, matched, explicit, channel: channel === true, category: category === true }];
  });
  scored.sort((a, b) => b.explicit - a.explicit || b.matched.length - a.matched.length);
  const best = scored[0];
  if (!best) return { kind: 'none' };
  const tiedTopics = [
    ...new Set(scored.filter((c) => c.explicit === best.explicit && c.matched.length === best.matched.length).map((c) => c.rule.topic)),
  ];
  if (tiedTopics.length > 1) return { kind: 'ambiguous', candidates: tiedTopics };
  const reason: RoutingReason =
    best.explicit === 0
      ? { kind: 'keyword-rule', ruleId: best.rule.id, matchedTerms: best.matched }
      : {
          kind: 'explicit-rule',
          ruleId: best.rule.id,
          matchedTerms: best.matched,
          ...(best.channel ? { channel: facts.channel } : {}),
          ...(best.category && facts.platformCategory !== undefined ? { platformCategory: facts.platformCategory } : {}),
        };
  return { kind: 'matched', topic: best.rule.topic, reason };
}

function matchesStem(textWords: readonly string[], stem: string): boolean {
  const parts = stem.split(' ');
  for (let start = 0; start + parts.length <= textWords.length; start++) {
    if (parts.every((part, offset) => textWords[start + offset]?.startsWith(part))) return true;
  }
  return false;
}
