import { isDuplicateKeyError } from '@priemnaya/database';
import type { Db } from 'mongodb';
import type { Conversation } from '../domain/chat/conversation.js';
import type { ChatAnswer, ConversationStore, StoredConversation, TranscriptEntry } from '../domain/chat/handle-chat-message.js';

interface ConversationDocument {
  /** `<key>#<version>`: one document per version, so that saving a version is a unique insert. */
  _id: string;
  /** `chat:<conversationId>` or `telegram:<chat id>`. */
  key: string;
  version: number;
  conversation: Conversation;
  processed: { messageId: string; answer: ChatAnswer }[];
  undelivered: string[];
  transcript: TranscriptEntry[];
  savedAt: Date;
}

/** Versions kept behind the latest; older ones are removed after each save. */
const VERSIONS_KEPT = 2;

/**
 * Chat conversations with the ids of the messages (or Telegram updates) already answered. Each
 * save inserts the next version under a unique `_id`: of two messages of one conversation handled
 * at once, exactly one saves the version both started from, and the other starts over. (A
 * compare-and-set replace would do on MongoDB, but FerretDB does not isolate conditional
 * updates, and a unique insert is what it does guarantee.)
 */
export function createConversationRepository(db: Db) {
  const versions = db.collection<ConversationDocument>('chat_conversations');
  return {
    async ensureIndexes(): Promise<void> {
      await versions.createIndex({ key: 1, version: -1 });
    },
    async find(key: string): Promise<StoredConversation | undefined> {
      const [latest] = await versions.find({ key }, { sort: { version: -1 }, limit: 1 }).toArray();
      if (latest === undefined) return undefined;
      const { _id, savedAt: _savedAt, ...stored } = latest;
      return stored;
    },
    async save(next: StoredConversation, expectedVersion: number): Promise<boolean> {
      if (next.version !== expectedVersion + 1) throw new Error('a conversation is saved one version at a time');
      try {
        await versions.insertOne({ _id: `${next.key}#${next.version}`, ...next, savedAt: new Date() });
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
      // Old versions are history nobody reads; removing them is best effort.
      await versions.deleteMany({ key: next.key, version: { $lt: next.version - VERSIONS_KEPT } }).catch(() => undefined);
      return true;
    },
    /** The channel confirmed the replies to this message sent; a redelivery needs no resend. */
    async markDelivered(key: string, messageId: string): Promise<void> {
      await versions.updateMany({ key }, { $pull: { undelivered: messageId } });
    },
  } satisfies ConversationStore & Record<string, unknown>;
}
export type ConversationRepository = ReturnType<typeof createConversationRepository>;
