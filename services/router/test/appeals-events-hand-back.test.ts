import { randomUUID } from 'node:crypto';
import { AppealEvent, AppealTriaged, TaskAssigned, type AppealHandedBack, type AppealReceived } from '@priemnaya/contracts';
import { collectTopics, waitFor } from '@priemnaya/testing';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { anAppeal } from './support/appeals.js';
import { startRouterScenarioEach, type RouterContext, type RouterScenario } from './support/router-harness.js';

const HEATING = 'В подъезде нет отопления, батареи холодные';

function handBack(appeal: AppealReceived, suggestion: Partial<Pick<AppealHandedBack, 'suggestedTopic' | 'suggestedUnit'>>): AppealHandedBack {
  return {
    version: 1,
    eventId: randomUUID(),
    appealId: appeal.appealId,
    registrationNumber: appeal.registrationNumber,
    occurredAt: new Date().toISOString(),
    type: 'appeal.handed-back',
    channel: appeal.channel,
    receivedAt: appeal.receivedAt,
    by: 'executor-3',
    unit: 'zhkh',
    reason: 'the question is about the road, not the building',
    ...suggestion,
  };
}

async function routedToHousing(scenario: RouterScenario): Promise<AppealReceived> {
  const appeal = anAppeal(HEATING);
  await scenario.publisher.publish([{ topic: 'appeals.received', payload: appeal }]);
  await scenario.firstOn(scenario.topics.tasks, appeal.appealId);
  return appeal;
}

describe.concurrent('topic appeals.events with appeal.handed-back', () => {
  beforeEach<RouterContext>(startRouterScenarioEach);
  afterEach<RouterContext>(({ teardown }) => teardown.run());

  it<RouterContext>('when a unit hands an appeal back suggesting a topic, routes it to the unit of that topic and records a labelled example', async ({ scenario, expect, onTestFinished }) => {
    const admin = await scenario.authorization('administrator');
    const put = (url: string, payload: object) => scenario.router.http.inject({ method: 'PUT', url, headers: admin, payload });
    expect((await put('/v1/routing/units/dorogi', { name: 'Комитет по дорогам' })).statusCode).toBe(200);
    expect((await put('/v1/routing/table', { topic: 'roads', unit: 'dorogi' })).statusCode).toBe(200);
    const appeal = await routedToHousing(scenario);

    const event = handBack(appeal, { suggestedTopic: 'roads' });
    await scenario.publisher.publish([{ topic: 'appeals.events', payload: event }]);

    const { kafka, names } = scenario.testKafka;
    const dorogi = await collectTopics(kafka, [names.tasks('dorogi')]);
    onTestFinished(() => dorogi.stop());
    const task = TaskAssigned.parse((await dorogi.waitForAppeal(appeal.appealId))[0]?.value);
    expect(task).toMatchObject({ unit: 'dorogi', topic: 'roads', text: HEATING, reason: { kind: 'hand-back', handedBackBy: 'executor-3', fromUnit: 'zhkh' } });
    const events = () => scenario.producedOn(scenario.topics.events, appeal.appealId).map((m) => AppealEvent.parse(m.value));
    const rerouted = await waitFor(() => events().find((e) => e.type === 'appeal.routed' && e.unit === 'dorogi'), { description: 'appeal.routed to dorogi' });
    expect(rerouted).toMatchObject({ reason: { kind: 'hand-back' } });
    const examples = scenario.database.db.collection<{ _id: string }>('labelled_examples');
    const example = await waitFor(() => examples.findOne({ _id: `hand-back:${event.eventId}` }), { description: 'the labelled example' });
    expect(example).toMatchObject({ appealId: appeal.appealId, text: HEATING, topic: 'roads', source: 'hand-back', by: 'executor-3' });
  });

  it<RouterContext>('when a unit hands an appeal back with no usable suggestion, sends it to triage with the reason and lists it for operators', async ({ scenario, expect }) => {
    const appeal = await routedToHousing(scenario);
    // Suggesting the very unit that handed it back is no suggestion.
    await scenario.publisher.publish([{ topic: 'appeals.events', payload: handBack(appeal, { suggestedUnit: 'zhkh' }) }]);

    const triaged = AppealTriaged.parse((await scenario.firstOn(scenario.topics.triage, appeal.appealId)).value);
    expect(triaged.reason).toEqual({ kind: 'hand-back', handedBackBy: 'executor-3', fromUnit: 'zhkh' });
    const headers = await scenario.authorization('intake-operator');
    const list = (await scenario.router.http.inject({ method: 'GET', url: '/v1/triage', headers })).json<{ entries: { appealId: string; handBack?: object }[] }>();
    expect(list.entries.find((e) => e.appealId === appeal.appealId)?.handBack).toMatchObject({ unit: 'zhkh', by: 'executor-3' });
  });
});
