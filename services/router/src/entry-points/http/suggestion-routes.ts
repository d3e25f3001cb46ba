import { APPEAL_TEXT_MAX_LENGTH, Channel, RoutingReason, RoutingTopic, UnitCode } from '@priemnaya/contracts';
import { parseRequest } from '@priemnaya/http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { decideRoute, type KeywordRule, type RouteDecision, type RouteEntry } from '../../domain/decide-route.js';

const SuggestionRequest = z.strictObject({
  text: z.string().max(APPEAL_TEXT_MAX_LENGTH),
  /** Accepted now so callers need not change when the routing table routes by channel. */
  channel: Channel.optional(),
});

export const TopicSuggestion = z.strictObject({
  topic: RoutingTopic,
  /** Absent when the routing table has no unit for the topic: the appeal would go to triage. */
  unit: UnitCode.optional(),
  /** From a trained classifier; keyword rules are not calibrated, so they give none. */
  confidence: z.number().min(0).max(1).optional(),
  reason: RoutingReason,
});
export type TopicSuggestion = z.infer<typeof TopicSuggestion>;

export interface SuggestionRouteDeps {
  routingData: { current(): Promise<{ rules: KeywordRule[]; table: RouteEntry[] }> };
}

/**
 * `POST /v1/suggestions`: what the router would decide for a text being typed at the desk, from
 * the very decision it makes for a registered appeal, so an operator sees where the appeal will
 * go. Read-only: nothing is stored or produced.
 */
export function suggestionRoutes(app: FastifyInstance, deps: SuggestionRouteDeps): void {
  app.post('/v1/suggestions', async (request) => {
    const { text } = parseRequest(SuggestionRequest, request.body);
    const { rules, table } = await deps.routingData.current();
    return { suggestions: suggestionsOf(decideRoute(text, rules, table), table) };
  });
}

/** A route is one suggestion; a tie is one per candidate topic; nothing matched is none. */
function suggestionsOf(decision: RouteDecision, table: readonly RouteEntry[]): TopicSuggestion[] {
  if (decision.kind === 'route') return [{ topic: decision.topic, unit: decision.unit, reason: decision.reason }];
  const { reason } = decision;
  const unitOf = (topic: RoutingTopic) => table.find((row) => row.topic === topic)?.unit;
  switch (reason.kind) {
    case 'ambiguous':
      return reason.candidates.map((topic) => withUnit(topic, unitOf(topic), reason));
    case 'no-unit-for-topic':
      return [{ topic: reason.topic, reason }];
    default:
      return [];
  }
}

function withUnit(topic: RoutingTopic, unit: UnitCode | undefined, reason: RoutingReason): TopicSuggestion {
  return unit === undefined ? { topic, reason } : { topic, unit, reason };
}
