import { parsePersonName } from '@priemnaya/prescreen';
import { say } from './chat-wording.js';
import {
  type ChatDraft,
  type ChatRegistration,
  type ChatReply,
  type ConfirmedAppeal,
  type Conversation,
  QUESTION_MAX_LENGTH,
  QUESTION_MIN_LETTERS,
  type VisitorMessage,
} from './conversation.js';
import {
  commandOf,
  type CorrectionTarget,
  correctionTargetOf,
  isGreeting,
  isNo,
  isSkip,
  isYes,
  letterCount,
  readContact,
  readName,
  readPostalAddress,
} from './visitor-input.js';

/** The longest answer taken at any step but the question (a name, a contact, an address). */
export const ANSWER_MAX_LENGTH = 1_000;

/** What one visitor message leads to: replies, or the confirmed appeal to register first. */
export type Step =
  | { kind: 'reply'; conversation: Conversation; replies: ChatReply[] }
  | { kind: 'register'; conversation: Conversation; appeal: ConfirmedAppeal };

export interface ConverseContext {
  /** A name the channel already knows (Telegram's profile name), offered as a button, never assumed. */
  suggestedName?: string;
}

/**
 * The conversation as a state machine: takes the visitor's message in the current state and
 * says what comes next. It asks for whatever the appeal still lacks, reads it back, and only an
 * explicit "да" in `awaiting-confirmation` leads to registration.
 */
export function converse(conversation: Conversation, message: VisitorMessage, context: ConverseContext = {}): Step {
  const text = message.text.trim();
  const notes: ChatReply[] = message.hasAttachment ? [say.attachmentRefused()] : [];
  if (text === '') return reply(conversation, [...(notes.length > 0 ? notes : [say.empty()]), prompt(conversation, context)]);

  const command = commandOf(text);
  if (command !== undefined) return obey(command, conversation, notes, context);

  const limit = conversation.state === 'awaiting-question' ? QUESTION_MAX_LENGTH : ANSWER_MAX_LENGTH;
  if (text.length > limit) {
    const refusal = conversation.state === 'awaiting-question' ? say.questionTooLong(text.length) : say.messageTooLong(text.length, limit);
    return reply(conversation, [...notes, refusal]);
  }
  const step = answer(conversation, text, context);
  return step.kind === 'reply' ? { ...step, replies: [...notes, ...step.replies] } : step;
}

/** The conversation once its confirmed appeal is registered. */
export function registered(conversation: Conversation, registration: ChatRegistration): Step {
  return reply({ ...conversation, state: 'registered', registration }, [say.registered(registration.registrationNumber)]);
}

/** What the conversation asks in its current state, as it would ask again. */
export function prompt(conversation: Conversation, context: ConverseContext = {}): ChatReply {
  const { draft } = conversation;
  switch (conversation.state) {
    case 'awaiting-question':
      return say.askQuestion();
    case 'awaiting-name':
      return draft.surnameAsked === true && draft.name !== undefined ? say.askSurname() : say.askName(suggestion(context));
    case 'awaiting-contact':
      return say.askContact();
    case 'awaiting-address':
      return say.askAddress();
    case 'awaiting-confirmation':
      return say.readBack(draft);
    case 'awaiting-correction':
      return say.askCorrection();
    case 'registered':
      return say.alreadyRegistered(conversation.registration?.registrationNumber ?? '');
  }
}

function obey(command: NonNullable<ReturnType<typeof commandOf>>, conversation: Conversation, notes: ChatReply[], context: ConverseContext): Step {
  switch (command) {
    case 'help':
      return reply(conversation, [...notes, say.help(), prompt(conversation, context)]);
    case 'start':
      return reply(freshDraft(conversation), [...notes, say.greeting()]);
    case 'restart':
      return reply(freshDraft(conversation), [...notes, { text: 'Хорошо, начнём заново.' }, say.askQuestion()]);
    case 'cancel':
      if (conversation.state === 'registered') return reply(conversation, [...notes, say.cannotCancelRegistered(conversation.registration?.registrationNumber ?? '')]);
      return reply(freshDraft(conversation), [...notes, say.cancelled()]);
  }
}

