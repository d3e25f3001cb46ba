import Fastify from 'fastify';

export const FAKE_BOT_TOKEN = '123456:TEST-token_for-the-fake-bot-api';

export interface SentMessage {
  chat_id: number;
  text: string;
  reply_markup?: { keyboard?: { text: string }[][]; remove_keyboard?: boolean };
}

export interface FakeTelegramApi {
  /** What TELEGRAM_API_BASE_URL is set to. */
  baseUrl: string;
  /** Every sendMessage the fake accepted, in order. */
  sent: SentMessage[];
  /** Messages accepted for one chat. */
  sentTo(chatId: number): SentMessage[];
  /** sendMessage calls for one chat, the failed ones included. */
  callsFor(chatId: number): number;
  /** The next `count` sendMessage calls for the chat fail with `status` (as Telegram says it, in the body too). */
  failFor(chatId: number, count: number, status?: number): void;
  close(): Promise<void>;
}

/**
 * A local Bot API: a real HTTP server answering `POST /bot<token>/sendMessage` as Telegram does
 * (`{ok, result}` or `{ok: false, error_code, description}`), recording what it accepts and
 * failing on demand per chat, so concurrent tests do not disturb each other.
 */
export async function startFakeTelegramApi(token = FAKE_BOT_TOKEN): Promise<FakeTelegramApi> {
  const app = Fastify();
  const sent: SentMessage[] = [];
  const calls = new Map<number, number>();
  const failures = new Map<number, { count: number; status: number }>();
  let nextMessageId = 1;

  app.post<{ Params: { bot: string }; Body: SentMessage }>('/:bot/sendMessage', async (request, reply) => {
    if (request.params.bot !== `bot${token}`) return reply.status(401).send({ ok: false, error_code: 401, description: 'Unauthorized' });
    const message = request.body;
    calls.set(message.chat_id, (calls.get(message.chat_id) ?? 0) + 1);
    const failure = failures.get(message.chat_id);
    if (failure !== undefined && failure.count > 0) {
      failure.count -= 1;
      return reply.status(failure.status).send({ ok: false, error_code: failure.status, description: 'Failing on demand' });
    }
    if (typeof message.text !== 'string' || message.text.length === 0 || message.text.length > 4096) {
      return reply.status(400).send({ ok: false, error_code: 400, description: 'Bad Request: message text is empty or too long' });
    }
    sent.push(message);
    return { ok: true, result: { message_id: nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: message.chat_id, type: 'private' }, text: message.text } };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the fake Bot API is not listening on a port');

  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    sent,
    sentTo: (chatId) => sent.filter((message) => message.chat_id === chatId),
    callsFor: (chatId) => calls.get(chatId) ?? 0,
    failFor(chatId, count, status = 500) {
      failures.set(chatId, { count, status });
    },
    close: () => app.close(),
  };
}
