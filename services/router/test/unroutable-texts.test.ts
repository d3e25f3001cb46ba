import { randomUUID } from 'node:crypto';
import { AppealTriaged, DeadLetter } from '@priemnaya/contracts';
import { produceRaw, waitFor } from '@priemnaya/testing';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { anAppeal } from './support/appeals.js';
import { startRouterScenarioEach, type RouterContext } from './support/router-harness.js';

const TEXTS = {
  'only spaces': ['   \n  ', 'empty'],
  'only markup': ['<p><br/></p><div>&nbsp;</div>', 'markup-only'],
  'only emoji': ['😡😡😡 🙏', 'no-letters'],
  'in English': ['The street lights in our yard have not worked for a week', 'not-russian'],
  'longer than the router reads': ['Не горят фонари во дворе. '.repeat(500), 'too-long'],
} as const;

describe.concurrent('topic appeals.received with texts that cannot be routed by their words', () => {
  beforeEach<RouterContext>(startRouterScenarioEach);
  afterEach<RouterContext>(({ teardown }) => teardown.run());

  it<RouterContext>('when a text is empty, markup, emoji, in another language or huge, sends it to triage naming the problem', async ({ scenario, expect }) => {
    const appeals = Object.values(TEXTS).map(([text, problem]) => ({ appeal: anAppeal(text), problem }));
    await scenario.publisher.publish(appeals.map(({ appeal }) => ({ topic: 'appeals.received' as const, payload: appeal })));
    for (const { appeal, problem } of appeals) {
      const triaged = AppealTriaged.parse((await scenario.firstOn(scenario.topics.triage, appeal.appealId)).value);
      expect(triaged.reason).toEqual({ kind: 'unroutable-text', problem });
    }
  });

  it<RouterContext>('when a text is longer than an appeal may be, dead-letters the message naming the field and routes the next', async ({ scenario, expect }) => {
    const appealId = randomUUID();
    await produceRaw(scenario.testKafka.kafka, scenario.topics.received, [{ key: appealId, value: JSON.stringify(anAppeal('я'.repeat(200_000), { appealId })) }]);
    const next = anAppeal(TEXTS['only emoji'][0]);
    await scenario.publisher.publish([{ topic: 'appeals.received', payload: next }]);

    const letter = await waitFor(() => scenario.outputs.messages.find((m) => m.topic === scenario.topics.deadLetters && m.key === appealId), { description: 'the dead letter' });
    expect(DeadLetter.parse(letter.value).reason).toContain('text');
    await scenario.firstOn(scenario.topics.triage, next.appealId);
  });
});