function answer(conversation: Conversation, text: string, context: ConverseContext): Step {
  const { draft } = conversation;
  switch (conversation.state) {
    case 'awaiting-question':
      if (isGreeting(text)) return reply(conversation, [say.greeting()]);
      if (letterCount(text) < QUESTION_MIN_LETTERS) return reply(conversation, [say.questionTooShort()]);
      return next(conversation, { ...draft, question: text }, context);
    case 'awaiting-name':
      return answerName(conversation, text, context);
    case 'awaiting-contact': {
      const contact = readContact(text);
      if (contact.kind === 'invalid') return reply(conversation, [say.contactInvalid(contact.looksLike)]);
      return next(conversation, contact.kind === 'email' ? { ...draft, email: contact.email } : { ...draft, phone: contact.phone }, context);
    }
    case 'awaiting-address': {
      if (isSkip(text)) return next(conversation, { ...draft, addressSkipped: true }, context);
      const contact = readContact(text);
      if (contact.kind === 'email') return next(conversation, { ...draft, email: contact.email }, context);
      const postalAddress = readPostalAddress(text);
      if (postalAddress === undefined) return reply(conversation, [say.addressInvalid()]);
      return next(conversation, { ...draft, postalAddress }, context);
    }
    case 'awaiting-confirmation': {
      if (isYes(text)) return confirm(conversation, context);
      if (isNo(text)) return reply({ ...conversation, state: 'awaiting-correction' }, [say.askCorrection()]);
      const target = correctionTargetOf(text);
      return target !== undefined ? correct(conversation, target, context) : reply(conversation, [say.confirmOrCorrect()]);
    }
    case 'awaiting-correction': {
      if (isYes(text)) return next(conversation, draft, context);
      const target = correctionTargetOf(text);
      return target !== undefined ? correct(conversation, target, context) : reply(conversation, [say.correctionUnclear()]);
    }
    case 'registered':
      return reply(conversation, [say.alreadyRegistered(conversation.registration?.registrationNumber ?? '')]);
  }
}

/** A name without a surname is asked about once; the second answer is taken as it is. */
function answerName(conversation: Conversation, text: string, context: ConverseContext): Step {
  const { draft } = conversation;
  const name = readName(text);
  if (name === undefined) return reply(conversation, [say.nameInvalid()]);
  const parsed = parsePersonName(name);
  if (draft.surnameAsked !== true) {
    if (parsed.surname === undefined) return reply({ ...conversation, draft: { ...draft, name, surnameAsked: true } }, [say.askSurname()]);
    return next(conversation, { ...draft, name }, context);
  }
  // "Мария", then "Иванова": the surname alone completes the name given first.
  const completes = draft.name !== undefined && parsed.firstName === undefined && parsed.surname !== undefined && !name.includes(' ');
  return next(conversation, { ...draft, name: completes ? `${name} ${draft.name ?? ''}`.trim() : name }, context);
}

function confirm(conversation: Conversation, context: ConverseContext): Step {
  const { question, name, email, phone, postalAddress } = conversation.draft;
  if (question === undefined || name === undefined) return next(conversation, conversation.draft, context);
  return {
    kind: 'register',
    conversation,
    appeal: {
      question,
      author: { name, ...(email !== undefined ? { email } : {}), ...(phone !== undefined ? { phone } : {}), ...(postalAddress !== undefined ? { postalAddress } : {}) },
    },
  };
}

/** The parts of the draft each correction clears, so that the conversation asks for them again. */
const CLEARED_BY: Record<CorrectionTarget, readonly (keyof ChatDraft)[]> = {
  question: ['question'],
  name: ['name', 'surnameAsked'],
  contact: ['email', 'phone', 'postalAddress', 'addressSkipped'],
};

function correct(conversation: Conversation, target: CorrectionTarget, context: ConverseContext): Step {
  const cleared = CLEARED_BY[target];
  const draft = Object.fromEntries(Object.entries(conversation.draft).filter(([key]) => !cleared.includes(key as keyof ChatDraft))) as ChatDraft;
  return next(conversation, draft, context);
}

/** Moves to the first thing the appeal still lacks, or to the read-back when nothing is missing. */
function next(conversation: Conversation, draft: ChatDraft, context: ConverseContext): Step {
  const state =
    draft.question === undefined
      ? 'awaiting-question'
      : draft.name === undefined
        ? 'awaiting-name'
        : draft.email === undefined && draft.phone === undefined
          ? 'awaiting-contact'
          : draft.email === undefined && draft.postalAddress === undefined && draft.addressSkipped !== true
            ? 'awaiting-address'
            : 'awaiting-confirmation';
  const moved: Conversation = { ...conversation, state, draft };
  return reply(moved, [prompt(moved, context)]);
}

/**
 * An empty draft. Once the visitor may have confirmed the old one (it was read back, or it is
 * registered), the new draft takes the next sequence, so its external id is a new one.
 */
function freshDraft(conversation: Conversation): Conversation {
  const mayHaveBeenSubmitted = ['awaiting-confirmation', 'awaiting-correction', 'registered'].includes(conversation.state);
  return { state: 'awaiting-question', draft: {}, sequence: conversation.sequence + (mayHaveBeenSubmitted ? 1 : 0) };
}

function suggestion(context: ConverseContext): string | undefined {
  return context.suggestedName !== undefined ? readName(context.suggestedName) : undefined;
}

function reply(conversation: Conversation, replies: ChatReply[]): Step {
  return { kind: 'reply', conversation, replies };
}
