import { isDuplicateKeyError } from '@priemnaya/database';
import type { Db } from 'mongodb';
import type { ChatAnswer, ConversationStore, StoredConversation, TranscriptEntry } from '../domain/chat/handle-chat-message.js';
import type { Conversation } from '../domain/chat/conversation.js';

interface ConversationDocument {
  /** `chat:<conversationId>` or `telegram:<chat id>`. */
  _id: string;
  conversation: Conversation;
  processed: { messageId: string; answer: ChatAnswer }[];
  undelivered: string[];
  transcript: TranscriptEntry[];
  version: number;
  updatedAt: Date;
}

/**
 * Chat conversations, one document each, with the ids of the messages (or Telegram updates)
 * already answered. Saves are compare-and-set on `version`, so two messages of one conversation
 * handled at once cannot both move it on from the same state.
 */
export function createConversationRepository(db: Db) {
  const conversations = db.collection<ConversationDocument>('chat_conversations');
  return {
    async find(key: string): Promise<StoredConversation | undefined> {
      const document = await conversations.findOne({ _id: key });
      if (!document) return undefined;
      const { _id, updatedAt: _updatedAt, ...rest } = document;
      return { key: _id, ...rest };
    },
    async save(next: StoredConversation, expectedVersion: number): Promise<boolean> {
      const { key, ...rest } = next;
      const document: ConversationDocument = { _id: key, ...rest, updatedAt: new Date() };
      if (expectedVersion === 0) {
        try {
          await conversations.insertOne(document);
          return true;
        } catch (error) {
          if (isDuplicateKeyError(error)) return false;
          throw error;
        }
      }
      const result = await conversations.replaceOne({ _id: key, version: expectedVersion }, document);
      return result.matchedCount === 1;
    },
    /** The channel confirmed the replies to this message sent; a redelivery needs no resend. */
    async markDelivered(key: string, messageId: string): Promise<void> {
      await conversations.updateOne({ _id: key }, { $pull: { undelivered: messageId } });
    },
  } satisfies ConversationStore & { markDelivered(key: string, messageId: string): Promise<void> };
}
export type ConversationRepository = ReturnType<typeof createConversationRepository>;
