import { AppealEvent, TaskAssigned } from '@priemnaya/contracts';
import { waitFor } from '@priemnaya/testing';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { anAppeal } from './support/appeals.js';
import { startRouterScenarioEach, type RouterContext, type RouterScenario } from './support/router-harness.js';

// No rule matches it and the model is far below its threshold: it goes to triage.
const UNSURE = 'Прошу сообщить, когда будет рассмотрено моё предложение';

interface TriageList {
  entries: { appealId: string; text: string; reason: { kind: string }; suggestions: { topic: string; confidence: number }[] }[];
}

async function triaged(scenario: RouterScenario) {
  const appeal = anAppeal(UNSURE);
  await scenario.publisher.publish([{ topic: 'appeals.received', payload: appeal }]);
  await scenario.firstOn(scenario.topics.triage, appeal.appealId);
  return appeal;
}

describe.concurrent('the triage queue API', () => {
  beforeEach<RouterContext>(startRouterScenarioEach);
  afterEach<RouterContext>(({ teardown }) => teardown.run());

  it<RouterContext>('GET /v1/triage: without a token answers 401, for an executor 403', async ({ scenario, expect }) => {
    const { http } = scenario.router;
    expect((await http.inject({ method: 'GET', url: '/v1/triage' })).statusCode).toBe(401);
    const headers = await scenario.authorization('executor', ['zhkh']);
    expect((await http.inject({ method: 'GET', url: '/v1/triage', headers })).statusCode).toBe(403);
  });

  it<RouterContext>('GET /v1/triage: when an appeal went to triage, lists it with its text, reason and the model suggestions', async ({ scenario, expect }) => {
    const appeal = await triaged(scenario);
    const headers = await scenario.authorization('intake-operator');
    const body = (await scenario.router.http.inject({ method: 'GET', url: '/v1/triage', headers })).json<TriageList>();
    const entry = body.entries.find((e) => e.appealId === appeal.appealId);
    expect(entry).toMatchObject({ text: UNSURE, reason: { kind: 'below-threshold' } });
    expect(entry?.suggestions.length).toBeGreaterThan(0);
  });

  it<RouterContext>('POST /v1/triage/{id}/decision: produces the task and appeal.triage-decided with who and why, and records a labelled example', async ({ scenario, expect }) => {
    const appeal = await triaged(scenario);
    const headers = await scenario.authorization('supervisor', ['zhkh'], 'supervisor-7');
    const response = await scenario.router.http.inject({
      method: 'POST',
      url: `/v1/triage/${appeal.appealId}/decision`,
      headers,
      payload: { topic: 'housing', unit: 'zhkh', why: 'about the courtyard of a block of flats' },
    });
    expect(response.statusCode).toBe(200);

    const task = TaskAssigned.parse((await scenario.firstOn(scenario.topics.tasks, appeal.appealId)).value);
    expect(task).toMatchObject({ unit: 'zhkh', topic: 'housing', reason: { kind: 'triage-decision', decidedBy: 'supervisor-7' } });
    const decided = await waitFor(() => scenario.producedOn(scenario.topics.events, appeal.appealId).map((m) => AppealEvent.parse(m.value)).find((e) => e.type === 'appeal.triage-decided'), {
      description: 'appeal.triage-decided',
    });
    expect(decided).toMatchObject({ topic: 'housing', unit: 'zhkh', by: 'supervisor-7', why: 'about the courtyard of a block of flats' });
    const example = await scenario.database.db.collection('labelled_examples').findOne({ appealId: appeal.appealId });
    expect(example).toMatchObject({ text: UNSURE, topic: 'housing', source: 'triage-decision', by: 'supervisor-7' });

    const listed = (await scenario.router.http.inject({ method: 'GET', url: '/v1/triage', headers })).json<TriageList>();
    expect(listed.entries.map((e) => e.appealId)).not.toContain(appeal.appealId);
  });

  it<RouterContext>('POST /v1/triage/{id}/decision: when another decision stands answers 409; an unknown unit 400 naming it; an unknown appeal 404', async ({ scenario, expect }) => {
    const appeal = await triaged(scenario);
    const headers = await scenario.authorization('intake-operator');
    const decide = (appealId: string, payload: object) => scenario.router.http.inject({ method: 'POST', url: `/v1/triage/${appealId}/decision`, headers, payload });

    const unknownUnit = await decide(appeal.appealId, { topic: 'housing', unit: 'nowhere' });
    expect(unknownUnit.statusCode).toBe(400);
    expect(unknownUnit.json<{ fields: { field: string }[] }>().fields.map((f) => f.field)).toEqual(['unit']);
    expect((await decide(appeal.appealId, { topic: 'housing', unit: 'zhkh' })).statusCode).toBe(200);
    expect((await decide(appeal.appealId, { topic: 'housing', unit: 'zhkh' })).statusCode).toBe(200);
    expect((await decide(appeal.appealId, { topic: 'other', unit: 'zhkh' })).statusCode).toBe(409);
    expect((await decide(anAppeal(UNSURE).appealId, { topic: 'housing', unit: 'zhkh' })).statusCode).toBe(404);
  });
});
