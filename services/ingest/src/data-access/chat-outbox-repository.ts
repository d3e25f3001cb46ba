import type { CitizenNoticeKind } from '@priemnaya/contracts';
import { isDuplicateKeyError } from '@priemnaya/database';
import type { Db } from 'mongodb';

/** One message of ours waiting in a widget conversation for the widget to fetch it. */
export interface OutboxMessage {
  /** The notification id. */
  id: string;
  /** The message's place in its conversation, 1, 2, 3…: the widget asks for those after it. */
  cursor: string;
  kind: CitizenNoticeKind;
  appealId: string;
  registrationNumber: string;
  text: string;
  /** The whole answer, when `text` holds only its beginning. */
  answerText?: string;
  occurredAt: string;
}

interface OutboxDocument extends Omit<OutboxMessage, 'id' | 'cursor'> {
  /** `<conversationId>:<n>`: claiming place n is the insert of this `_id`. */
  _id: string;
  conversationId: string;
  n: number;
  notificationId: string;
  storedAt: Date;
}

/** Messages one fetch returns at most; the widget asks again after the last cursor. */
export const OUTBOX_PAGE_SIZE = 50;

/**
 * The widget conversations' outboxes. Each conversation's messages are numbered 1, 2, 3… and a
 * place is claimed by inserting `<conversationId>:<n>` (the one write FerretDB isolates): n + 1
 * is tried only once n is stored, so the numbers have no gaps and a message is readable before a
 * later one exists, whatever the replicas' clocks say. A poll reads the places after the
 * widget's cursor by `_id` until the first one not taken.
 *
 * Each notification is stored once: a claim by notification id before, a mark after (both
 * insert-only). Only a crash between them makes a redelivery look for the message by
 * notification id; two replicas taking the same redelivered notification at once during a
 * rebalance may store it twice, with the same id, which the widget shows once.
 */
export function createChatOutboxRepository(db: Db, clock: () => Date = () => new Date()) {
  const messages = db.collection<OutboxDocument>('chat_outbox_messages');
  const claims = db.collection<{ _id: string; conversationId: string; claimedAt: Date }>('chat_outbox_claims');
  const stored = db.collection<{ _id: string; conversationId: string; n: number; storedAt: Date }>('chat_outbox_stored');
  /** The last place this replica saw taken, per conversation: where the next claim starts trying. */
  const lastSeen = new Map<string, number>();

  async function insertOnce<T extends { _id: string }>(collection: { insertOne(document: T): Promise<unknown> }, document: T): Promise<boolean> {
    try {
      await collection.insertOne(document);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /** Whether a redelivered notification is already in the outbox (a claim found without its mark is looked for). */
  async function alreadyStored(conversationId: string, notificationId: string): Promise<boolean> {
    if ((await stored.findOne({ _id: notificationId })) !== null) return true;
    const found = await messages.findOne({ conversationId, notificationId });
    if (found === null) return false;
    await insertOnce(stored, { _id: notificationId, conversationId, n: found.n, storedAt: clock() });
    return true;
  }

  return {
    async ensureIndexes(): Promise<void> {
      // Only the rare look after a crash between claim and mark reads by notification id.
      await messages.createIndex({ conversationId: 1, notificationId: 1 });
    },
    /** False when the notification is already in the outbox. */
    async add(conversationId: string, message: Omit<OutboxMessage, 'cursor'>): Promise<boolean> {
      const { id, ...rest } = message;
      const claimed = await insertOnce(claims, { _id: id, conversationId, claimedAt: clock() });
      if (!claimed && (await alreadyStored(conversationId, id))) return false;
      for (let n = (lastSeen.get(conversationId) ?? 0) + 1; ; n++) {
        const storedAt = clock();
        if (await insertOnce(messages, { _id: `${conversationId}:${n}`, conversationId, n, notificationId: id, ...rest, storedAt })) {
          lastSeen.set(conversationId, n);
          await insertOnce(stored, { _id: id, conversationId, n, storedAt });
          return true;
        }
      }
    },
    /** The messages after place `after` (from the first without it), oldest first, at most a page. */
    async listAfter(conversationId: string, after: number | undefined): Promise<OutboxMessage[]> {
      const page: OutboxMessage[] = [];
      for (let n = (after ?? 0) + 1; page.length < OUTBOX_PAGE_SIZE; n++) {
        const document = await messages.findOne({ _id: `${conversationId}:${n}` });
        if (document === null) break;
        const { _id, conversationId: _conversationId, n: _n, notificationId, storedAt: _storedAt, ...rest } = document;
        page.push({ id: notificationId, cursor: String(n), ...rest });
      }
      return page;
    },
  };
}
export type ChatOutboxRepository = ReturnType<typeof createChatOutboxRepository>;
