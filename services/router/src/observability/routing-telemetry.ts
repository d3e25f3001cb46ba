import { trace } from '@opentelemetry/api';
import { collectedGauge, counter, histogram, inSpan } from '@priemnaya/observability';
import type { TopicModel } from '../domain/decide-route.js';
import type { DecisionRecord, InputPosition, RoutedAppeal } from '../domain/route-appeal.js';
import type { AppealReceived } from '@priemnaya/contracts';

const tracer = trace.getTracer('@priemnaya/router');

/** Labels are routing topics and what decided: never the appeal's text, author or address. */
const routed = counter('priemnaya_appeals_routed_total', 'Appeals whose routing was committed, by routing topic (none when triaged) and by what decided: rule, model or triage', [
  'topic',
  'decided_by',
]);
const confidence = histogram(
  'priemnaya_router_classifier_confidence',
  "The classifier's confidence in its top topic for each routed appeal, by that topic",
  ['topic'],
  [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.99],
);
const decided = { all: 0, triage: 0 };
collectedGauge('priemnaya_router_triage_share', 'Share of the appeals routed by this process since it started that went to a person (triage)', [], async () => [
  { labels: {}, value: decided.all === 0 ? 0 : decided.triage / decided.all },
]);

export type DecidedBy = 'rule' | 'model' | 'triage';

export function decidedBy({ decision }: DecisionRecord): DecidedBy {
  if (decision.kind === 'triage') return 'triage';
  return decision.reason.kind === 'model' ? 'model' : 'rule';
}

/** Counts a decision once the transaction that produced its messages has committed. */
export function countRouted(record: DecisionRecord): void {
  const by = decidedBy(record);
  routed.inc({ topic: record.decision.kind === 'route' ? record.decision.topic : 'none', decided_by: by });
  decided.all += 1;
  if (by === 'triage') decided.triage += 1;
  const opinion = record.model;
  if (opinion && !opinion.noEvidence) confidence.observe({ topic: opinion.topic }, opinion.confidence);
}

/** The model with a `classify` span around each prediction (routing and the desk's suggestions). */
export function tracedModel(model: TopicModel): TopicModel {
  return {
    version: model.version,
    threshold: model.threshold,
    classify(text) {
      return tracer.startActiveSpan('classify', { attributes: { 'priemnaya.model.version': model.version } }, (span) => {
        try {
          const opinion = model.classify(text);
          span.setAttributes({ 'priemnaya.model.topic': opinion.topic, 'priemnaya.model.confidence': opinion.confidence, 'priemnaya.model.no_evidence': opinion.noEvidence });
          return opinion;
        } finally {
          span.end();
        }
      });
    },
  };
}

type RouteAppeal = (appeal: AppealReceived, position: InputPosition) => Promise<RoutedAppeal>;

/** A `route` span around deciding one appeal, naming the decision but nothing the appeal says. */
export function tracedRouteAppeal(routeAppeal: RouteAppeal): RouteAppeal {
  return (appeal, position) =>
    inSpan('route', { 'priemnaya.appeal.id': appeal.appealId, 'priemnaya.appeal.channel': appeal.channel }, async (span) => {
      const result = await routeAppeal(appeal, position);
      const { decision } = result.record;
      span.setAttributes({
        'priemnaya.route.decided_by': decidedBy(result.record),
        'priemnaya.route.repeat': result.messages.length === 0,
        ...(decision.kind === 'route' ? { 'priemnaya.route.topic': decision.topic, 'priemnaya.route.unit': decision.unit } : {}),
      });
      return result;
    });
}
