import { createHash, timingSafeEqual } from 'node:crypto';
import { UnavailableError } from '@priemnaya/errors';
import { JSON_MEDIA_TYPES, parseRequest, RequestError } from '@priemnaya/http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ConversationRepository } from '../../../data-access/conversation-repository.js';
import { type TelegramClient, TelegramSendError } from '../../../data-access/telegram-client.js';
import type { ChatMessage, ChatOutcome } from '../../../domain/chat/handle-chat-message.js';
import { hasNonText, type TelegramMessage, TelegramUpdate } from './telegram-update.js';

export const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

export interface TelegramWebhookDeps {
  handleChatMessage(message: ChatMessage): Promise<ChatOutcome>;
  conversations: Pick<ConversationRepository, 'markDelivered'>;
  telegram: Pick<TelegramClient, 'sendMessage'>;
  /** The `secret_token` given to setWebhook; Telegram sends it back in every call. */
  webhookSecret: string;
}

/**
 * The Telegram bot's webhook. An update is answered once: its replies are stored with the
 * conversation before they are sent, so when sendMessage fails the route answers 503, Telegram
 * redelivers the same update, and the stored replies are sent again without the update being
 * handled twice (the appeal is registered once, by its external id, whatever happens).
 */
export function telegramWebhookRoutes(app: FastifyInstance, deps: TelegramWebhookDeps): void {
  const verifySecret = secretVerifier(deps.webhookSecret);
  app.post(
    '/v1/telegram/webhook',
    // Telegram's servers share a few addresses: a per-address limit would throttle every citizen at once.
    { config: { rateLimit: false, accepts: JSON_MEDIA_TYPES }, onRequest: async (request) => verifySecret(request) },
    async (request, reply) => {
      const update = parseRequest(TelegramUpdate, request.body);
      const message = update.message;
      if (message === undefined || message.chat.type !== 'private' || message.from?.is_bot === true) {
        request.log.info({ updateId: update.update_id }, 'telegram update ignored');
        return reply.send({ ok: true });
      }
      const chatId = message.chat.id;
      const conversationKey = `telegram:${chatId}`;
      const messageId = `update:${update.update_id}`;
      const outcome = await deps.handleChatMessage({
        channel: 'telegram',
        conversationKey,
        messageId,
        message: { text: message.text ?? message.caption ?? '', hasAttachment: hasNonText(message) },
        context: suggestedName(message),
        externalIdOf: (sequence) => `${chatId}:${sequence}`,
        deliveredSeparately: true,
        source: { chatId },
      });
      if (outcome.replayed && outcome.delivered) return reply.send({ ok: true });

      try {
        for (const { text, options } of outcome.answer.replies) await deps.telegram.sendMessage({ chatId, text, ...(options ? { options } : {}) });
      } catch (error) {
        if (error instanceof TelegramSendError && !error.retriable) {
          // Telegram refuses the message itself (the visitor blocked the bot): a redelivery cannot help.
          request.log.warn({ updateId: update.update_id, err: error }, 'telegram reply refused; given up');
          await deps.conversations.markDelivered(conversationKey, messageId);
          return reply.send({ ok: true });
        }
        throw new UnavailableError('telegram reply not sent; Telegram will redeliver the update', error);
      }
      await deps.conversations.markDelivered(conversationKey, messageId);
      request.log.info({ updateId: update.update_id, state: outcome.answer.state, replayed: outcome.replayed, appealId: outcome.answer.registration?.appealId }, 'telegram update answered');
      return reply.send({ ok: true });
    },
  );
}

/** Compares digests, so the comparison takes the same time whatever the header's length or content. */
function secretVerifier(secret: string): (request: FastifyRequest) => void {
  const expected = digest(secret);
  return (request) => {
    const given = request.headers[SECRET_HEADER.toLowerCase()];
    if (typeof given !== 'string' || !timingSafeEqual(digest(given), expected)) {
      throw new RequestError(401, 'unauthorized', `${SECRET_HEADER}: missing or wrong`, [{ field: SECRET_HEADER, message: 'missing or wrong' }]);
    }
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function suggestedName(message: TelegramMessage): { suggestedName?: string } {
  const from = message.from;
  if (from === undefined) return {};
  return { suggestedName: [from.last_name, from.first_name].filter((part) => part !== undefined && part !== '').join(' ') };
}
