import { randomUUID } from 'node:crypto';
import { AppealEvent, AppealTriaged, TaskAssigned, type AppealReceived } from '@priemnaya/contracts';
import { collectTopics, waitFor } from '@priemnaya/testing';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { anAppeal } from './support/appeals.js';
import { startRouterScenarioEach, type RouterContext, type RouterScenario } from './support/router-harness.js';

// The sample keyword rules send it to zhkh.
const HEATING = 'Жалоба: в подъезде нет отопления, батареи холодные';
// No rule matches it and the model is far below its threshold: it goes to triage.
const UNSURE = 'Прошу сообщить, когда будет рассмотрено моё предложение';

const eventsOf = (scenario: RouterScenario, appealId: string) => scenario.producedOn(scenario.topics.events, appealId).map((m) => AppealEvent.parse(m.value));

async function addDorogi(scenario: RouterScenario): Promise<void> {
  const admin = await scenario.authorization('administrator');
  const response = await scenario.router.http.inject({ method: 'PUT', url: '/v1/routing/units/dorogi', headers: admin, payload: { name: 'Комитет по дорогам' } });
  if (response.statusCode !== 200) throw new Error(`unit dorogi: ${response.statusCode}`);
}

async function triagedAs(scenario: RouterScenario, appeal: AppealReceived): Promise<AppealTriaged> {
  await scenario.publisher.publish([{ topic: 'appeals.received', payload: appeal }]);
  return AppealTriaged.parse((await scenario.firstOn(scenario.topics.triage, appeal.appealId)).value);
}

describe.concurrent('complaints and their addressee (59-ФЗ ст. 8 ч. 6)', () => {
  beforeEach<RouterContext>(startRouterScenarioEach);
  afterEach<RouterContext>(({ teardown }) => teardown.run());

  it<RouterContext>('59-ФЗ ст. 8 ч. 6: a complaint the rules would route to the unit it contests goes to triage; deciding that unit answers 409 naming the rule, another unit is routed', async ({ scenario, expect, onTestFinished }) => {
    await addDorogi(scenario);
    const appeal = anAppeal(HEATING, { lawKind: 'complaint', complaintAbout: { unit: 'zhkh' } });
    const triaged = await triagedAs(scenario, appeal);
    expect(triaged.reason).toEqual({ kind: 'complaint-addressee', unit: 'zhkh', from: 'routing' });
    const headers = await scenario.authorization('intake-operator', [], 'operator-5');
    const decide = (payload: object) => scenario.router.http.inject({ method: 'POST', url: `/v1/triage/${appeal.appealId}/decision`, headers, payload });

    const refused = await decide({ topic: 'housing', unit: 'zhkh' });
    expect(refused.statusCode).toBe(409);
    const body = refused.json<{ message: string; fields: { field: string }[] }>();
    expect(body.message).toContain('59-ФЗ ст. 8 ч. 6');
    expect(body.fields.map((fault) => fault.field)).toEqual(['unit']);
    expect((await decide({ topic: 'housing', unit: 'dorogi' })).statusCode).toBe(200);

    const { kafka, names } = scenario.testKafka;
    const dorogi = await collectTopics(kafka, [names.tasks('dorogi')]);
    onTestFinished(() => dorogi.stop());
    const task = TaskAssigned.parse((await dorogi.waitForAppeal(appeal.appealId))[0]?.value);
    expect(task).toMatchObject({ unit: 'dorogi', lawKind: 'complaint', complaintAbout: { unit: 'zhkh' } });
  });

  it<RouterContext>('59-ФЗ ст. 4: an operator decides the kind with the routing from triage; a complaint against the chosen unit is refused, whom it contests without a complaint is 400', async ({ scenario, expect }) => {
    const appeal = anAppeal(UNSURE);
    const triaged = await triagedAs(scenario, appeal);
    expect(triaged.reason.kind).toBe('below-threshold');
    const suggested = await waitFor(() => eventsOf(scenario, appeal.appealId).find((e) => e.type === 'appeal.triaged'), { description: 'appeal.triaged' });
    expect(suggested).toMatchObject({ lawKindSuggestion: { lawKind: 'proposal', cues: ['предложен'] } });
    const headers = await scenario.authorization('intake-operator', [], 'operator-5');
    const decide = (payload: object) => scenario.router.http.inject({ method: 'POST', url: `/v1/triage/${appeal.appealId}/decision`, headers, payload });

    const notAComplaint = await decide({ topic: 'housing', unit: 'zhkh', lawKind: 'proposal', complaintAbout: { unit: 'zhkh' } });
    expect(notAComplaint.statusCode).toBe(400);
    expect(notAComplaint.json<{ fields: { field: string }[] }>().fields.map((f) => f.field)).toEqual(['complaintAbout']);
    expect((await decide({ topic: 'housing', unit: 'zhkh', lawKind: 'complaint', complaintAbout: { unit: 'zhkh' } })).statusCode).toBe(409);
    expect((await decide({ topic: 'housing', unit: 'zhkh', lawKind: 'complaint', complaintAbout: { official: 'Петров П. П., начальник управления' } })).statusCode).toBe(200);

    const decided = await waitFor(() => eventsOf(scenario, appeal.appealId).find((e) => e.type === 'appeal.law-kind-decided'), { description: 'appeal.law-kind-decided' });
    expect(decided).toMatchObject({ lawKind: 'complaint', decidedBy: { kind: 'staff', staffId: 'operator-5' }, complaintAbout: { official: 'Петров П. П., начальник управления' } });
  });

  it<RouterContext>('59-ФЗ ст. 8 ч. 6: after an executor marks the appeal a complaint against a unit, a hand-back suggesting that unit goes to triage instead', async ({ scenario, expect }) => {
    await addDorogi(scenario);
    const appeal = anAppeal('В подъезде нет отопления, батареи холодные');
    await scenario.publisher.publish([{ topic: 'appeals.received', payload: appeal }]);
    await scenario.firstOn(scenario.topics.tasks, appeal.appealId);
    const facts = { version: 1 as const, appealId: appeal.appealId, registrationNumber: appeal.registrationNumber, channel: appeal.channel, receivedAt: appeal.receivedAt };
    const now = Date.now();
    const decided: AppealEvent = {
      ...facts, eventId: randomUUID(), occurredAt: new Date(now).toISOString(), type: 'appeal.law-kind-decided', lawKind: 'complaint',
      decidedBy: { kind: 'staff', staffId: 'executor-3' }, complaintAbout: { unit: 'dorogi' }, unit: 'zhkh',
    };
    const handedBack: AppealEvent = {
      ...facts, eventId: randomUUID(), occurredAt: new Date(now + 1000).toISOString(), type: 'appeal.handed-back', by: 'executor-3', unit: 'zhkh', reason: 'это дороги', suggestedUnit: 'dorogi',
    };
    // One key, one partition: the decision is read before the hand-back.
    await scenario.publisher.publish([{ topic: 'appeals.events', payload: decided }, { topic: 'appeals.events', payload: handedBack }]);

    const retriaged = await waitFor(() => eventsOf(scenario, appeal.appealId).find((e) => e.type === 'appeal.triaged'), { description: 'appeal.triaged after the hand-back' });
    expect(retriaged).toMatchObject({ reason: { kind: 'complaint-addressee', unit: 'dorogi', from: 'hand-back' } });
  });
});
