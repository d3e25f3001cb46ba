import { randomUUID } from 'node:crypto';
import { AppealTriaged, TaskAssigned, type AppealEvent, type AppealReceived } from '@priemnaya/contracts';
import { createTeardown, testLogger, uniqueName, waitFor } from '@priemnaya/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anAppeal, anAppealAfter } from './support/appeals.js';
import { buildRouterService, type PrecisionGuardOptions } from '../src/app.js';
import { createRouterScenario, type RouterScenario } from './support/router-harness.js';

const HEATING = 'В подъезде нет отопления, батареи холодные';
const GUARD: PrecisionGuardOptions = { policy: { window: 5, minOutcomes: 3 }, sweepMs: 0, refreshMs: 100 };

interface TopicPrecision {
  topic: string;
  state: 'routing' | 'suspended';
  outcomes: number;
  right: number;
  precision: number | null;
}

/** The value of the series of `name` for one routing topic, or undefined when there is none. */
function seriesOf(text: string, name: string, topic: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{`) && candidate.includes(`topic="${topic}"`));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

/** An executor's action on an appeal of unit zhkh, as the executor service publishes it. */
function work(appeal: AppealReceived, type: 'appeal.handed-back' | 'appeal.answered'): AppealEvent {
  const base = {
    version: 1 as const,
    eventId: randomUUID(),
    appealId: appeal.appealId,
    registrationNumber: appeal.registrationNumber,
    occurredAt: new Date().toISOString(),
    channel: appeal.channel,
    receivedAt: appeal.receivedAt,
    by: 'executor-3',
    unit: 'zhkh',
  };
  return type === 'appeal.handed-back'
    ? { ...base, type, reason: 'вопрос не нашей компетенции' }
    : { ...base, type, answer: { text: 'Отопление включено', inSubstance: true, attachments: [] } };
}

describe('live precision guard: outcomes on appeals.events, GET /v1/routing/precision, GET /metrics', () => {
  const teardown = createTeardown();
  let scenario: RouterScenario;

  beforeAll(async () => {
    // A window of five with three outcomes before it may trip, so a handful of appeals shows both
    // changes; the threshold is lowered so the test relies only on the model saying "housing" for heating.
    scenario = await createRouterScenario(teardown, { confidenceThreshold: 0.5, precisionGuard: GUARD });
    // Without the sample city's keyword rules the model decides every appeal of the test.
    await scenario.database.db.collection('keyword_rules').deleteMany({});
    await scenario.start();
  });
  afterAll(() => teardown.run());

  const send = (...payloads: AppealReceived[]) => scenario.publisher.publish(payloads.map((payload) => ({ topic: 'appeals.received' as const, payload })));
  const tell = (...payloads: AppealEvent[]) => scenario.publisher.publish(payloads.map((payload) => ({ topic: 'appeals.events' as const, payload })));
  const housing = async (): Promise<TopicPrecision | undefined> => {
    const headers = await scenario.authorization('administrator');
    const response = await scenario.router.http.inject({ method: 'GET', url: '/v1/routing/precision', headers });
    expect(response.statusCode).toBe(200);
    return response.json<{ topics: TopicPrecision[] }>().topics.find((topic) => topic.topic === 'housing');
  };
  const metrics = async () => (await scenario.router.http.inject({ method: 'GET', url: '/metrics' })).body;
  const taskOf = async (appeal: AppealReceived) => TaskAssigned.parse((await scenario.firstOn(scenario.topics.tasks, appeal.appealId)).value);
  const triageOf = async (appeal: AppealReceived) => AppealTriaged.parse((await scenario.firstOn(scenario.topics.triage, appeal.appealId)).value);

  it('GET /v1/routing/precision: without an administrator’s token answers 401, with a supervisor’s 403', async () => {
    expect((await scenario.router.http.inject({ method: 'GET', url: '/v1/routing/precision' })).statusCode).toBe(401);
    const supervisor = await scenario.authorization('supervisor', ['zhkh']);
    expect((await scenario.router.http.inject({ method: 'GET', url: '/v1/routing/precision', headers: supervisor })).statusCode).toBe(403);
  });

  it('when auto-routed appeals of a topic are handed back, suspends it (its appeals go to triage saying why) and resumes it once enough outcomes are right', async () => {
    // Five appeals the model routes on its own: three will be handed back, two answered.
    const first = anAppeal(HEATING);
    // On the same partition as the first, so its hand-back is handled after the first one's repeat.
    const second = anAppealAfter(first.appealId, HEATING);
    const [third, answeredLater, alsoAnsweredLater] = [anAppeal(HEATING), anAppeal(HEATING), anAppeal(HEATING)];
    const autoRouted = [first, second, third, answeredLater, alsoAnsweredLater];
    await send(...autoRouted);
    for (const appeal of autoRouted) expect(await taskOf(appeal)).toMatchObject({ unit: 'zhkh', topic: 'housing', reason: { kind: 'model' } });
    expect(await housing()).toMatchObject({ state: 'routing', outcomes: 0, precision: null });

    const firstHandBack = work(first, 'appeal.handed-back');
    await tell(firstHandBack, firstHandBack, work(second, 'appeal.handed-back'), work(third, 'appeal.handed-back'));
    // Each hand-back is re-routed to triage in the transaction that counted it.
    for (const appeal of [first, second, third]) expect((await triageOf(appeal)).reason).toMatchObject({ kind: 'hand-back' });
    const suspended = await waitFor(async () => {
      const topic = await housing();
      return topic?.state === 'suspended' ? topic : undefined;
    }, { description: 'housing suspended' });
    // The repeated hand-back counted once.
    expect(suspended).toMatchObject({ outcomes: 3, right: 0, precision: 0 });
    const scraped = await metrics();
    expect(seriesOf(scraped, 'priemnaya_router_topic_suspended', 'housing')).toBe(1);
    expect(seriesOf(scraped, 'priemnaya_router_topic_precision', 'housing')).toBe(0);
    expect(seriesOf(scraped, 'priemnaya_router_topic_suspended', 'roads')).toBe(0);
    expect(seriesOf(scraped, 'priemnaya_router_precision_guard_transitions_total', 'housing')).toBe(1);

    // Another replica (or this one restarted) reads the same state from the database. It stays
    // built until the end: the gauges of a process follow the app built last.
    const { kafka, names } = scenario.testKafka;
    const replica = teardown.add(
      await buildRouterService({ logger: testLogger(), database: scenario.database, kafka, names, groupId: uniqueName('router'), confidenceThreshold: 0.5, precisionGuard: GUARD }),
      async (it) => {
        await it.stop();
        await it.http.close();
      },
    );
    const suggested = await replica.http.inject({ method: 'POST', url: '/v1/suggestions', payload: { text: HEATING } });
    const suggestions = suggested.json<{ suggestions: object[] }>().suggestions;
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]).toMatchObject({ topic: 'housing', unit: 'zhkh', reason: { kind: 'precision-guard', outcomes: 3 } });

    // While suspended, the model's confident decisions of the topic go to a person, who sees why.
    const heldBack = [anAppeal(HEATING), anAppeal(HEATING), anAppeal(HEATING)];
    await send(...heldBack);
    for (const appeal of heldBack) {
      expect((await triageOf(appeal)).reason).toMatchObject({ kind: 'precision-guard', topic: 'housing', precision: 0, outcomes: 3, target: 0.95 });
    }
    expect(scenario.producedOn(scenario.topics.tasks, heldBack[0]?.appealId ?? '')).toEqual([]);
    const operator = await scenario.authorization('intake-operator');
    const queue = (await scenario.router.http.inject({ method: 'GET', url: '/v1/triage?limit=200', headers: operator })).json<{ entries: { appealId: string; reason: { kind: string } }[] }>();
    expect(queue.entries.find((entry) => entry.appealId === heldBack[0]?.appealId)?.reason.kind).toBe('precision-guard');

    // Right outcomes: the two remaining auto-routed appeals answered, and the operator confirming
    // the model's topic for the held-back ones. Five right of the last five: back at 95%.
    await tell(work(answeredLater, 'appeal.answered'), work(alsoAnsweredLater, 'appeal.answered'));
    for (const appeal of heldBack) {
      const decided = await scenario.router.http.inject({ method: 'POST', url: `/v1/triage/${appeal.appealId}/decision`, headers: operator, payload: { topic: 'housing', unit: 'zhkh' } });
      expect(decided.statusCode).toBe(200);
    }
    const resumed = await waitFor(async () => {
      const topic = await housing();
      return topic?.state === 'routing' && topic.outcomes === 5 ? topic : undefined;
    }, { description: 'housing resumed' });
    expect(resumed).toMatchObject({ right: 5, precision: 1 });
    expect(seriesOf(await metrics(), 'priemnaya_router_topic_suspended', 'housing')).toBe(0);

    const afterRecovery = anAppeal(HEATING);
    await send(afterRecovery);
    expect(await taskOf(afterRecovery)).toMatchObject({ topic: 'housing', reason: { kind: 'model' } });

    // The trail tells administrators when and why, as it tells them of every routing change.
    const admin = await scenario.authorization('administrator');
    const audit = (await scenario.router.http.inject({ method: 'GET', url: '/v1/routing/audit?entity=precision-guard', headers: admin })).json<{ entries: object[] }>();
    expect(audit.entries).toHaveLength(2);
    expect(audit.entries).toMatchObject([
      { key: 'housing', by: { staffId: 'precision-guard', role: 'router' }, before: { state: 'suspended' }, after: { state: 'routing', seq: 2 } },
      { key: 'housing', before: { state: 'routing' }, after: { state: 'suspended', seq: 1, window: { outcomes: 3, right: 0 } } },
    ]);
  });
});

describe('live precision guard: the settling period', () => {
  const teardown = createTeardown();
  afterAll(() => teardown.run());

  it('when an auto-routed appeal is neither handed back nor answered within the settling period, counts it as routed right', async () => {
    const scenario = await createRouterScenario(teardown, { confidenceThreshold: 0.5, precisionGuard: { ...GUARD, settleAfterMs: 1, sweepMs: 100 } });
    await scenario.database.db.collection('keyword_rules').deleteMany({});
    await scenario.start();
    const appeal = anAppeal(HEATING);
    await scenario.publisher.publish([{ topic: 'appeals.received', payload: appeal }]);
    expect(TaskAssigned.parse((await scenario.firstOn(scenario.topics.tasks, appeal.appealId)).value).reason).toMatchObject({ kind: 'model' });

    const headers = await scenario.authorization('administrator');
    const settled = await waitFor(async () => {
      const response = await scenario.router.http.inject({ method: 'GET', url: '/v1/routing/precision', headers });
      const topic = response.json<{ topics: TopicPrecision[] }>().topics.find((candidate) => candidate.topic === 'housing');
      return topic && topic.outcomes > 0 ? topic : undefined;
    }, { description: 'the outcome settled by the sweep' });
    expect(settled).toMatchObject({ state: 'routing', outcomes: 1, right: 1, precision: 1 });
    const outcome = await scenario.database.db.collection<{ _id: string }>('precision_outcomes').findOne({ _id: appeal.appealId });
    expect(outcome).toMatchObject({ cause: 'settling-period', kind: 'auto', right: true });
  });
});
