import type { Channel, RoutingReason, RoutingTopic, UnitCode } from '@priemnaya/contracts';
import { matchRules, type KeywordRule } from './explicit-rules.js';
import { findDistrict, resolveUnit, type District, type RouteEntry } from './routing-table.js';
import { screenText } from './screen-text.js';

export type { KeywordRule } from './explicit-rules.js';
export type { District, RouteEntry } from './routing-table.js';

export type RouteDecision =
  | { kind: 'route'; topic: RoutingTopic; unit: UnitCode; reason: RoutingReason }
  | { kind: 'triage'; reason: RoutingReason };

/** What the classifier said about a text, kept with the decision even when a rule decided. */
export interface ModelOpinion {
  version: string;
  topic: RoutingTopic;
  confidence: number;
  alternatives: { topic: RoutingTopic; confidence: number }[];
  terms: string[];
  noEvidence: boolean;
}

/** The current model as the router sees it: its predictions and the threshold it routes above. */
export interface TopicModel {
  version: string;
  threshold: number;
  classify(text: string): Omit<ModelOpinion, 'version'>;
}

export interface RoutingData {
  rules: KeywordRule[];
  table: RouteEntry[];
  districts: District[];
}

export interface AppealFacts {
  text: string;
  channel: Channel;
  platformCategory?: string | undefined;
  problemAddress?: string | undefined;
}

/** A topic the live precision guard holds back from the model, with the figures that suspended it. */
export interface TopicSuspension {
  since: Date;
  precision: number;
  outcomes: number;
  /** The precision it must reach again. */
  target: number;
}
export type SuspendedTopics = ReadonlyMap<RoutingTopic, TopicSuspension>;
const NONE_SUSPENDED: SuspendedTopics = new Map();

export interface RoutingOutcome {
  decision: RouteDecision;
  /** Absent when the text was not classified (unroutable, or rules were ambiguous). */
  model?: ModelOpinion;
}

/**
 * Decides where an appeal goes. Administrators' rules win over the model: a matching rule decides
 * the topic unless the model is confident of another topic, and then a person decides. Without a
 * rule, the model decides above its threshold; below it, or when the precision guard suspended its
 * topic, a person. A text with nothing to route by goes to a person with the reason. The unit
 * comes from the routing table.
 */
export function decideRoute(appeal: AppealFacts, data: RoutingData, model: TopicModel, maxTextLength: number, suspended: SuspendedTopics = NONE_SUSPENDED): RoutingOutcome {
  const problem = screenText(appeal.text, maxTextLength);
  if (problem !== undefined) return { decision: { kind: 'triage', reason: { kind: 'unroutable-text', problem } } };

  const rule = matchRules(appeal, data.rules);
  if (rule.kind === 'ambiguous') return { decision: { kind: 'triage', reason: { kind: 'ambiguous', candidates: rule.candidates } } };

  const opinion: ModelOpinion = { version: model.version, ...model.classify(appeal.text) };
  const confident = !opinion.noEvidence && opinion.confidence >= model.threshold;
  const where = { district: findDistrict(appeal.problemAddress, data.districts), channel: appeal.channel };
  const routeTo = (topic: RoutingTopic, reason: RoutingReason): RoutingOutcome => {
    const unit = resolveUnit(data.table, topic, where);
    const decision: RouteDecision =
      unit === undefined ? { kind: 'triage', reason: { kind: 'no-unit-for-topic', topic } } : { kind: 'route', topic, unit, reason };
    return { decision, model: opinion };
  };

  if (rule.kind === 'matched') {
    if (confident && opinion.topic !== rule.topic && 'ruleId' in rule.reason) {
      const reason: RoutingReason = {
        kind: 'rule-model-disagreement',
        ruleId: rule.reason.ruleId,
        ruleTopic: rule.topic,
        modelVersion: opinion.version,
        modelTopic: opinion.topic,
        confidence: opinion.confidence,
      };
      return { decision: { kind: 'triage', reason }, model: opinion };
    }
    return routeTo(rule.topic, rule.reason);
  }
  if (opinion.noEvidence) return { decision: { kind: 'triage', reason: { kind: 'unroutable-text', problem: 'no-known-terms' } }, model: opinion };
  if (!confident) {
    const reason: RoutingReason = {
      kind: 'below-threshold',
      modelVersion: opinion.version,
      topic: opinion.topic,
      confidence: opinion.confidence,
      threshold: model.threshold,
      topTerms: opinion.terms,
      alternatives: opinion.alternatives,
    };
    return { decision: { kind: 'triage', reason }, model: opinion };
  }
  const suspension = suspended.get(opinion.topic);
  if (suspension) {
    const reason: RoutingReason = {
      kind: 'precision-guard',
      modelVersion: opinion.version,
      topic: opinion.topic,
      confidence: opinion.confidence,
      threshold: model.threshold,
      topTerms: opinion.terms,
      precision: suspension.precision,
      outcomes: suspension.outcomes,
      target: suspension.target,
      suspendedAt: suspension.since.toISOString(),
    };
    return { decision: { kind: 'triage', reason }, model: opinion };
  }
  return routeTo(opinion.topic, {
    kind: 'model',
    modelVersion: opinion.version,
    confidence: opinion.confidence,
    threshold: model.threshold,
    topTerms: opinion.terms,
  });
}
