import type { CitizenNoticeKind } from '@priemnaya/contracts';
import { isDuplicateKeyError } from '@priemnaya/database';
import type { Db } from 'mongodb';

/** One message of ours waiting in a widget conversation for the widget to fetch it. */
export interface OutboxMessage {
  /** The notification id. */
  id: string;
  /** Sorts after every message stored before it: `<stored at, ms, 13 digits>-<id>`. */
  cursor: string;
  kind: CitizenNoticeKind;
  appealId: string;
  registrationNumber: string;
  text: string;
  /** The whole answer, when `text` holds only its beginning. */
  answerText?: string;
  occurredAt: string;
}

interface OutboxDocument extends Omit<OutboxMessage, 'id'> {
  _id: string;
  conversationId: string;
}

/** Messages one fetch returns at most; the widget asks again after the last cursor. */
export const OUTBOX_PAGE_SIZE = 50;

/**
 * The widget conversations' outboxes. Insert-only with the notification id as `_id`: a
 * redelivered notification is a duplicate key and stored once (the one write FerretDB isolates).
 */
export function createChatOutboxRepository(db: Db, clock: () => Date = () => new Date()) {
  const outbox = db.collection<OutboxDocument>('chat_outbox');
  return {
    async ensureIndexes(): Promise<void> {
      await outbox.createIndex({ conversationId: 1, cursor: 1 });
    },
    /** False when the notification is already in the outbox. */
    async add(conversationId: string, message: Omit<OutboxMessage, 'cursor'>): Promise<boolean> {
      const { id, ...rest } = message;
      try {
        await outbox.insertOne({ _id: id, conversationId, cursor: `${String(clock().getTime()).padStart(13, '0')}-${id}`, ...rest });
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    },
    async listAfter(conversationId: string, after: string | undefined): Promise<OutboxMessage[]> {
      const documents = await outbox
        .find({ conversationId, ...(after !== undefined ? { cursor: { $gt: after } } : {}) }, { sort: { cursor: 1 }, limit: OUTBOX_PAGE_SIZE })
        .toArray();
      return documents.map(({ _id, conversationId: _conversationId, ...rest }) => ({ id: _id, ...rest }));
    },
  };
}
export type ChatOutboxRepository = ReturnType<typeof createChatOutboxRepository>;
