import { startConsumer, type ConsumerContext, type RunningConsumer } from '@priemnaya/kafka';
import type { NotifyCitizen } from '../../use-cases/notify-citizen.js';

/** Registrations and lifecycle events, from the beginning: a new group tells nothing twice (the ledger). */
export function startAppealsConsumer(context: ConsumerContext, notify: NotifyCitizen): Promise<RunningConsumer> {
  return startConsumer({
    ...context,
    fromBeginning: true,
    topics: ['appeals.received', 'appeals.events'],
    handlers: {
      'appeals.received': (appeal) => notify.appealReceived(appeal),
      'appeals.events': (event) => notify.eventOccurred(event),
    },
  });
}
