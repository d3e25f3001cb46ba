import { randomUUID } from 'node:crypto';
import { AppealReceived } from '@priemnaya/contracts';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from 'vitest';
import type { ChatAnswerResponse } from '../src/entry-points/http/chat/widget-routes.js';
import { cityYear, type ErrorResponse, type IngestContext, startIngestScenarioEach } from './support/ingest-harness.js';
import { startRegistryStub, type RegistryStub } from './support/registry-stub.js';

const QUESTION = 'У подъезда дома 12 по улице Мира разбит асфальт, прошу отремонтировать';

/** The site widget as it talks to ingest: one conversation, each message with its own id. */
function widget(app: FastifyInstance, conversationId = randomUUID()) {
  let counter = 0;
  return {
    conversationId,
    send: (text: string, messageId = `m-${++counter}`) =>
      app.inject({ method: 'POST', url: '/v1/chat/messages', payload: { conversationId, messageId, text } }),
    async say(text: string): Promise<ChatAnswerResponse> {
      const response = await this.send(text);
      if (response.statusCode !== 200) throw new Error(`chat answered ${response.statusCode}: ${response.body}`);
      return response.json<ChatAnswerResponse>();
    },
  };
}

describe.concurrent('POST /v1/chat/messages', () => {
  let registry: RegistryStub;

  beforeAll(async () => {
    registry = await startRegistryStub();
  });
  afterAll(() => registry.close());
  beforeEach<IngestContext>(startIngestScenarioEach(() => registry.url));
  afterEach<IngestContext>(({ teardown }) => teardown.run());

  it<IngestContext>('when the visitor answers every question and confirms, answers with the registration number and publishes the appeal with channel chat', async ({ scenario, expect }) => {
    const chat = widget(scenario.ingest.app);
    expect((await chat.say(QUESTION)).state).toBe('awaiting-name');
    expect((await chat.say('Сидоров Пётр')).state).toBe('awaiting-contact');
    const readBack = await chat.say('petr@example.org');
    expect(readBack.state).toBe('awaiting-confirmation');
    expect(readBack.replies.at(-1)?.options).toEqual(['Да', 'Нет']);

    const done = await chat.say('Да');
    expect(done.state).toBe('registered');
    expect(done.registration?.registrationNumber).toBe(`00001/${cityYear()}`);
    expect(done.replies[0]?.text).toContain(`00001/${cityYear()}`);

    const [message] = await scenario.received.waitForAppeal(done.registration?.id ?? '');
    expect(AppealReceived.parse(message?.value)).toMatchObject({
      channel: 'chat',
      kind: 'appeal',
      externalId: chat.conversationId,
      text: QUESTION,
      author: { name: 'Сидоров Пётр', email: 'petr@example.org' },
      raw: { format: 'json', body: { conversationId: chat.conversationId } },
    });
  });

  it<IngestContext>('when a message is resent with the same messageId, returns the first answer without moving the conversation on', async ({ scenario, expect }) => {
    const chat = widget(scenario.ingest.app);
    const first = await chat.send(QUESTION, 'question');
    const resent = await chat.send(QUESTION, 'question');
    expect(resent.statusCode).toBe(200);
    expect(resent.json<ChatAnswerResponse>()).toEqual(first.json<ChatAnswerResponse>());
    expect(resent.headers['idempotent-replayed']).toBe('true');
    expect((await chat.say('Сидоров Пётр')).state).toBe('awaiting-contact');
  });

  it<IngestContext>('when the confirmation is resent, or confirmed again at once under new ids, gives the same number, and every copy on the topic is that one appeal', async ({ scenario, expect }) => {
    const chat = widget(scenario.ingest.app);
    for (const text of [QUESTION, 'Сидоров Пётр', '+7 900 111-22-33', 'Пропустить']) await chat.say(text);
    const [confirmed, again, concurrent] = await Promise.all([chat.send('да', 'yes-1'), chat.send('да', 'yes-2'), chat.send('Да', 'yes-3')]);
    const resent = await chat.send('да', 'yes-1');

    const registration = confirmed.json<ChatAnswerResponse>().registration;
    expect(registration?.registrationNumber).toMatch(/^\d{5}\/\d{4}$/);
    expect(resent.json<ChatAnswerResponse>()).toEqual(confirmed.json<ChatAnswerResponse>());
    for (const answer of [again, concurrent].map((response) => response.json<ChatAnswerResponse>())) {
      expect(answer.state).toBe('registered');
      expect(answer.replies[0]?.text).toContain(registration?.registrationNumber ?? 'none');
    }
    const later = await widget(scenario.ingest.app).say(QUESTION); // a message of another conversation, after everything
    expect(later.state).toBe('awaiting-name');
    // Confirmations racing each other may each publish (the documented race of submitAppeal);
    // what matters is that every copy is the one appeal, with one number.
    await scenario.received.readToEnd();
    const copies = scenario.received.messages.map((message) => AppealReceived.parse(message.value));
    expect(new Set(copies.map((appeal) => `${appeal.appealId} ${appeal.registrationNumber}`))).toEqual(new Set([`${registration?.id} ${registration?.registrationNumber}`]));
  });

  it<IngestContext>('when the visitor tries to attach a file, says it cannot take it and asks the same question again', async ({ scenario, expect }) => {
    const response = await scenario.ingest.app.inject({
      method: 'POST',
      url: '/v1/chat/messages',
      payload: { conversationId: randomUUID(), messageId: 'file', text: '', attachments: [{ fileName: 'photo.jpg', contentType: 'image/jpeg' }] },
    });
    const answer = response.json<ChatAnswerResponse>();
    expect(answer.state).toBe('awaiting-question');
    expect(answer.replies[0]?.text).toContain('принять не могу');
  });

  it<IngestContext>('when the body is invalid, answers 400 naming the field and stores nothing', async ({ scenario, expect }) => {
    const response = await scenario.ingest.app.inject({ method: 'POST', url: '/v1/chat/messages', payload: { conversationId: 'short', messageId: 'x', text: 'привет' } });
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorResponse>().fields?.map((field) => field.field)).toEqual(['conversationId']);
  });

  it<IngestContext>('is described in the OpenAPI document with its request and answer schemas', async ({ scenario, expect }) => {
    const document = (await scenario.ingest.app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } }>();
    expect(document.paths['/v1/chat/messages']).toBeDefined();
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['ChatMessage', 'ChatAnswer']));
  });
});
