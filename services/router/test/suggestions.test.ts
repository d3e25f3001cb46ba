import { countMessages, createTeardown } from '@priemnaya/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouterScenario, type RouterScenario } from './support/router-harness.js';

interface SuggestionsBody {
  suggestions: { topic: string; unit?: string; confidence?: number; reason: { kind: string } }[];
}

describe('POST /v1/suggestions', () => {
  const teardown = createTeardown();
  let scenario: RouterScenario;

  beforeEach(async () => {
    // The sample city cut down to its housing unit: roads has a topic but no unit here.
    scenario = await createRouterScenario(teardown);
    await scenario.start();
  });
  afterEach(() => teardown.run());

  const suggest = (payload: object) => scenario.router.http.inject({ method: 'POST', url: '/v1/suggestions', payload });

  it('when a keyword rule decides the topic, suggests it with its unit and the rule that matched', async () => {
    const response = await suggest({ text: 'В подъезде нет отопления, батареи холодные', channel: 'desk' });

    expect(response.statusCode).toBe(200);
    expect(response.json<SuggestionsBody>()).toEqual({
      suggestions: [
        { topic: 'housing', unit: 'zhkh', reason: { kind: 'keyword-rule', ruleId: 'sample-housing', matchedTerms: ['отоплен', 'батаре', 'подъезд', 'холодн'] } },
      ],
    });
  });

  it('when topics tie, suggests each candidate, with its unit where the table has one', async () => {
    const response = await suggest({ text: 'Яма у подъезда' });

    expect(response.json<SuggestionsBody>().suggestions).toEqual([
      { topic: 'housing', unit: 'zhkh', reason: { kind: 'ambiguous', candidates: ['housing', 'roads'] } },
      { topic: 'roads', reason: { kind: 'ambiguous', candidates: ['housing', 'roads'] } },
    ]);
  });

  it('when nothing matches, suggests nothing', async () => {
    expect((await suggest({ text: 'Благодарю' })).json<SuggestionsBody>()).toEqual({ suggestions: [] });
  });

  it('when the text is missing or the channel unknown, answers 400 naming them', async () => {
    const response = await suggest({ channel: 'fax' });

    expect(response.statusCode).toBe(400);
    expect(response.json<{ fields: { field: string }[] }>().fields.map((f) => f.field).sort()).toEqual(['channel', 'text']);
  });

  it('when suggestions are asked for, produces nothing and stores no decision', async () => {
    for (const text of ['Нет отопления в подъезде', 'Яма у подъезда', 'Благодарю']) expect((await suggest({ text })).statusCode).toBe(200);

    const { kafka } = scenario.testKafka;
    const counts = await Promise.all(Object.values(scenario.topics).map((topic) => countMessages(kafka, topic)));
    expect(counts).toEqual([0, 0, 0, 0, 0]);
    expect(await scenario.database.db.collection('routing_decisions').countDocuments()).toBe(0);
  });
});
