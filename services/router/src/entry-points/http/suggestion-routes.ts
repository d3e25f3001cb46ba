import { APPEAL_TEXT_MAX_LENGTH, Channel, RoutingReason, RoutingTopic, UnitCode } from '@priemnaya/contracts';
import { parseRequest } from '@priemnaya/http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { decideRoute, type RoutingData, type RoutingOutcome, type SuspendedTopics, type TopicModel } from '../../domain/decide-route.js';
import { resolveUnit } from '../../domain/routing-table.js';

export const SuggestionRequest = z.strictObject({
  text: z.string().max(APPEAL_TEXT_MAX_LENGTH),
  /** The routing table and the administrators' rules may route by channel. */
  channel: Channel.optional(),
});

export const TopicSuggestion = z.strictObject({
  topic: RoutingTopic,
  /** Absent when the routing table has no unit for the topic: the appeal would go to triage. */
  unit: UnitCode.optional(),
  /** From the trained classifier; keyword rules are not calibrated, so they give none. */
  confidence: z.number().min(0).max(1).optional(),
  reason: RoutingReason,
});
export type TopicSuggestion = z.infer<typeof TopicSuggestion>;

export interface SuggestionRouteDeps {
  routingData: { current(): Promise<RoutingData> };
  model: () => TopicModel;
  /** Topics the precision guard holds back from the model: their suggestions say the appeal would go to triage. */
  suspended: () => Promise<SuspendedTopics>;
  maxTextLength: number;
}

/** Texts arrive while an operator types at the desk, so the desk is the channel when none is given. */
const DEFAULT_CHANNEL = 'desk';

/**
 * `POST /v1/suggestions`: what the router would decide for a text being typed at the desk, from
 * the very decision it makes for a registered appeal, so an operator sees where the appeal will
 * go, and where the model leans when it would go to triage. Read-only: nothing is stored or produced.
 */
export function suggestionRoutes(app: FastifyInstance, deps: SuggestionRouteDeps): void {
  app.post('/v1/suggestions', async (request) => {
    const { text, channel = DEFAULT_CHANNEL } = parseRequest(SuggestionRequest, request.body);
    const [data, suspended] = await Promise.all([deps.routingData.current(), deps.suspended()]);
    const outcome = decideRoute({ text, channel }, data, deps.model(), deps.maxTextLength, suspended);
    return { suggestions: suggestionsOf(outcome, (topic) => resolveUnit(data.table, topic, { channel })) };
  });
}

/**
 * A route is one suggestion; a tie of rules, or a rule and a confident model that disagree, one per
 * candidate; a model below its threshold, its topic and alternatives with their confidence; a
 * confident model on a suspended topic, that topic; a text with nothing to route by, none.
 */
function suggestionsOf({ decision, model }: RoutingOutcome, unitOf: (topic: RoutingTopic) => UnitCode | undefined): TopicSuggestion[] {
  const suggestion = (topic: RoutingTopic, reason: RoutingReason, confidence?: number): TopicSuggestion => {
    const unit = unitOf(topic);
    return { topic, ...(unit !== undefined ? { unit } : {}), ...(confidence !== undefined ? { confidence } : {}), reason };
  };
  if (decision.kind === 'route') {
    const confidence = decision.reason.kind === 'model' ? decision.reason.confidence : undefined;
    return [{ topic: decision.topic, unit: decision.unit, ...(confidence !== undefined ? { confidence } : {}), reason: decision.reason }];
  }
  const { reason } = decision;
  switch (reason.kind) {
    case 'ambiguous':
      return reason.candidates.map((topic) => suggestion(topic, reason));
    case 'no-unit-for-topic':
      return [{ topic: reason.topic, reason }];
    case 'rule-model-disagreement':
      return [suggestion(reason.ruleTopic, reason), suggestion(reason.modelTopic, reason, reason.confidence)];
    case 'below-threshold':
      return model ? [model, ...model.alternatives].map((opinion) => suggestion(opinion.topic, reason, opinion.confidence)) : [];
    case 'precision-guard':
      return [suggestion(reason.topic, reason, reason.confidence)];
    default:
      return [];
  }
}
