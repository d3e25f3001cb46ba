import { randomUUID } from 'node:crypto';
import type { AppealEvent, AppealReceived, CitizenNotification } from '@priemnaya/contracts';
import { connectDatabase, type Database } from '@priemnaya/database';
import { createPublisher, ensureTopics, type Publisher } from '@priemnaya/kafka';
import {
  collectTopics,
  createTeardown,
  createTestKafka,
  deleteTopics,
  testInfra,
  testLogger,
  type TestKafka,
  type TopicCollector,
  uniqueName,
  waitForCaughtUp,
} from '@priemnaya/testing';
import { buildNotifierService, type NotifierService } from '../../src/app.js';

export const infra = testInfra();

export type OnTestFinished = (cleanup: () => Promise<void>) => void;

export interface NotifierScenario {
  testKafka: TestKafka;
  publisher: Publisher;
  database: Database;
  /** Everything on notifications.outbound, read from the beginning. */
  notifications: TopicCollector;
  /** A notifier on the scenario's database; the group is the scenario's unless another is named. */
  startNotifier(groupId?: string, options?: NotifierOptions): Promise<NotifierService>;
  /** Waits until the group has applied everything the appeal topics hold now. */
  caughtUp(groupId?: string): Promise<void>;
  notificationsOf(appealId: string): CitizenNotification[];
}

export interface NotifierOptions {
  /** The notifier's clock (its first start is recorded by it); the machine's unless given. */
  clock?: () => Date;
  /** NOTIFY_SINCE. */
  notifySince?: Date;
  /** NOTIFY_GRACE_MS; 24 h unless given. */
  graceMs?: number;
}

/** Topics and a database of the test's own; everything removed when it finishes. */
export async function startNotifierScenario(onTestFinished: OnTestFinished): Promise<NotifierScenario> {
  const teardown = createTeardown();
  onTestFinished(() => teardown.run());
  const testKafka = await createTestKafka(infra, [], 'notifier');
  teardown.add(testKafka, (it) => deleteTopics(it.kafka, it.prefix));
  const outbound = testKafka.names.of('notifications.outbound');
  await ensureTopics(testKafka.kafka, [outbound, testKafka.names.deadLetter(outbound)].map((name) => ({ name, partitions: 2, replicationFactor: infra.replicationFactor })));
  const database = teardown.add(await connectDatabase(infra.mongoUrl, uniqueName('notifier')), async (it) => {
    await it.db.dropDatabase();
    await it.close();
  });
  const publisher = teardown.add(createPublisher({ kafka: testKafka.kafka, names: testKafka.names }), (it) => it.disconnect());
  await publisher.connect();
  const notifications = teardown.add(await collectTopics(testKafka.kafka, [outbound]), (it) => it.stop());
  const defaultGroup = uniqueName('notifier');
  const running = teardown.add<NotifierService[]>([], (list) => Promise.all(list.map((notifier) => notifier.stop())));
  const appealTopics = [testKafka.names.of('appeals.received'), testKafka.names.of('appeals.events')];
  return {
    testKafka,
    publisher,
    database,
    notifications,
    async startNotifier(groupId = defaultGroup, options = {}) {
      const notifier = await buildNotifierService({
        kafka: testKafka.kafka,
        names: testKafka.names,
        groupId,
        logger: testLogger(),
        database,
        timeZone: 'Europe/Moscow',
        graceMs: options.graceMs ?? 86_400_000,
        ...(options.clock !== undefined ? { clock: options.clock } : {}),
        ...(options.notifySince !== undefined ? { notifySince: options.notifySince } : {}),
      });
      running.push(notifier);
      await notifier.start();
      return notifier;
    },
    caughtUp: (groupId = defaultGroup) => waitForCaughtUp(testKafka.kafka, groupId, appealTopics),
    notificationsOf: (appealId) => notifications.messages.map((message) => message.value as CitizenNotification).filter((notification) => notification.appealId === appealId),
  };
}

let sequence = 0;

export function aReceivedAppeal(overrides: Partial<AppealReceived> = {}): AppealReceived {
  sequence += 1;
  return {
    version: 2,
    appealId: randomUUID(),
    registrationNumber: `${String(sequence).padStart(5, '0')}/2026`,
    channel: 'chat',
    kind: 'appeal',
    externalId: `conversation-${randomUUID()}`,
    // A minute ago: after the cut-off of a notifier started now (its grace is a day).
    receivedAt: new Date(Date.now() - 60_000).toISOString(),
    author: { name: 'Петров Пётр Петрович', email: 'petrov@example.org' },
    text: 'Во дворе дома 5 не горит фонарь',
    attachments: [],
    raw: { format: 'json', body: {} },
    screening: [],
    ...overrides,
  };
}

function workBase(appeal: AppealReceived, occurredAt = new Date().toISOString()) {
  return {
    version: 1 as const,
    eventId: randomUUID(),
    appealId: appeal.appealId,
    registrationNumber: appeal.registrationNumber,
    occurredAt,
    channel: appeal.channel,
    receivedAt: appeal.receivedAt,
    by: 'executor-1',
    unit: 'zhkh',
  };
}

/** Forwarding, an extension, an internal step and the answer: three of them the citizen hears of. */
export function lifeOf(appeal: AppealReceived, occurredAt?: string): AppealEvent[] {
  return [
    { ...workBase(appeal, occurredAt), type: 'appeal.accepted' },
    { ...workBase(appeal, occurredAt), type: 'appeal.extension-approved', requestId: randomUUID(), days: 30, why: 'нужен выезд на место' },
    { ...workBase(appeal, occurredAt), type: 'appeal.forwarded', authority: { name: 'Прокуратура Курской области' } },
    { ...workBase(appeal, occurredAt), type: 'appeal.answered', answer: { text: 'Фонарь заменён.', inSubstance: true, attachments: [] } },
  ];
}
