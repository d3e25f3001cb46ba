import type { FastifyInstance } from 'fastify';
import type { Db } from 'mongodb';
import { createConversationRepository } from '../../../data-access/conversation-repository.js';
import { createTelegramClient } from '../../../data-access/telegram-client.js';
import { createHandleChatMessage } from '../../../domain/chat/handle-chat-message.js';
import type { IngestRouteDeps } from '../ingest-route-deps.js';
import { documentChatRoutes } from './chat-openapi.js';
import { telegramWebhookRoutes } from './telegram-webhook-routes.js';
import { chatWidgetRoutes } from './widget-routes.js';

/** The Telegram bot; without it the webhook route does not exist. */
export interface TelegramBotConfig {
  botToken: string;
  webhookSecret: string;
  /** `https://api.telegram.org` in production. */
  apiBaseUrl: string;
  sendTimeoutMs?: number;
  sendAttempts?: number;
  /** The wait before the second sendMessage call, doubled after each failure. */
  sendBackoffMs?: number;
}

export interface ChatConfig {
  telegram?: TelegramBotConfig;
}

/** The chat channels: the site's widget always, the Telegram bot when it is configured. */
export async function chatRoutes(app: FastifyInstance, deps: IngestRouteDeps, chat: { db: Db; clock?: () => Date; config?: ChatConfig }): Promise<void> {
  const conversations = createConversationRepository(chat.db);
  await conversations.ensureIndexes();
  const handleChatMessage = createHandleChatMessage({ conversations, submitAppeal: (intake) => deps.submitAppeal(intake), clock: chat.clock ?? (() => new Date()) });
  chatWidgetRoutes(app, handleChatMessage);
  const telegram = chat.config?.telegram;
  if (telegram !== undefined) {
    telegramWebhookRoutes(app, {
      handleChatMessage,
      conversations,
      webhookSecret: telegram.webhookSecret,
      telegram: createTelegramClient({
        baseUrl: telegram.apiBaseUrl,
        botToken: telegram.botToken,
        timeoutMs: telegram.sendTimeoutMs ?? 5_000,
        attempts: telegram.sendAttempts ?? 3,
        backoffMs: telegram.sendBackoffMs ?? 300,
      }),
    });
  }
  documentChatRoutes(deps.openapi, { telegram: telegram !== undefined });
}
