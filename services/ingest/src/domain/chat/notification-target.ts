import type { CitizenNotification } from '@priemnaya/contracts';

/** Where in its channel a notification goes, read from the appeal's external id. */
export type NotificationTarget =
  | { channel: 'chat'; conversationId: string }
  | { channel: 'telegram'; chatId: number }
  /** A channel ingest does not deliver to (the platform has its adapter; site, Open311 and desk answer in writing). */
  | { channel: 'elsewhere' }
  /** A chat or Telegram notification whose external id is missing or not one ingest gave. */
  | { channel: 'unaddressable'; reason: string };

/** The widget's conversation ids (see widget-routes.ts): letters, digits, `_` and `-`. */
const CONVERSATION_ID = /^[A-Za-z0-9_-]{16,100}$/;

/**
 * The widget's appeals carry `<conversationId>` or `<conversationId>:<n>` as external id, the
 * bot's `<chat id>:<n>` (see the chat entry points); the citizen is told in that conversation.
 */
export function notificationTarget(notification: Pick<CitizenNotification, 'channel' | 'externalId'>): NotificationTarget {
  const { channel, externalId } = notification;
  if (channel !== 'chat' && channel !== 'telegram') return { channel: 'elsewhere' };
  if (externalId === undefined) return { channel: 'unaddressable', reason: 'no external id' };
  const [head = '', sequence, ...extra] = externalId.split(':');
  if (extra.length > 0 || (sequence !== undefined && !/^\d+$/.test(sequence))) return { channel: 'unaddressable', reason: 'external id not of this channel' };
  if (channel === 'chat') return CONVERSATION_ID.test(head) ? { channel, conversationId: head } : { channel: 'unaddressable', reason: 'not a conversation id' };
  const chatId = Number(head);
  return /^-?\d{1,20}$/.test(head) && Number.isSafeInteger(chatId) && sequence !== undefined ? { channel, chatId } : { channel: 'unaddressable', reason: 'not a Telegram chat id' };
}
