import { ROUTING_TOPICS, type RoutingTopic } from '@priemnaya/contracts';
import { collectedGauge, counter } from '@priemnaya/observability';
import type { Logger } from 'pino';
import type { GuardTransition, TopicGuard } from '../domain/precision-watch.js';

const transitions = counter(
  'priemnaya_router_precision_guard_transitions_total',
  'Routing topics the live precision guard suspended (to="suspended") or resumed (to="routing"), counted by the replica that recorded the change',
  ['topic', 'to'],
);

/**
 * A transition, for administrators: counted, and logged at warn. Topic codes and figures only;
 * nothing an appeal says.
 */
export function reportTransition(logger: Logger, transition: GuardTransition): void {
  transitions.inc({ topic: transition.topic, to: transition.to });
  const { window, policy } = transition;
  const figures = { topic: transition.topic, seq: transition.seq, precision: window.precision, outcomes: window.outcomes, right: window.right, upperBound: window.upperBound, target: policy.target, resumeAt: policy.resumeAt };
  if (transition.to === 'suspended') logger.warn(figures, "routing topic suspended: its live precision fell below the target; the model's appeals of it go to triage");
  else logger.warn(figures, 'routing topic resumed: its live precision is back at the target; the model routes it again');
}

/**
 * Each topic's state for Prometheus, from the states every replica stores (so every replica
 * reports the same figures; aggregate with max, not sum). `current` is cached by the caller.
 * Returns what detaches the gauges from this app.
 */
export function precisionGauges(current: () => Promise<Map<RoutingTopic, TopicGuard>>): () => void {
  const measured = async (figure: (guard: TopicGuard) => number | null) =>
    [...(await current()).values()].flatMap((guard) => {
      const value = guard.window.outcomes === 0 ? null : figure(guard);
      return value === null ? [] : [{ labels: { topic: guard.topic }, value }];
    });
  const detach = [
    collectedGauge('priemnaya_router_topic_suspended', 'Whether the live precision guard holds the routing topic back from the model (1) or the model routes it (0)', ['topic'], async () => {
      const guards = await current();
      return ROUTING_TOPICS.map(({ code }) => ({ labels: { topic: code }, value: guards.get(code)?.state === 'suspended' ? 1 : 0 }));
    }),
    collectedGauge('priemnaya_router_topic_precision', "Measured precision of the router's auto-routing of the topic: the share of the settled outcomes in its window that were right", ['topic'], () =>
      measured((guard) => guard.window.precision),
    ),
    collectedGauge('priemnaya_router_topic_precision_upper_bound', 'Upper Wilson bound of the measured precision; the topic is suspended when it falls below the target', ['topic'], () =>
      measured((guard) => guard.window.upperBound),
    ),
    collectedGauge('priemnaya_router_topic_precision_outcomes', 'Settled outcomes in the topic’s window', ['topic'], () => measured((guard) => guard.window.outcomes)),
  ];
  return () => detach.forEach((it) => it());
}
