import { forwardedAuthorities, type AppealEvent, type AppealReceived } from '@priemnaya/contracts';
import { registrationClockFacts, type LifecycleEvent } from '@priemnaya/deadlines';

/**
 * The registration of an appeal as the clocks see it. Its event id is derived from the appeal id,
 * so a redelivered appeal is the same event and changes nothing.
 */
export function lifecycleFromReceived(appeal: AppealReceived): LifecycleEvent {
  const event: LifecycleEvent = {
    type: 'registered',
    eventId: `received:${appeal.appealId}`,
    appealId: appeal.appealId,
    occurredAt: appeal.receivedAt,
    channel: appeal.channel,
    kind: appeal.kind,
  };
  // The platform's filing time starts the registration clock when it is known.
  if (appeal.platform?.filedAt !== undefined) event.receivedAt = appeal.platform.filedAt;
  if (appeal.reception !== undefined) event.answeredOnTheSpot = appeal.reception.answeredOnTheSpot;
  return { ...event, ...registrationClockFacts(appeal) };
}


/**
 * What an appeals.events message means for the clocks, or undefined when it means nothing to
 * them. The switch is exhaustive: a new event type in the contract does not compile until it is
 * mapped here.
 */
export function lifecycleFromEvent(event: AppealEvent): LifecycleEvent | undefined {
  const base = { eventId: event.eventId, appealId: event.appealId, occurredAt: event.occurredAt };
  switch (event.type) {
    case 'appeal.routed':
    case 'appeal.triage-decided':
      return { ...base, type: 'routed', topic: event.topic, unit: event.unit };
    // Waiting for triage or being handed back does not stop or move a legal clock: the deadline
    // runs from registration whoever holds the appeal; the re-routing that follows sets the unit.
    case 'appeal.triaged':
    case 'appeal.handed-back':
      return undefined;
    // Who holds the task inside the unit, and the requests still to be decided, move no clock.
    case 'appeal.assigned':
    case 'appeal.accepted':
    case 'appeal.extension-requested':
    case 'appeal.extension-refused':
      return undefined;
    case 'appeal.extension-approved':
      return { ...base, type: 'extension-approved', days: event.days, decidedBy: event.by, reason: event.why };
    case 'appeal.forwarding-started':
      return { ...base, type: 'forwarding-requested' };
    case 'appeal.forwarded':
      // One covering letter per body, one clock fact: the names together, within the field's bound.
      return {
        ...base,
        type: 'forwarded',
        to: forwardedAuthorities(event).map((authority) => authority.name).join('; ').slice(0, 300),
        ...(event.partial === true ? { partial: true } : {}),
      };
    // The kind in the law's sense decides where a complaint may go, not how long it may take.
    case 'appeal.law-kind-decided':
      return undefined;
    // 59-FZ ст. 8 ч. 7: returned with the explanation, nothing more is done, every clock stops.
    case 'appeal.returned-to-citizen':
      return { ...base, type: 'closed' };
    case 'appeal.co-executor-added':
      return { ...base, type: 'co-executor-added', unit: event.coExecutorUnit };
    case 'appeal.co-executor-answered':
      return { ...base, type: 'co-executor-answered', unit: event.unit };
    case 'appeal.answered':
      return { ...base, type: 'answered' };
    case 'appeal.closed':
      return { ...base, type: 'closed' };
    // 59-FZ ст. 12 ч. 1.1: the tags choose the policy, so a tagged appeal's clocks are re-planned.
    case 'appeal.tags-set':
      return { ...base, type: 'tags-set', tags: event.tags };
    // 59-FZ ст. 11 ч. 5: the decision is followed by the appeal's closing, which stops the clocks.
    case 'appeal.correspondence-ended':
      return undefined;
    default:
      return unmapped(event);
  }
}

function unmapped(event: never): undefined {
  void event;
  return undefined;
}
