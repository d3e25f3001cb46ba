import { randomInt } from 'node:crypto';
import { AppealReceived } from '@priemnaya/contracts';
import type { FastifyInstance } from 'fastify';
import { waitFor } from '@priemnaya/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from 'vitest';
import type { ChatConfig } from '../src/entry-points/http/chat/chat-routes.js';
import type { TelegramUpdate } from '../src/entry-points/http/chat/telegram-update.js';
import { FAKE_BOT_TOKEN, startFakeTelegramApi, type FakeTelegramApi } from './support/fake-telegram-api.js';
import { type IngestContext, startIngest, startIngestScenarioEach } from './support/ingest-harness.js';
import { startRegistryStub, type RegistryStub } from './support/registry-stub.js';

const SECRET = 'webhook-secret-of-the-test-bot';
const QUESTION = 'На остановке «Школа № 3» сломан навес, прошу починить до зимы';
const REGISTRATION_NUMBER = /\d{5}\/\d{4}/;

/** A visitor's private chat with the bot, sending Update objects as Telegram does, each with a new update_id. */
function telegramChat(app: FastifyInstance) {
  const chatId = randomInt(1, 2 ** 40);
  let updateId = randomInt(1, 2 ** 30);
  let messageId = 0;
  const update = (text: string): TelegramUpdate => ({
    update_id: ++updateId,
    message: {
      message_id: ++messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: 'private' },
      from: { id: chatId, is_bot: false, first_name: 'Анна', last_name: 'Котова' },
      text,
    },
  });
  const deliver = (body: unknown, secret: string | null = SECRET) =>
    app.inject({ method: 'POST', url: '/v1/telegram/webhook', payload: body as object, headers: secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret } });
  return {
    chatId,
    update,
    deliver,
    async say(text: string): Promise<TelegramUpdate> {
      const sent = update(text);
      const response = await deliver(sent);
      if (response.statusCode !== 200) throw new Error(`webhook answered ${response.statusCode}: ${response.body}`);
      return sent;
    },
  };
}

