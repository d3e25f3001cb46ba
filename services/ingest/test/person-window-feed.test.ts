import { AppealReceived } from '@priemnaya/contracts';
import { createTeardown, createTestKafka, collectTopics, silentLogger, uniqueName, waitFor, type Teardown } from '@priemnaya/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createPersonWindow } from '../src/domain/person-window.js';
import { createPersonWindowFeed } from '../src/entry-points/kafka/person-window-feed.js';
import { aSubmission, dropDatabase, infra, postAppeal, startIngest, type Acknowledgement } from './support/ingest-harness.js';

const person = { name: 'Лебедева Ирина Павловна', phone: '+7 921 555-44-33', email: 'lebedeva@example.org' };

/** Topics and a database of their own, a way to start ingest replicas on them, and a reader of appeals.received. */
async function windowScenario(teardown: Teardown, label: string) {
  const testKafka = teardown.add(await createTestKafka(infra, [], label), (it) => it.dispose());
  const dbName = teardown.add(uniqueName('ingest'), dropDatabase);
  const start = async () => teardown.add(await startIngest({ ...testKafka, dbName, registryUrl: 'http://127.0.0.1:9' }), (it) => it.close());
  const received = teardown.add(await collectTopics(testKafka.kafka, [testKafka.names.of('appeals.received')]), (it) => it.stop());
  return { testKafka, start, received };
}

/** Two ingest replicas on the same topics and database, as a deployment runs them. */
describe('the person window across ingest replicas (appeals.received)', () => {
  const teardown = createTeardown();
  afterAll(() => teardown.run());

  it('an appeal registered by one replica is a repeat for another, including one that starts later and reads the window from the topic', async () => {
    const { start, received } = await windowScenario(teardown, 'ingest-window');
    const [first, second] = [await start(), await start()];

    const original = (
      await postAppeal(first.app, aSubmission('first', { author: person, text: 'Во дворе дома 3 на Лесной улице сломаны качели и скамейки на детской площадке.' }))
    ).json<Acknowledgement>();
    // The other replica learns of it from the topic, not from the database.
    await received.waitForAppeal(original.id);
    const repeat = await waitFor(
      async () => {
        const response = (await postAppeal(second.app, aSubmission(`repeat ${Date.now()}`, { author: person, text: 'Детская площадка у дома 3 по Лесной: сломаны качели и скамейки, прошу починить.' }))).json<Acknowledgement>();
        const [message] = await received.waitForAppeal(response.id);
        const appeal = AppealReceived.parse(message?.value);
        return appeal.screening.some((finding) => finding.flag === 'repeat') ? appeal : undefined;
      },
      { description: 'a repeat flagged by the second replica', timeoutMs: 15_000 },
    );
    expect(repeat.screening.find((finding) => finding.flag === 'repeat')?.relatedAppealIds).toContain(original.id);

    const late = await start();
    const lateRepeat = (
      await postAppeal(late.app, aSubmission('late', { author: { ...person, phone: '89215554433' }, text: 'Сломаны качели и скамейки на детской площадке во дворе дома 3 на Лесной, прошу ремонт.' }))
    ).json<Acknowledgement>();
    const [message] = await received.waitForAppeal(lateRepeat.id);
    expect(AppealReceived.parse(message?.value).screening.find((finding) => finding.flag === 'repeat')?.relatedAppealIds).toContain(original.id);
  });
});

/**
 * kafkajs forgets where a consumer was sought when it starts it again: after a failed first join
 * (a broker just started), a retriable crash, or the broker being away. The feed commits nothing,
 * so it must seek again on every join, or it would go on from the topic's end and miss what was
 * registered while it was down.
 */
describe('the person window feed when its consumer is started again', () => {
  const teardown = createTeardown();
  afterAll(() => teardown.run());

  it('after a crash while reading an appeal, reads that appeal and those registered while it was down, and nothing is doubled', async () => {
    const { testKafka, start, received } = await windowScenario(teardown, 'ingest-window-restart');
    const ingest = await start();
    const post = async (marker: string, author: typeof person) => {
      const acknowledgement = (await postAppeal(ingest.app, aSubmission(marker, { author, text: `Прошу отремонтировать освещение во дворе дома ${marker} на Садовой улице.` }))).json<Acknowledgement>();
      await received.waitForAppeal(acknowledgement.id);
      return acknowledgement.id;
    };

    const before = await post('1', person);
    const windowMs = 24 * 60 * 60 * 1000;
    const window = createPersonWindow({ windowMs, clock: () => new Date() });
    const added: string[] = [];
    let crashOnNext = false;
    const feed = createPersonWindowFeed({
      ...testKafka,
      windowMs,
      clock: () => new Date(),
      logger: silentLogger,
      onFatal: (error) => expect.unreachable(`the feed gave up: ${String(error)}`),
      window: {
        ...window,
        add(keys, appeal) {
          if (crashOnNext && !added.includes(appeal.appealId)) {
            crashOnNext = false;
            // What kafkajs throws when the broker goes away while the consumer commits or joins.
            throw Object.assign(new Error('Failed to find group coordinator'), { name: 'KafkaJSGroupCoordinatorNotFound', retriable: false });
          }
          added.push(appeal.appealId);
          window.add(keys, appeal);
        },
      },
    });
    teardown.add(feed, (it) => it.stop());
    await feed.start();
    await waitFor(() => feed.ready(), { description: 'the window loaded', timeoutMs: 30_000 });
    expect(added).toEqual([before]);

    // The crash comes on the first reading of either new appeal; the other is registered just
    // after the first, mostly while the consumer waits to start again (at least a second). They
    // may go to different partitions, so their order in the window is not fixed.
    crashOnNext = true;
    const crashing = await post('2', { ...person, phone: '+7 921 000-00-02', email: 'two@example.org', name: 'Орлов Пётр Ильич' });
    const during = await post('3', { ...person, phone: '+7 921 000-00-03', email: 'three@example.org', name: 'Соколова Анна Юрьевна' });
    await waitFor(() => added.includes(crashing) && added.includes(during), { description: 'both appeals in the window', timeoutMs: 60_000 });
    expect(crashOnNext).toBe(false);
    expect(added).toHaveLength(3);
    expect([...added].sort()).toEqual([before, crashing, during].sort());
  }, 120_000);
});
