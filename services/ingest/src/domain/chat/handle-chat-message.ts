import { UnavailableError } from '@priemnaya/errors';
import { type AppealIntake, IdempotencyKeyConflict, type Registration } from '../submit-appeal.js';
import {
  type ChatRegistration,
  type ChatReply,
  type ConfirmedAppeal,
  type Conversation,
  type ConversationState,
  newConversation,
  QUESTION_MAX_LENGTH,
  type VisitorMessage,
} from './conversation.js';
import { converse, type ConverseContext, registered, type Step } from './converse.js';

/** What the visitor is told in answer to one message; a repeat of the message gets the same. */
export interface ChatAnswer {
  replies: ChatReply[];
  state: ConversationState;
  registration?: ChatRegistration;
}

export interface TranscriptEntry {
  messageId: string;
  at: string;
  text: string;
  attachment?: true;
}

/** A conversation as stored: its state, the messages already answered, and what the visitor wrote. */
export interface StoredConversation {
  key: string;
  conversation: Conversation;
  /** The last answered messages by id, so that a redelivered message gets its first answer back. */
  processed: { messageId: string; answer: ChatAnswer }[];
  /** Answered messages whose replies the channel has not yet confirmed sent (Telegram's sendMessage). */
  undelivered: string[];
  /** The visitor's messages about the current appeal: its raw payload, for audit. */
  transcript: TranscriptEntry[];
  /** Bumped by every save; a save expecting an older one lost a race and starts over. */
  version: number;
}

export interface ConversationStore {
  find(key: string): Promise<StoredConversation | undefined>;
  /** Stores `next` if the stored version is still `expectedVersion` (0: nothing stored); false otherwise. */
  save(next: StoredConversation, expectedVersion: number): Promise<boolean>;
}

export interface ChatMessage {
  channel: 'chat' | 'telegram';
  /** The conversation, unique across channels: `chat:<conversationId>`, `telegram:<chat id>`. */
  conversationKey: string;
  /** The channel's id of this message (the widget's messageId, Telegram's update_id). */
  messageId: string;
  message: VisitorMessage;
  context?: ConverseContext;
  /** The appeal's external id for the n-th appeal of this conversation. */
  externalIdOf(sequence: number): string;
  /** True when replies go out by a later call (Telegram) rather than as the response itself. */
  deliveredSeparately: boolean;
  /** Identifies the conversation in the appeal's raw payload (the conversation id, the chat id). */
  source: Record<string, string | number>;
}

export interface ChatOutcome {
  answer: ChatAnswer;
  /** The message had been answered before; `answer` is that first answer. */
  replayed: boolean;
  /** For a replayed message: whether its replies were confirmed sent. */
  delivered: boolean;
}

export interface HandleChatMessagePorts {
  conversations: ConversationStore;
  submitAppeal(intake: AppealIntake): Promise<Registration>;
  clock: () => Date;
}

const PROCESSED_KEPT = 100;
const TRANSCRIPT_KEPT = 50;
const SAVE_ATTEMPTS = 5;

/**
 * One visitor message through the conversation: answered once, registered at most once. A
 * message answered before gets its stored answer; a confirmation registers under the external id
 * of the conversation's current appeal, so a retry after a lost answer finds the same registration.
 */
export function createHandleChatMessage(ports: HandleChatMessagePorts) {
  return async function handleChatMessage(input: ChatMessage): Promise<ChatOutcome> {
    for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
      const stored = await ports.conversations.find(input.conversationKey);
      const seen = stored?.processed.find((entry) => entry.messageId === input.messageId);
      if (stored !== undefined && seen !== undefined) {
        return { answer: seen.answer, replayed: true, delivered: !stored.undelivered.includes(input.messageId) };
      }
      const base: StoredConversation = stored ?? { key: input.conversationKey, conversation: newConversation(), processed: [], undelivered: [], transcript: [], version: 0 };
      const transcript = nextTranscript(base, input);
      let step = converse(base.conversation, input.message, input.context);
      if (step.kind === 'register') step = await register(step, { ...input, transcript });
      if (step.kind !== 'reply') throw new Error('a registered conversation always replies');

      const { conversation } = step;
      const answer: ChatAnswer = {
        replies: step.replies,
        state: conversation.state,
        ...(conversation.state === 'registered' && conversation.registration ? { registration: conversation.registration } : {}),
      };
      const next: StoredConversation = {
        key: input.conversationKey,
        conversation,
        processed: [...base.processed, { messageId: input.messageId, answer }].slice(-PROCESSED_KEPT),
        undelivered: input.deliveredSeparately ? [...base.undelivered, input.messageId].slice(-PROCESSED_KEPT) : base.undelivered,
        transcript: conversation.sequence !== base.conversation.sequence || isFresh(conversation) ? [] : transcript,
        version: base.version + 1,
      };
      if (await ports.conversations.save(next, base.version)) return { answer, replayed: false, delivered: !input.deliveredSeparately };
      // Another message of this conversation was saved first; read it and start over. A
      // registration made meanwhile is found again by its external id, never made twice.
    }
    throw new UnavailableError(`conversation changed ${SAVE_ATTEMPTS} times while one message was handled`);
  };

  async function register(step: Extract<Step, { kind: 'register' }>, input: ChatMessage & { transcript: TranscriptEntry[] }): Promise<Step> {
    let conversation = step.conversation;
    for (;;) {
      try {
        const registration = await ports.submitAppeal(intakeOf(step.appeal, conversation, input));
        return registered(conversation, { appealId: registration.appealId, registrationNumber: registration.registrationNumber });
      } catch (error) {
        // A confirmation whose registration failed (Kafka down) may have left a stored appeal
        // under this external id; a changed draft confirmed later takes the next sequence.
        if (!(error instanceof IdempotencyKeyConflict) || conversation.sequence > step.conversation.sequence + 3) throw error;
        conversation = { ...conversation, sequence: conversation.sequence + 1 };
      }
    }
  }

  function intakeOf(appeal: ConfirmedAppeal, conversation: Conversation, input: ChatMessage & { transcript: TranscriptEntry[] }): AppealIntake {
    return {
      channel: input.channel,
      kind: 'appeal',
      externalId: input.externalIdOf(conversation.sequence),
      author: appeal.author,
      text: appeal.question,
      attachments: [],
      raw: { format: 'json', body: { ...input.source, sequence: conversation.sequence, messages: input.transcript.map((entry) => ({ ...entry })) } },
    };
  }

  function nextTranscript(base: StoredConversation, input: ChatMessage): TranscriptEntry[] {
    const entry: TranscriptEntry = {
      messageId: input.messageId,
      at: ports.clock().toISOString(),
      text: input.message.text.slice(0, QUESTION_MAX_LENGTH),
      ...(input.message.hasAttachment ? { attachment: true as const } : {}),
    };
    return [...base.transcript, entry].slice(-TRANSCRIPT_KEPT);
  }
}

function isFresh(conversation: Conversation): boolean {
  return conversation.state === 'awaiting-question' && Object.keys(conversation.draft).length === 0;
}