describe.concurrent('POST /v1/telegram/webhook', () => {
  let registry: RegistryStub;
  let telegram: FakeTelegramApi;
  const chatConfig = (): ChatConfig => ({
    telegram: { botToken: FAKE_BOT_TOKEN, webhookSecret: SECRET, apiBaseUrl: telegram.baseUrl, sendTimeoutMs: 2_000, sendAttempts: 2, sendBackoffMs: 10 },
  });

  beforeAll(async () => {
    registry = await startRegistryStub();
    telegram = await startFakeTelegramApi();
  });
  afterAll(async () => {
    await telegram.close();
    await registry.close();
  });
  beforeEach<IngestContext>(startIngestScenarioEach(() => registry.url, () => ({ chat: chatConfig() })));
  afterEach<IngestContext>(({ teardown }) => teardown.run());

  it<IngestContext>('when a visitor goes through the conversation and confirms, replies through sendMessage with the registration number and publishes the appeal with channel telegram', async ({ scenario, expect }) => {
    const chat = telegramChat(scenario.ingest.app);
    await chat.say('/start');
    expect(telegram.sentTo(chat.chatId).at(-1)?.text).toContain('Здравствуйте');
    await chat.say(QUESTION);
    // The profile name is offered as a button.
    expect(telegram.sentTo(chat.chatId).at(-1)?.reply_markup?.keyboard).toEqual([[{ text: 'Котова Анна' }]]);
    await chat.say('Котова Анна');
    await chat.say('anna@example.org');
    expect(telegram.sentTo(chat.chatId).at(-1)?.text).toContain(QUESTION);
    await chat.say('Да');

    const confirmation = telegram.sentTo(chat.chatId).at(-1)?.text ?? '';
    expect(confirmation).toMatch(REGISTRATION_NUMBER);
    expect(await appealNumbered(scenario, confirmation)).toMatchObject({
      channel: 'telegram',
      externalId: `${chat.chatId}:1`,
      text: QUESTION,
      author: { name: 'Котова Анна', email: 'anna@example.org' },
    });
  });

  it<IngestContext>('when the secret token is wrong or missing, answers 401 and neither handles nor replies', async ({ scenario, expect }) => {
    const chat = telegramChat(scenario.ingest.app);
    const wrong = await chat.deliver(chat.update('/start'), 'not-the-secret');
    const missing = await chat.deliver(chat.update('/start'), null);
    expect(wrong.statusCode).toBe(401);
    expect(missing.statusCode).toBe(401);
    expect(telegram.callsFor(chat.chatId)).toBe(0);
    // Nothing was stored: the next real message still opens a new conversation.
    await chat.say(QUESTION);
    expect(telegram.sentTo(chat.chatId).at(-1)?.text).toContain('фамилию и имя');
  });

  it<IngestContext>('when an update is redelivered, neither registers twice nor replies twice', async ({ scenario, expect }) => {
    const chat = telegramChat(scenario.ingest.app);
    for (const text of [QUESTION, 'Котова Анна', '+7 900 765-43-21', 'Пропустить']) await chat.say(text);
    const confirm = await chat.say('да');
    const repliesBefore = telegram.sentTo(chat.chatId).length;
    expect((await chat.deliver(confirm)).statusCode).toBe(200);
    expect(telegram.sentTo(chat.chatId)).toHaveLength(repliesBefore);

    // Confirmed again under a new update: the same number, still one appeal.
    await chat.say('да');
    const numbers = telegram.sentTo(chat.chatId).slice(-2).map((sent) => REGISTRATION_NUMBER.exec(sent.text)?.[0]);
    expect(numbers[0]).toBeDefined();
    expect(numbers[1]).toBe(numbers[0]);
    expect(await appealsPublished(scenario)).toBe(1);
  });

  it<IngestContext>('when sendMessage fails after the appeal is registered, answers 503, and the redelivered update sends the number once Telegram recovers', async ({ scenario, expect }) => {
    const chat = telegramChat(scenario.ingest.app);
    for (const text of [QUESTION, 'Котова Анна', 'anna@example.org']) await chat.say(text);
    telegram.failFor(chat.chatId, 2); // both attempts of the first delivery
    const confirm = chat.update('Да');
    const failed = await chat.deliver(confirm);
    expect(failed.statusCode).toBe(503);
    expect(failed.headers['retry-after']).toBeDefined();
    expect(await appealsPublished(scenario)).toBe(1);

    const redelivered = await chat.deliver(confirm);
    expect(redelivered.statusCode).toBe(200);
    expect(telegram.sentTo(chat.chatId).at(-1)?.text).toMatch(REGISTRATION_NUMBER);
    expect(await appealsPublished(scenario)).toBe(1);
  });

  it<IngestContext>('when sendMessage fails once, retries within the same call and answers 200', async ({ scenario, expect }) => {
    const chat = telegramChat(scenario.ingest.app);
    telegram.failFor(chat.chatId, 1, 502);
    const response = await chat.deliver(chat.update('/start'));
    expect(response.statusCode).toBe(200);
    expect(telegram.callsFor(chat.chatId)).toBe(2);
    expect(telegram.sentTo(chat.chatId)).toHaveLength(1);
  });

  it<IngestContext>('when the update is of another kind, or from a group, acknowledges it and replies nothing', async ({ scenario, expect }) => {
    const chat = telegramChat(scenario.ingest.app);
    const edited = { update_id: randomInt(1, 2 ** 30), edited_message: { message_id: 1, date: 1, chat: { id: chat.chatId, type: 'private' }, text: 'x' } };
    const group = { ...chat.update(QUESTION), message: { ...chat.update(QUESTION).message, chat: { id: chat.chatId, type: 'group' } } };
    expect((await chat.deliver(edited)).statusCode).toBe(200);
    expect((await chat.deliver(group)).statusCode).toBe(200);
    expect(telegram.callsFor(chat.chatId)).toBe(0);
  });

  it<IngestContext>('when the body is not an Update, answers 400 naming the field', async ({ scenario, expect }) => {
    const response = await telegramChat(scenario.ingest.app).deliver({ message: { text: 'hi' } });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ fields: { field: string }[] }>().fields.map((field) => field.field)).toContain('update_id');
  });

  it<IngestContext>('when the per-client rate limit is low, still takes every update (Telegram shares its addresses)', async ({ scenario, teardown, expect }) => {
    const limited = teardown.add(
      await startIngest({ kafka: scenario.testKafka.kafka, names: scenario.testKafka.names, dbName: scenario.dbName, registryUrl: registry.url, rateLimitPerMinute: 1, chat: chatConfig() }),
      (it) => it.close(),
    );
    const chat = telegramChat(limited.app);
    const statuses = [];
    for (const text of ['/start', QUESTION, 'Котова Анна']) statuses.push((await chat.deliver(chat.update(text))).statusCode);
    expect(statuses).toEqual([200, 200, 200]);
  });
});

/** The appeal whose registration number the reply gives, once the collector has read it. */
function appealNumbered(scenario: IngestContext['scenario'], reply: string): Promise<AppealReceived> {
  const number = REGISTRATION_NUMBER.exec(reply)?.[0];
  return waitFor(() => scenario.received.messages.map((message) => AppealReceived.parse(message.value)).find((appeal) => appeal.registrationNumber === number), {
    description: `appeal ${number ?? '(no number in the reply)'} on appeals.received`,
  });
}

/** How many appeals are on appeals.received, counting everything produced before the call. */
async function appealsPublished(scenario: IngestContext['scenario']): Promise<number> {
  await scenario.received.readToEnd();
  return scenario.received.messages.length;
}
