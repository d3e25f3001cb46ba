/**
 * A conversation with a visitor of the site's chat or of the Telegram bot, as the state machine
 * in `converse.ts` keeps it. Pure data: stored as it is, one document per conversation.
 */

/** Where the conversation stands: what the next visitor message is taken as. */
export const CONVERSATION_STATES = [
  'awaiting-question',
  'awaiting-name',
  'awaiting-contact',
  'awaiting-address',
  'awaiting-confirmation',
  'awaiting-correction',
  'registered',
] as const;
export type ConversationState = (typeof CONVERSATION_STATES)[number];

/** What the visitor has told so far about the appeal being written. */
export interface ChatDraft {
  question?: string;
  name?: string;
  /** The visitor was asked once for a surname (art. 11: without one the appeal may go unanswered). */
  surnameAsked?: boolean;
  email?: string;
  phone?: string;
  postalAddress?: string;
  /** The visitor chose to give no address for a written answer. */
  addressSkipped?: boolean;
}

export interface ChatRegistration {
  appealId: string;
  registrationNumber: string;
}

export interface Conversation {
  state: ConversationState;
  draft: ChatDraft;
  /**
   * Which appeal of this conversation the draft is (1, 2, ...): a conversation may bring a new
   * appeal after one is registered, and each needs its own external id so that a retried
   * confirmation is recognised while a new appeal is not mistaken for a repeat.
   */
  sequence: number;
  /** The appeal registered from the draft of this sequence, once confirmed. */
  registration?: ChatRegistration;
}

/** One message of ours to the visitor; `options` are the answers offered as buttons. */
export interface ChatReply {
  text: string;
  options?: string[];
}

/** A message from the visitor: its text (possibly empty) and whether it carried a file. */
export interface VisitorMessage {
  text: string;
  hasAttachment: boolean;
}

/** The appeal the visitor confirmed, ready to register. */
export interface ConfirmedAppeal {
  question: string;
  author: { name: string; email?: string; phone?: string; postalAddress?: string };
}

/**
 * The longest question taken in one message. A read-back quoting it, with a name and contacts,
 * must still fit one Telegram message (4096 characters); longer appeals go through the site form.
 */
export const QUESTION_MAX_LENGTH = 3_000;
export const QUESTION_MIN_LETTERS = 10;
export const NAME_MAX_LENGTH = 200;
export const ADDRESS_MAX_LENGTH = 500;

export function newConversation(): Conversation {
  return { state: 'awaiting-question', draft: {}, sequence: 1 };
}
