import { JSON_MEDIA_TYPES, parseRequest } from '@priemnaya/http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CONVERSATION_STATES } from '../../../domain/chat/conversation.js';
import type { ChatAnswer, ChatOutcome, ChatMessage } from '../../../domain/chat/handle-chat-message.js';

/** The longest text taken in one widget message; the conversation itself tells the visitor a far lower limit. */
const WIDGET_TEXT_MAX_LENGTH = 20_000;

export const ChatMessageRequest = z
  .strictObject({
    conversationId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,100}$/, 'must be 16-100 letters, digits, _ or - (a random UUID fits)')
      .meta({ description: 'Chosen by the widget at random for each conversation and kept secret: whoever holds it reads the conversation.' }),
    messageId: z
      .string()
      .min(1, 'must not be empty')
      .max(100, 'must be at most 100 characters')
      .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
      .meta({ description: 'Unique within the conversation; a resend with the same id gets the same answer.' }),
    text: z.string().max(WIDGET_TEXT_MAX_LENGTH, `must be at most ${WIDGET_TEXT_MAX_LENGTH} characters`),
    attachments: z
      .array(z.strictObject({ fileName: z.string().max(255), contentType: z.string().max(100) }))
      .max(10)
      .optional()
      .meta({ description: 'Files the visitor tried to attach; the chat does not take them and says so.' }),
  })
  .meta({ id: 'ChatMessage' });
export type ChatMessageRequest = z.infer<typeof ChatMessageRequest>;

export const ChatAnswerResponse = z
  .object({
    replies: z.array(z.object({ text: z.string(), options: z.array(z.string()).optional().meta({ description: 'Answers to offer as buttons; a press sends its text as the next message.' }) })),
    state: z.enum(CONVERSATION_STATES),
    registration: z
      .object({ id: z.uuid(), registrationNumber: z.string().meta({ example: '00042/2026' }) })
      .optional()
      .meta({ description: 'Present once the confirmed appeal is registered.' }),
  })
  .meta({ id: 'ChatAnswer' });
export type ChatAnswerResponse = z.infer<typeof ChatAnswerResponse>;

/** The site's chat widget: one visitor message in, the chat's replies out. */
export function chatWidgetRoutes(app: FastifyInstance, handleChatMessage: (message: ChatMessage) => Promise<ChatOutcome>): void {
  app.post('/v1/chat/messages', { config: { accepts: JSON_MEDIA_TYPES } }, async (request, reply) => {
    const body = parseRequest(ChatMessageRequest, request.body);
    const outcome = await handleChatMessage({
      channel: 'chat',
      conversationKey: `chat:${body.conversationId}`,
      messageId: body.messageId,
      message: { text: body.text, hasAttachment: (body.attachments?.length ?? 0) > 0 },
      // The conversation id is the appeal's external id; a later appeal of the same conversation gets a suffix.
      externalIdOf: (sequence) => (sequence === 1 ? body.conversationId : `${body.conversationId}:${sequence}`),
      deliveredSeparately: false,
      source: { conversationId: body.conversationId },
    });
    request.log.info({ state: outcome.answer.state, replayed: outcome.replayed, appealId: outcome.answer.registration?.appealId }, 'chat message answered');
    return reply.header('idempotent-replayed', String(outcome.replayed)).send(toResponse(outcome.answer));
  });
}

function toResponse(answer: ChatAnswer): ChatAnswerResponse {
  return {
    replies: answer.replies,
    state: answer.state,
    ...(answer.registration ? { registration: { id: answer.registration.appealId, registrationNumber: answer.registration.registrationNumber } } : {}),
  };
}
