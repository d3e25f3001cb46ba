import type { AppealEvent } from '@priemnaya/contracts';
import { startConsumer, type ConsumerContext, type RunningConsumer } from '@priemnaya/kafka';

/** Status changes of every appeal; the use case posts those of platform items back. */
export function startAppealsEventsConsumer(context: ConsumerContext, postStatusChange: (event: AppealEvent) => Promise<void>): Promise<RunningConsumer> {
  return startConsumer({
    ...context,
    // A new group reads what the topic still holds: events of appeals this adapter did not
    // register cost one lookup each, and none of its own is missed.
    fromBeginning: true,
    topics: ['appeals.events'],
    handlers: { 'appeals.events': (event) => postStatusChange(event) },
  });
}
