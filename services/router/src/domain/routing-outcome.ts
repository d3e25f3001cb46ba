import type { AppealEvent, RoutingTopic, UnitCode } from '@priemnaya/contracts';
import type { RouteDecision } from './decide-route.js';

/**
 * An outcome the guard waits for. `auto`: the model routed the appeal to `unit` on its own (no
 * administrator's rule, no person). `shadow`: the model was confident but its topic was suspended,
 * so the appeal went to triage; the person's topic tells whether the model would have been right,
 * which is how a suspended topic, auto-routing nothing, can show that it has recovered.
 */
export interface PendingOutcome {
  appealId: string;
  kind: 'auto' | 'shadow';
  topic: RoutingTopic;
  unit?: UnitCode;
  modelVersion: string;
  decidedAt: Date;
}

export type OutcomeCause =
  | 'answered'
  | 'forwarding-started'
  | 'closed'
  | 'settling-period'
  | 'handed-back'
  | 'rerouted'
  | 'triage-agreed'
  | 'triage-disagreed';

/** What an event says about a pending outcome: right, wrong, or no evidence either way (`discard`). */
export type Verdict = { kind: 'settled'; right: boolean; cause: OutcomeCause } | { kind: 'discard' };

/** The outcome to wait for after a decision, if the guard counts it. */
export function pendingOutcomeOf(appealId: string, decision: RouteDecision, decidedAt: Date): PendingOutcome | undefined {
  const { reason } = decision;
  if (decision.kind === 'route' && reason.kind === 'model') {
    return { appealId, kind: 'auto', topic: decision.topic, unit: decision.unit, modelVersion: reason.modelVersion, decidedAt };
  }
  if (decision.kind === 'triage' && reason.kind === 'precision-guard') {
    return { appealId, kind: 'shadow', topic: reason.topic, modelVersion: reason.modelVersion, decidedAt };
  }
  return undefined;
}

/** The event types that can settle an outcome; the guard reads nothing else. */
export const SETTLING_EVENTS: ReadonlySet<AppealEvent['type']> = new Set([
  'appeal.handed-back',
  'appeal.answered',
  'appeal.forwarding-started',
  'appeal.closed',
  'appeal.routed',
  'appeal.triage-decided',
]);

/**
 * What counts, for an appeal the model routed to a unit:
 * - wrong: the unit hands it back ("not our competence"), or the appeal is routed to another unit
 *   (a reroute, by the router or by a person from triage);
 * - right: the unit answers it, starts forwarding it to the competent authority, or closes it:
 *   from then on the executor cannot hand it back. Accepting it is not enough, since an executor
 *   may still hand back an accepted task once they have read it;
 * - no evidence: the citizen withdrew it before the unit had settled it.
 * Only the unit it was routed to speaks for it (a co-executor's part says nothing of the routing).
 * For an appeal the guard held back, the person's decision in triage settles it: right when they
 * chose the model's topic.
 */
export function verdictOf(pending: PendingOutcome, event: AppealEvent): Verdict | undefined {
  if (pending.kind === 'shadow') {
    if (event.type !== 'appeal.triage-decided') return undefined;
    const right = event.topic === pending.topic;
    return { kind: 'settled', right, cause: right ? 'triage-agreed' : 'triage-disagreed' };
  }
  switch (event.type) {
    case 'appeal.handed-back':
      return event.unit === pending.unit ? { kind: 'settled', right: false, cause: 'handed-back' } : undefined;
    case 'appeal.routed':
    case 'appeal.triage-decided':
      return event.unit !== pending.unit ? { kind: 'settled', right: false, cause: 'rerouted' } : undefined;
    case 'appeal.answered':
    case 'appeal.forwarding-started':
      return event.unit === pending.unit ? { kind: 'settled', right: true, cause: event.type === 'appeal.answered' ? 'answered' : 'forwarding-started' } : undefined;
    case 'appeal.closed':
      if (event.unit !== pending.unit) return undefined;
      return event.outcome === 'withdrawn' ? { kind: 'discard' } : { kind: 'settled', right: true, cause: 'closed' };
    default:
      return undefined;
  }
}

/**
 * An outcome nothing settled within the settling period: an auto-routed appeal the unit kept that
 * long without handing it back counts as right; an appeal held back that nobody decided in that
 * time says nothing about the model and is dropped.
 */
export function verdictAfterSettlingPeriod(pending: PendingOutcome): Verdict {
  return pending.kind === 'auto' ? { kind: 'settled', right: true, cause: 'settling-period' } : { kind: 'discard' };
}
