import type { CitizenNotification } from '@priemnaya/contracts';
import type { Logger } from 'pino';
import type { ChatOutboxRepository } from '../../data-access/chat-outbox-repository.js';
import type { NotificationDeliveryLedger } from '../../data-access/notification-delivery-ledger.js';
import type { OutgoingTelegramMessage } from '../../data-access/telegram-client.js';
import { notificationTarget } from './notification-target.js';
import { splitForTelegram, telegramTextOf } from './telegram-parts.js';

export interface DeliverNotificationPorts {
  outbox: Pick<ChatOutboxRepository, 'add'>;
  ledger: NotificationDeliveryLedger;
  /** Absent when the bot has no token: Telegram notifications are then recorded undeliverable. */
  telegram?: { sendMessage(message: OutgoingTelegramMessage): Promise<void> };
  logger: Logger;
}

/**
 * Delivers a notification of a chat or Telegram appeal into its conversation, once per
 * notification id: the widget's outbox is insert-only by that id, and Telegram sends go through
 * the delivery ledger. Logs carry ids and codes, never the message or the contacts.
 */
export function createDeliverNotification(ports: DeliverNotificationPorts) {
  const { logger } = ports;
  return async function deliverNotification(notification: CitizenNotification): Promise<void> {
    const target = notificationTarget(notification);
    const ids = { notificationId: notification.notificationId, appealId: notification.appealId, kind: notification.kind, channel: notification.channel };
    switch (target.channel) {
      case 'elsewhere':
        return;
      case 'unaddressable':
        logger.warn({ ...ids, reason: target.reason }, 'notification cannot be addressed in its channel; not delivered');
        return;
      case 'chat': {
        const added = await ports.outbox.add(target.conversationId, {
          id: notification.notificationId,
          kind: notification.kind,
          appealId: notification.appealId,
          registrationNumber: notification.registrationNumber,
          text: notification.message,
          // The whole answer, always: the widget shows it in full whatever the message holds.
          ...(notification.answer !== undefined ? { answerText: notification.answer.text } : {}),
          occurredAt: notification.occurredAt,
        });
        if (added) logger.info(ids, 'notification put in the chat outbox');
        return;
      }
      case 'telegram': {
        const claim = await ports.ledger.claim(notification.notificationId, notification.appealId);
        if (claim === 'settled') return;
        if (ports.telegram === undefined) {
          await ports.ledger.settle(notification.notificationId, notification.appealId, 'undeliverable', 'telegram-disabled');
          logger.warn({ ...ids, reason: 'telegram-disabled' }, 'Telegram notification undeliverable: the bot has no token');
          return;
        }
        const telegram = ports.telegram;
        const parts = splitForTelegram(telegramTextOf(notification));
        // One message is the notification's; a longer answer goes as consecutive messages, each
        // sent once through the ledger under `<notification id>:<i>/<n>`, so a redelivery after
        // a crash sends only the parts not yet sent.
        for (const [index, text] of parts.entries()) {
          const partId = parts.length === 1 ? undefined : `${notification.notificationId}:${index + 1}/${parts.length}`;
          if (partId !== undefined && (await ports.ledger.claim(partId, notification.appealId)) === 'settled') continue;
          try {
            await telegram.sendMessage({ chatId: target.chatId, text });
          } catch (error) {
            // Retried by the consumer (the claim stays unfinished) when Telegram may yet take it.
            if ((error as { retriable?: boolean }).retriable !== false) throw error;
            if (partId !== undefined) await ports.ledger.settle(partId, notification.appealId, 'undeliverable', 'telegram-refused');
            await ports.ledger.settle(notification.notificationId, notification.appealId, 'undeliverable', 'telegram-refused');
            logger.warn({ ...ids, part: index + 1, parts: parts.length, reason: 'telegram-refused', err: { name: (error as Error).name, message: (error as Error).message } }, 'Telegram refused the notification');
            return;
          }
          if (partId !== undefined) await ports.ledger.settle(partId, notification.appealId, 'delivered');
        }
        await ports.ledger.settle(notification.notificationId, notification.appealId, 'delivered');
        logger.info({ ...ids, parts: parts.length, again: claim === 'unfinished' }, 'notification sent to Telegram');
        return;
      }
    }
  };
}
export type DeliverNotification = ReturnType<typeof createDeliverNotification>;
