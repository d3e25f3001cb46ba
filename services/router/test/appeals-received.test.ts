import { AppealEvent, AppealTriaged, TaskAssigned } from '@priemnaya/contracts';
import { waitFor } from '@priemnaya/testing';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { anAppeal, anAppealAfter } from './support/appeals.js';
import { startRouterScenarioEach, type RouterContext } from './support/router-harness.js';

const HEATING_IN_THE_STAIRWELL = 'В подъезде дома 12 по улице Мира нет отопления, батареи холодные';
const MATCHES_NO_RULE = 'Прошу сообщить, когда будет рассмотрено моё предложение';

// Concurrent: each test has its own router, topics, consumer group and database, and stopping a
// router waits out its consumer's fetch, which the tests then spend side by side.
describe.concurrent('topic appeals.received', () => {
  beforeEach<RouterContext>(startRouterScenarioEach);
  afterEach<RouterContext>(({ teardown }) => teardown.run());

  it<RouterContext>('when the appeal is about heating in a stairwell, assigns a task to zhkh and records appeal.routed by a keyword rule', async ({ scenario, expect }) => {
    const { publisher, topics } = scenario;
    const appeal = anAppeal(HEATING_IN_THE_STAIRWELL);
    await publisher.publish([{ topic: 'appeals.received', payload: appeal }]);

    const task = TaskAssigned.parse((await scenario.firstOn(topics.tasks, appeal.appealId)).value);
    expect(task).toMatchObject({
      appealId: appeal.appealId,
      registrationNumber: appeal.registrationNumber,
      unit: 'zhkh',
      topic: 'housing',
      text: appeal.text,
      reason: { kind: 'keyword-rule', ruleId: 'sample-housing' },
    });
    const event = AppealEvent.parse((await scenario.firstOn(topics.events, appeal.appealId)).value);
    expect(event).toMatchObject({
      type: 'appeal.routed',
      appealId: appeal.appealId,
      unit: 'zhkh',
      topic: 'housing',
      reason: { kind: 'keyword-rule', ruleId: 'sample-housing', matchedTerms: expect.arrayContaining(['отоплен', 'подъезд']) as string[] },
    });
  });

  it<RouterContext>('when the appeal matches no rule and the model is below its threshold, sends it to appeals.triage and records appeal.triaged with the model opinion', async ({ scenario, expect }) => {
    const { publisher, topics } = scenario;
    const appeal = anAppeal(MATCHES_NO_RULE);
    await publisher.publish([{ topic: 'appeals.received', payload: appeal }]);

    const belowThreshold = { kind: 'below-threshold', modelVersion: expect.any(String) as string, confidence: expect.any(Number) as number };
    const triaged = AppealTriaged.parse((await scenario.firstOn(topics.triage, appeal.appealId)).value);
    expect(triaged).toMatchObject({ appealId: appeal.appealId, reason: belowThreshold });
    const event = AppealEvent.parse((await scenario.firstOn(topics.events, appeal.appealId)).value);
    expect(event).toMatchObject({ type: 'appeal.triaged', appealId: appeal.appealId, reason: belowThreshold });

    await scenario.outputs.readToEnd();
    expect(scenario.producedOn(topics.tasks, appeal.appealId)).toEqual([]);
  });

  it<RouterContext>('when the same appeal is delivered twice, assigns one task and records one event', async ({ scenario, expect }) => {
    const { publisher, topics } = scenario;
    const appeal = anAppeal(HEATING_IN_THE_STAIRWELL);
    await publisher.publish([{ topic: 'appeals.received', payload: appeal }]);
    await publisher.publish([{ topic: 'appeals.received', payload: appeal }]);
    const later = anAppealAfter(appeal.appealId, HEATING_IN_THE_STAIRWELL);
    await publisher.publish([{ topic: 'appeals.received', payload: later }]);

    // The later appeal routed means the redelivery was handled; reading to the end makes the count final.
    await scenario.firstOn(topics.events, later.appealId);
    await scenario.outputs.readToEnd();
    expect(scenario.producedOn(topics.tasks, appeal.appealId)).toHaveLength(1);
    expect(scenario.producedOn(topics.events, appeal.appealId)).toHaveLength(1);
  });

  it<RouterContext>('when an appeal is routed, stores the decision with its reason in routing_decisions', async ({ scenario, expect }) => {
    const appeal = anAppeal(HEATING_IN_THE_STAIRWELL);
    await scenario.publisher.publish([{ topic: 'appeals.received', payload: appeal }]);

    const decisions = scenario.database.db.collection<{ _id: string; eventId: string }>('routing_decisions');
    const stored = await waitFor(() => decisions.findOne({ _id: appeal.appealId, publishedAt: { $exists: true } }), {
      description: 'the published decision in routing_decisions',
    });
    expect(stored).toMatchObject({
      decision: { kind: 'route', topic: 'housing', unit: 'zhkh', reason: { kind: 'keyword-rule', ruleId: 'sample-housing' } },
      decidedAt: expect.any(Date) as Date,
      publishedAt: expect.any(Date) as Date,
    });
    const event = AppealEvent.parse((await scenario.firstOn(scenario.topics.events, appeal.appealId)).value);
    expect(event.eventId).toBe(stored.eventId);
  });
});
