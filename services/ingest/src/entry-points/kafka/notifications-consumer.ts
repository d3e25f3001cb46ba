import { startConsumer, type ConsumerContext, type RunningConsumer } from '@priemnaya/kafka';
import type { DeliverNotification } from '../../domain/chat/deliver-notification.js';

/**
 * Citizen notifications, for those of the chat widget and the Telegram bot. From the beginning:
 * a new group misses none, and the outbox and the ledger keep it from delivering any twice.
 */
export function startNotificationsConsumer(context: ConsumerContext, deliver: DeliverNotification): Promise<RunningConsumer> {
  return startConsumer({
    ...context,
    fromBeginning: true,
    topics: ['notifications.outbound'],
    handlers: { 'notifications.outbound': (notification) => deliver(notification) },
  });
}
