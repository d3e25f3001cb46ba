import { setTimeout as delay } from 'node:timers/promises';
import { AppError } from '@priemnaya/errors';

export interface TelegramClientOptions {
  /** `https://api.telegram.org`, or a local fake in tests. */
  baseUrl: string;
  botToken: string;
  /** How long one call may take before it counts as failed. */
  timeoutMs: number;
  /** Calls in all, the first included. */
  attempts: number;
  /** The wait before the second call; it doubles after each failure. */
  backoffMs: number;
}

export interface OutgoingTelegramMessage {
  chatId: number;
  text: string;
  /** Offered as a one-time reply keyboard: pressing a button sends its text back as a message. */
  options?: string[];
}

/**
 * sendMessage failed. Retriable when Telegram was unreachable, slow, overloaded or failing; not
 * when it refused the message itself (the visitor blocked the bot, the chat is gone). The
 * message never quotes the URL, which holds the bot's token.
 */
export class TelegramSendError extends AppError {
  constructor(message: string, options: { retriable: boolean; cause?: unknown }) {
    super('TelegramSendError', message, options);
  }
}

interface BotApiAnswer {
  ok?: boolean;
  error_code?: number;
  parameters?: { retry_after?: number };
}

/** The Bot API's longest wait we honour within one webhook call; a longer one is left to redelivery. */
const MAX_RETRY_AFTER_MS = 5_000;

/** The Telegram Bot API, as far as the bot needs it: sending a message, with a timeout and bounded retries. */
export function createTelegramClient(options: TelegramClientOptions) {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/bot${options.botToken}/sendMessage`;

  async function attempt(body: string): Promise<{ retryAfterMs?: number } | undefined> {
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(options.timeoutMs) });
    } catch (error) {
      const timedOut = (error as { name?: string }).name === 'TimeoutError';
      throw new TelegramSendError(timedOut ? `sendMessage: no answer within ${options.timeoutMs} ms` : 'sendMessage: Bot API unreachable', { retriable: true });
    }
    const answer = (await response.json().catch(() => ({}))) as BotApiAnswer;
    if (response.ok && answer.ok === true) return undefined;
    const status = answer.error_code ?? response.status;
    if (status === 429) {
      const retryAfterMs = (answer.parameters?.retry_after ?? 1) * 1000;
      if (retryAfterMs <= MAX_RETRY_AFTER_MS) return { retryAfterMs };
    }
    throw new TelegramSendError(`sendMessage: Bot API answered ${status}`, { retriable: status === 429 || status >= 500 });
  }

  return {
    async sendMessage(message: OutgoingTelegramMessage): Promise<void> {
      const body = JSON.stringify({
        chat_id: message.chatId,
        text: message.text,
        reply_markup:
          message.options !== undefined && message.options.length > 0
            ? { keyboard: message.options.map((text) => [{ text }]), one_time_keyboard: true, resize_keyboard: true }
            : { remove_keyboard: true },
      });
      let wait = options.backoffMs;
      for (let call = 1; ; call++) {
        let retryAfterMs: number | undefined;
        try {
          const throttled = await attempt(body);
          if (throttled === undefined) return;
          retryAfterMs = throttled.retryAfterMs;
          if (call >= options.attempts) throw new TelegramSendError('sendMessage: Bot API answered 429', { retriable: true });
        } catch (error) {
          if (!(error instanceof TelegramSendError) || !error.retriable || call >= options.attempts) throw error;
        }
        await delay(retryAfterMs ?? wait);
        wait *= 2;
      }
    },
  };
}
export type TelegramClient = ReturnType<typeof createTelegramClient>;
