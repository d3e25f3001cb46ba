import { randomUUID } from 'node:crypto';
import { connectDatabase } from '@priemnaya/database';
import { createTeardown, uniqueName } from '@priemnaya/testing';
import { describe, expect, it } from 'vitest';
import { createChatOutboxRepository } from '../src/data-access/chat-outbox-repository.js';
import { dropDatabase, infra } from './support/ingest-harness.js';

function aMessage(text: string) {
  return { id: randomUUID(), kind: 'registered' as const, appealId: randomUUID(), registrationNumber: '12345/2026', text, occurredAt: new Date().toISOString() };
}

async function openOutbox(onTestFinished: (cleanup: () => Promise<void>) => void) {
  const teardown = createTeardown();
  onTestFinished(() => teardown.run());
  const dbName = teardown.add(uniqueName('ingest-outbox'), dropDatabase);
  return teardown.add(await connectDatabase(infra.mongoUrl, dbName), (it) => it.close());
}

describe.concurrent('the chat widget outbox (FerretDB)', () => {
  it('when a replica whose clock is behind stores a message after the widget read a newer one, the widget still gets it', async ({ onTestFinished }) => {
    const database = await openOutbox(onTestFinished);
    const ahead = createChatOutboxRepository(database.db, () => new Date());
    const behind = createChatOutboxRepository(database.db, () => new Date(Date.now() - 60_000));
    await ahead.ensureIndexes();
    const conversationId = randomUUID();
    const first = aMessage('первое');
    const second = aMessage('второе');

    expect(await ahead.add(conversationId, first)).toBe(true);
    const read = await ahead.listAfter(conversationId, undefined);
    expect(read.map((message) => message.id)).toEqual([first.id]);
    expect(await behind.add(conversationId, second)).toBe(true);

    const next = await ahead.listAfter(conversationId, Number(read.at(-1)?.cursor));
    expect(next.map((message) => message.id)).toEqual([second.id]);
  });

  it('when two replicas store messages of one conversation at once, each gets its own place, with no gaps, and a redelivery is stored once', async ({ onTestFinished }) => {
    const database = await openOutbox(onTestFinished);
    const replicas = [createChatOutboxRepository(database.db), createChatOutboxRepository(database.db)];
    const conversationId = randomUUID();
    const sent = Array.from({ length: 8 }, (_, index) => aMessage(`сообщение ${index}`));

    const added = await Promise.all(sent.map((message, index) => replicas[index % 2]!.add(conversationId, message)));
    expect(added.every(Boolean)).toBe(true);
    expect(await replicas[1]!.add(conversationId, sent[0]!)).toBe(false);

    const read = await replicas[0]!.listAfter(conversationId, undefined);
    expect(read.map((message) => message.cursor)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(new Set(read.map((message) => message.id))).toEqual(new Set(sent.map((message) => message.id)));
    expect(await replicas[0]!.listAfter(conversationId, 8)).toEqual([]);
    expect((await replicas[0]!.listAfter(conversationId, 5)).map((message) => message.cursor)).toEqual(['6', '7', '8']);
  });

  it('when ingest died between storing a message and marking it, the redelivery finds it and stores nothing more', async ({ onTestFinished }) => {
    const database = await openOutbox(onTestFinished);
    const outbox = createChatOutboxRepository(database.db);
    const conversationId = randomUUID();
    const message = aMessage('одно');
    expect(await outbox.add(conversationId, message)).toBe(true);
    await database.db.collection('chat_outbox_stored').deleteOne({ _id: message.id as never });

    expect(await createChatOutboxRepository(database.db).add(conversationId, message)).toBe(false);
    expect((await outbox.listAfter(conversationId, undefined)).map((stored) => stored.id)).toEqual([message.id]);
  });
});
