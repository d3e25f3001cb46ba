import { randomInt, randomUUID } from 'node:crypto';
import type { CitizenNotification } from '@priemnaya/contracts';
import { connectDatabase } from '@priemnaya/database';
import { createPublisher, ensureTopics } from '@priemnaya/kafka';
import { createTeardown, createTestKafka, testLogger, uniqueName, waitFor, type Teardown } from '@priemnaya/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIngest, PUBLISH_RETRY, type NotificationDeliveryConfig } from '../src/app.js';
import { createRegistryClient } from '../src/data-access/registry-client.js';
import { FAKE_BOT_TOKEN, startFakeTelegramApi, type FakeTelegramApi } from './support/fake-telegram-api.js';
import { CITY_TIME_ZONE, dropDatabase, infra } from './support/ingest-harness.js';
import { startRegistryStub, type RegistryStub } from './support/registry-stub.js';

interface OutboxAnswer {
  messages: { id: string; cursor: string; kind: string; registrationNumber: string; text: string; answerText?: string }[];
  nextCursor?: string;
}

/** Ingest with notification delivery on, topics and a database of its own, and a way to produce notifications. */
async function startDelivery(teardown: Teardown, registryUrl: string, telegram: NotificationDeliveryConfig['telegram']) {
  const testKafka = teardown.add(await createTestKafka(infra, [], 'ingest-notify'), (it) => it.dispose());
  const outbound = testKafka.names.of('notifications.outbound');
  await ensureTopics(testKafka.kafka, [outbound, testKafka.names.deadLetter(outbound)].map((name) => ({ name, partitions: 2, replicationFactor: infra.replicationFactor })));
  const dbName = teardown.add(uniqueName('ingest-notify'), dropDatabase);
  const database = teardown.add(await connectDatabase(infra.mongoUrl, dbName), (it) => it.close());
  const publisher = teardown.add(createPublisher({ kafka: testKafka.kafka, names: testKafka.names, retry: PUBLISH_RETRY }), (it) => it.disconnect());
  await publisher.connect();
  const ingest = await buildIngest({
    logger: testLogger(),
    appealsFeed: { kafka: testKafka.kafka, names: testKafka.names },
    database,
    publisher,
    registry: createRegistryClient(registryUrl),
    timeZone: CITY_TIME_ZONE,
    rateLimitPerMinute: 100_000,
    notifications: { groupId: uniqueName('ingest-notifications'), ...(telegram ? { telegram } : {}) },
  });
  teardown.add(ingest, async (it) => {
    await it.http.close();
    await it.stop();
  });
  await ingest.start();
  await waitFor(async () => (await ingest.http.inject({ method: 'GET', url: '/readyz' })).statusCode === 200, { description: 'ingest ready' });
  return {
    app: ingest.http,
    database,
    notify: (notifications: CitizenNotification[]) => publisher.publish(notifications.map((payload) => ({ topic: 'notifications.outbound' as const, payload }))),
  };
}

function aNotification(overrides: Partial<CitizenNotification>): CitizenNotification {
  return {
    version: 1,
    notificationId: randomUUID(),
    appealId: randomUUID(),
    registrationNumber: '12345/2026',
    channel: 'chat',
    kind: 'registered',
    occurredAt: '2026-11-23T08:00:00.000Z',
    contacts: { name: 'Котова Анна', email: 'kotova@example.org' },
    message: 'Ваше обращение № 12345/2026 зарегистрировано 23.11.2026.',
    ...overrides,
  };
}

async function readOutbox(app: FastifyInstance, conversationId: string, after?: string): Promise<OutboxAnswer> {
  const response = await app.inject({ method: 'GET', url: `/v1/chat/conversations/${conversationId}/messages${after === undefined ? '' : `?after=${after}`}` });
  expect(response.statusCode).toBe(200);
  return response.json<OutboxAnswer>();
}

