import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { commonResponses } from '../openapi.js';
import { SECRET_HEADER } from './telegram-webhook-routes.js';
import { TelegramUpdate } from './telegram-update.js';
import { ChatAnswerResponse, ChatMessageRequest } from './widget-routes.js';

/** The chat webhooks in the OpenAPI document, from the schemas that validate them. */
export function documentChatRoutes(registry: OpenAPIRegistry, present: { telegram: boolean }): void {
  registry.registerPath({
    method: 'post',
    path: '/v1/chat/messages',
    summary: 'One message of a visitor of the site chat',
    description:
      'The chat asks for the question, a name and a contact, reads the appeal back and registers it once the visitor confirms; ' +
      'the answer carries the registration number then. A resend with the same `messageId` gets the same answer, and the ' +
      '`conversationId` is the appeal\'s external id, so a retried confirmation never registers twice. See docs/chat-webhook.md.',
    request: { body: { required: true, content: { 'application/json': { schema: ChatMessageRequest } } } },
    responses: {
      200: { description: 'The chat\'s replies.', content: { 'application/json': { schema: ChatAnswerResponse } } },
      ...commonResponses(400, 413, 415, 429, 503),
    },
  });
  if (!present.telegram) return;
  registry.registerPath({
    method: 'post',
    path: '/v1/telegram/webhook',
    summary: 'Telegram Bot API webhook',
    description:
      'Called by Telegram with each `Update` (setWebhook with `secret_token`). Only text messages of private chats are read; other ' +
      'updates are acknowledged and ignored. Replies go out through sendMessage; if that fails the answer is 503, Telegram ' +
      'redelivers the update and the stored replies are sent again. Not rate-limited per address (Telegram shares addresses).',
    request: {
      headers: z.object({ [SECRET_HEADER]: z.string().meta({ description: 'The secret_token given to setWebhook.' }) }),
      body: { required: true, content: { 'application/json': { schema: TelegramUpdate } } },
    },
    responses: {
      200: { description: 'Handled or ignored.', content: { 'application/json': { schema: z.object({ ok: z.literal(true) }) } } },
      401: { description: 'The secret token is missing or wrong; nothing was read.' },
      ...commonResponses(400, 413, 415, 503),
    },
  });
}
