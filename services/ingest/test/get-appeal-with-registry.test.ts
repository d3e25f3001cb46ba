import { randomUUID } from 'node:crypto';
import { AppealReceived, type AppealRouted } from '@priemnaya/contracts';
import { createPublisher } from '@priemnaya/kafka';
import { collectTopics, createTeardown, createTestKafka, uniqueName, waitFor } from '@priemnaya/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSubmission, dropDatabase, infra, postAppeal, startIngest, type Acknowledgement, type RunningIngest } from './support/ingest-harness.js';
import { startRealRegistry } from './support/real-registry.js';

/** Ingest and the real registry on the same topics: the status a citizen reads follows the events. */
describe('GET /v1/appeals/{id} with the registry running', () => {
  const teardown = createTeardown();
  let ingest: RunningIngest;
  let publish: (event: AppealRouted) => Promise<void>;
  let readReceived: (appealId: string) => Promise<AppealReceived>;

  beforeAll(async () => {
    const testKafka = teardown.add(await createTestKafka(infra, [], 'ingest-registry'), (it) => it.dispose());
    const registryUrl = await startRealRegistry(teardown, testKafka);

    const dbName = teardown.add(uniqueName('ingest'), dropDatabase);
    ingest = teardown.add(await startIngest({ ...testKafka, dbName, registryUrl }), (it) => it.close());
    const publisher = teardown.add(createPublisher(testKafka), (it) => it.disconnect());
    await publisher.connect();
    publish = (event) => publisher.publish([{ topic: 'appeals.events', payload: event }]);
    const received = teardown.add(await collectTopics(testKafka.kafka, [testKafka.names.of('appeals.received')]), (it) => it.stop());
    readReceived = async (appealId) => AppealReceived.parse((await received.waitForAppeal(appealId))[0]?.value);
  });
  afterAll(() => teardown.run());

  it('shows received, then routed with the unit once the router has decided', async () => {
    const acknowledgement = (await postAppeal(ingest.app, aSubmission('followed through the registry'))).json<Acknowledgement>();
    const getStatus = async () => (await ingest.app.inject({ method: 'GET', url: `/v1/appeals/${acknowledgement.id}` })).json<{ status: string; unit?: string }>();
    expect(await getStatus()).toMatchObject({ status: 'received' });

    const appeal = await readReceived(acknowledgement.id);
    await publish(routedToZhkh(appeal));

    const routed = await waitFor(async () => {
      const status = await getStatus();
      return status.status === 'routed' ? status : undefined;
    }, { description: 'the routed status through ingest' });
    expect(routed).toEqual({
      id: acknowledgement.id,
      registrationNumber: acknowledgement.registrationNumber,
      status: 'routed',
      description: 'Обращение передано исполнителю',
      unit: 'zhkh',
      topic: 'housing',
      receivedAt: appeal.receivedAt,
      updatedAt: new Date(Date.parse(appeal.receivedAt) + 1_000).toISOString(),
    });
  });

  it('GET /v1/appeals/{id}/history: shows the citizen registration, then the hand-over to a unit, in their words and without personal data', async () => {
    const submission = aSubmission('history for the citizen');
    const acknowledgement = (await postAppeal(ingest.app, submission)).json<Acknowledgement>();
    const getHistory = async () =>
      (await ingest.app.inject({ method: 'GET', url: `/v1/appeals/${acknowledgement.id}/history` })).json<{ history: { status: string; description: string }[] }>();
    expect((await getHistory()).history.map((entry) => entry.status)).toEqual(['received']);

    const appeal = await readReceived(acknowledgement.id);
    await publish(routedToZhkh(appeal));

    const history = await waitFor(async () => {
      const current = await getHistory();
      return current.history.length === 2 ? current : undefined;
    }, { description: 'the routed step in the history' });
    expect(history.history).toEqual([
      { status: 'received', description: 'Обращение зарегистрировано', at: appeal.receivedAt },
      { status: 'routed', description: 'Обращение передано исполнителю', at: new Date(Date.parse(appeal.receivedAt) + 1_000).toISOString() },
    ]);
    const body = JSON.stringify(history);
    for (const personal of [submission.author.name, submission.author.email, submission.text]) expect(body).not.toContain(personal);
  });
});

/** What the router publishes when it routes the appeal to zhkh, a second after it was received. */
function routedToZhkh(appeal: AppealReceived): AppealRouted {
  return {
    version: 1,
    type: 'appeal.routed',
    eventId: randomUUID(),
    appealId: appeal.appealId,
    registrationNumber: appeal.registrationNumber,
    occurredAt: new Date(Date.parse(appeal.receivedAt) + 1_000).toISOString(),
    channel: appeal.channel,
    receivedAt: appeal.receivedAt,
    topic: 'housing',
    unit: 'zhkh',
    reason: { kind: 'keyword-rule', ruleId: 'sample-housing', matchedTerms: ['фонар'] },
  };
}