describe('topic notifications.outbound → the chat widget and the Telegram bot', () => {
  let registry: RegistryStub;
  let telegram: FakeTelegramApi;
  beforeAll(async () => {
    registry = await startRegistryStub();
    telegram = await startFakeTelegramApi();
  });
  afterAll(async () => {
    await telegram.close();
    await registry.close();
  });

  it('a widget appeal\'s notifications wait in its conversation, once each, in order, for that conversation only', async ({ onTestFinished }) => {
    const teardown = createTeardown();
    onTestFinished(() => teardown.run());
    const { app, notify } = await startDelivery(teardown, registry.url, undefined);
    const conversationId = randomUUID();
    const appealId = randomUUID();
    const registered = aNotification({ appealId, externalId: conversationId });
    const answered = aNotification({
      appealId,
      externalId: conversationId,
      kind: 'answered',
      message: 'Дан ответ на Ваше обращение № 12345/2026 от 23.11.2026:\n\nФонарь заменён.',
      answer: { text: 'Фонарь заменён.', inSubstance: true, attachments: [] },
    });
    await notify([registered]);
    // Redelivered, as the notifier may after a crash: the same id.
    await notify([registered, answered]);

    const first = await waitFor(async () => {
      const outbox = await readOutbox(app, conversationId);
      return outbox.messages.length >= 2 && outbox;
    }, { description: 'two messages in the outbox' });
    expect(first.messages.map((message) => [message.id, message.kind])).toEqual([[registered.notificationId, 'registered'], [answered.notificationId, 'answered']]);
    expect(first.messages[1]?.answerText).toBe('Фонарь заменён.');
    expect(first.nextCursor).toBe(first.messages[1]?.cursor);

    // A later appeal of the same conversation (`<id>:2`) comes to the same conversation.
    const second = aNotification({ externalId: `${conversationId}:2`, kind: 'forwarded', message: 'Ваше обращение № 12346/2026 направлено по компетенции.' });
    await notify([second]);
    const later = await waitFor(async () => {
      const outbox = await readOutbox(app, conversationId, first.nextCursor);
      return outbox.messages.length >= 1 && outbox;
    }, { description: 'the newer message after the cursor' });
    expect(later.messages.map((message) => message.id)).toEqual([second.notificationId]);
    expect((await readOutbox(app, conversationId)).messages).toHaveLength(3);

    // Another conversation's id sees nothing of this one.
    expect((await readOutbox(app, randomUUID())).messages).toEqual([]);
  });

  it('GET with a malformed conversation id or cursor answers 400 naming the field; the route is in the OpenAPI document', async ({ onTestFinished }) => {
    const teardown = createTeardown();
    onTestFinished(() => teardown.run());
    const { app } = await startDelivery(teardown, registry.url, undefined);
    const short = await app.inject({ method: 'GET', url: '/v1/chat/conversations/short/messages' });
    expect(short.statusCode).toBe(400);
    expect(short.json<{ fields: { field: string }[] }>().fields[0]?.field).toBe('conversationId');
    const cursor = await app.inject({ method: 'GET', url: `/v1/chat/conversations/${randomUUID()}/messages?after=yesterday` });
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json<{ fields: { field: string }[] }>().fields[0]?.field).toBe('after');
    const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, { get?: { parameters?: { name: string }[] } }> }>();
    expect(document.paths['/v1/chat/conversations/{conversationId}/messages']?.get?.parameters?.map((parameter) => parameter.name)).toEqual(['conversationId', 'after']);
  });

  it('a Telegram appeal\'s notification is sent to its chat once, after Telegram fails for a while', async ({ onTestFinished }) => {
    const teardown = createTeardown();
    onTestFinished(() => teardown.run());
    const { notify, database } = await startDelivery(teardown, registry.url, { botToken: FAKE_BOT_TOKEN, apiBaseUrl: telegram.baseUrl, sendTimeoutMs: 2_000, sendAttempts: 2, sendBackoffMs: 10 });
    const chatId = randomInt(1, 2 ** 40);
    telegram.failFor(chatId, 3, 502);
    const notification = aNotification({ channel: 'telegram', externalId: `${chatId}:1`, kind: 'extended', extension: { days: 30 }, message: 'Срок рассмотрения Вашего обращения № 12345/2026 продлён на 30 дней.' });
    await notify([notification, notification]);
    await waitFor(() => telegram.sentTo(chatId).length >= 1, { description: 'the message sent' });
    await waitFor(async () => (await database.db.collection('notification_outcomes').findOne({ _id: notification.notificationId as never })) !== null, { description: 'the outcome recorded' });
    expect(telegram.sentTo(chatId).map((message) => message.text)).toEqual([notification.message]);
    expect(telegram.callsFor(chatId)).toBe(4);

    // Redelivered after it was sent: nothing more goes to the chat.
    const marker = aNotification({ channel: 'telegram', appealId: notification.appealId, externalId: `${chatId}:1`, message: 'Ваше обращение № 12345/2026 зарегистрировано 23.11.2026.' });
    await notify([notification, marker]);
    await waitFor(() => telegram.sentTo(chatId).length >= 2, { description: 'the marker sent' });
    expect(telegram.sentTo(chatId).map((message) => message.text)).toEqual([notification.message, marker.message]);
  });

  it('without a bot token, a Telegram notification is recorded undeliverable and nothing is sent', async ({ onTestFinished }) => {
    const teardown = createTeardown();
    onTestFinished(() => teardown.run());
    const { notify, database } = await startDelivery(teardown, registry.url, undefined);
    const chatId = randomInt(1, 2 ** 40);
    const notification = aNotification({ channel: 'telegram', externalId: `${chatId}:1` });
    await notify([notification]);
    const outcome = await waitFor(() => database.db.collection('notification_outcomes').findOne({ _id: notification.notificationId as never }), { description: 'the outcome recorded' });
    expect(outcome).toMatchObject({ outcome: 'undeliverable', reason: 'telegram-disabled' });
    expect(telegram.callsFor(chatId)).toBe(0);
  });

  it('a long answer goes to Telegram whole, as consecutive messages of at most 4096 characters, each sent once across a crash', async ({ onTestFinished }) => {
    const teardown = createTeardown();
    onTestFinished(() => teardown.run());
    const { notify, database } = await startDelivery(teardown, registry.url, { botToken: FAKE_BOT_TOKEN, apiBaseUrl: telegram.baseUrl, sendTimeoutMs: 2_000, sendAttempts: 2, sendBackoffMs: 10 });
    const heading = 'Дан ответ на Ваше обращение № 12345/2026 от 23.11.2026:';
    const answerText = Array.from({ length: 40 }, (_, index) => `${index + 1}. ${'Работы по замене опор освещения выполнены подрядчиком. '.repeat(5).trim()}`).join('\n\n');
    const answer = (chatId: number) =>
      aNotification({
        channel: 'telegram',
        externalId: `${chatId}:1`,
        kind: 'answered',
        // As the notifier words a long answer: its beginning, and a word on the written copy.
        message: `${heading}\n\n${answerText.slice(0, 3_800)}…\n\nПолный текст ответа направлен Вам в письменной форме.`,
        answer: { text: answerText, inSubstance: true, attachments: [] },
      });

    const chatId = randomInt(1, 2 ** 40);
    const notification = answer(chatId);
    await notify([notification, notification]);
    await waitFor(async () => (await database.db.collection('notification_outcomes').findOne({ _id: notification.notificationId as never })) !== null, { description: 'the outcome recorded' });
    const sent = telegram.sentTo(chatId).map((message) => message.text);
    expect(sent.length).toBeGreaterThan(2);
    expect(sent.every((text) => text.length <= 4096)).toBe(true);
    expect(sent[0]?.startsWith(`${heading}\n\n1. `)).toBe(true);
    expect(sent.join('\n\n')).toBe(`${heading}\n\n${answerText}`);
    expect(sent.some((text) => text.includes('письменной форме'))).toBe(false);

    // Another chat, where ingest died after sending the first part: the redelivery sends the rest.
    const otherChat = randomInt(1, 2 ** 40);
    const interrupted = answer(otherChat);
    const parts = sent.length;
    await database.db.collection<{ _id: string; appealId: string; claimedAt: Date }>('notification_claims').insertMany([
      { _id: interrupted.notificationId, appealId: interrupted.appealId, claimedAt: new Date() },
      { _id: `${interrupted.notificationId}:1/${parts}`, appealId: interrupted.appealId, claimedAt: new Date() },
    ]);
    await database.db
      .collection<{ _id: string; appealId: string; outcome: string; settledAt: Date }>('notification_outcomes')
      .insertOne({ _id: `${interrupted.notificationId}:1/${parts}`, appealId: interrupted.appealId, outcome: 'delivered', settledAt: new Date() });
    await notify([interrupted]);
    await waitFor(async () => (await database.db.collection('notification_outcomes').findOne({ _id: interrupted.notificationId as never })) !== null, { description: 'the outcome recorded' });
    expect(telegram.sentTo(otherChat).map((message) => message.text)).toEqual(sent.slice(1));
  });
});
