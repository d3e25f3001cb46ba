import type { AppealEvent, AppealReceived } from '@priemnaya/contracts';
import type { LifecycleEvent } from '@priemnaya/deadlines';

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
  return event;
}

/**
 * What an appeals.events message means for the clocks, or undefined when it means nothing to
 * them. The switch is exhaustive: a new event type in the contract does not compile until it is
 * mapped here (the executors' accepted, answered, extension, forwarded, co-executor and closed
 * events map onto the LifecycleEvent types of the same names).
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
    default:
      return unmapped(event);
  }
}

function unmapped(event: never): undefined {
  void event;
  return undefined;
}
