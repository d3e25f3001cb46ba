import { AppealReceived } from '@priemnaya/contracts';
import { createTeardown, createTestKafka, collectTopics, uniqueName, waitFor } from '@priemnaya/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { aSubmission, dropDatabase, infra, postAppeal, startIngest, type Acknowledgement } from './support/ingest-harness.js';

const person = { name: 'Лебедева Ирина Павловна', phone: '+7 921 555-44-33', email: 'lebedeva@example.org' };

/** Two ingest replicas on the same topics and database, as a deployment runs them. */
describe('the person window across ingest replicas (appeals.received)', () => {
  const teardown = createTeardown();
  afterAll(() => teardown.run());

  it('an appeal registered by one replica is a repeat for another, including one that starts later and reads the window from the topic', async () => {
    const testKafka = teardown.add(await createTestKafka(infra, [], 'ingest-window'), (it) => it.dispose());
    const dbName = teardown.add(uniqueName('ingest'), dropDatabase);
    const start = async () => teardown.add(await startIngest({ ...testKafka, dbName, registryUrl: 'http://127.0.0.1:9' }), (it) => it.close());
    const received = teardown.add(await collectTopics(testKafka.kafka, [testKafka.names.of('appeals.received')]), (it) => it.stop());
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
