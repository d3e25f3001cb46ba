import type { AppealEvent, CitizenNotification } from '@priemnaya/contracts';
import { startConsumer, type ConsumerContext, type RunningConsumer } from '@priemnaya/kafka';

/**
 * Status changes of every appeal, and what the citizen is told; the use cases post those of
 * platform items back. One consumer (one group) for both topics: the work inside the
 * administration (in progress, closed) comes from the events, what the citizen is told (forwarded,
 * extended, answered with its text) from the notifications, so nothing is posted twice.
 */
export function startAppealsEventsConsumer(
  context: ConsumerContext,
  postStatusChange: (event: AppealEvent) => Promise<void>,
  deliverNotification: (notification: CitizenNotification) => Promise<void>,
): Promise<RunningConsumer> {
  return startConsumer({
    ...context,
    // A new group reads what the topics still hold: events of appeals this adapter did not
    // register cost one lookup each, and none of its own is missed.
    fromBeginning: true,
    topics: ['appeals.events', 'notifications.outbound'],
    handlers: {
      'appeals.events': (event) => postStatusChange(event),
      'notifications.outbound': (notification) => deliverNotification(notification),
    },
  });
}
