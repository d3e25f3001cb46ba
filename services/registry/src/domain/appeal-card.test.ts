import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anAppealStory } from '../../test/support/appeal-story.js';
import { foldCard, unitsOf } from './appeal-card.js';
import { factFromReceived, type AppealFact } from './appeal-facts.js';
import { answerDeadline } from './answer-deadline.js';

function factsOf(story: ReturnType<typeof anAppealStory>): AppealFact[] {
  return [factFromReceived(story.received), ...story.events];
}

describe('foldCard', () => {
  it('from the whole life of an appeal, shows every fact on the card', () => {
    const story = anAppealStory({ leadUnit: 'zhkh', coUnit: 'svet' });
    const [, , , , , , , firstRequest, refusal, requested, approved, coAnswer, , , , answered, closed] = story.events;
    if (firstRequest?.type !== 'appeal.extension-requested' || approved?.type !== 'appeal.extension-approved') throw new Error('story changed');

    const card = foldCard(factsOf(story));

    expect(card).toMatchObject({
      id: story.received.appealId,
      registrationNumber: story.received.registrationNumber,
      channel: 'site',
      status: 'closed',
      statusAt: closed?.occurredAt,
      leadUnit: 'zhkh',
      topic: 'housing',
      routingReason: { kind: 'keyword-rule', ruleId: 'roof' },
      executor: { executorId: 'executor-zhkh-2', mode: 'reassigned', previousExecutorId: 'executor-zhkh-1', by: 'supervisor-zhkh', why: 'отпуск' },
      coExecutors: [{ unit: 'svet', addedBy: 'executor-zhkh-1', why: 'освещение двора', answered: true, answer: { text: 'Освещение восстановлено.', by: 'executor-svet', at: coAnswer?.occurredAt } }],
      extensionDaysApproved: 15,
      forwarding: { authority: { name: 'Государственная жилищная инспекция' }, startedBy: 'executor-zhkh-1', why: 'управляющая компания', sentBy: 'executor-zhkh-1', outgoingNumber: '01-15/777' },
      answer: { text: 'Кровля будет отремонтирована до 15 декабря, освещение восстановлено.', inSubstance: true, attachments: [], by: 'executor-zhkh-2', unit: 'zhkh', at: answered?.occurredAt },
      closing: { outcome: 'answered', by: 'executor-zhkh-2', at: closed?.occurredAt },
      content: { author: story.received.author, text: story.received.text, problemAddress: 'ул. Мира, 12', kind: 'appeal' },
    });
    expect(card?.extensions).toEqual([
      { requestId: firstRequest.requestId, request: { by: 'executor-zhkh-1', at: firstRequest.occurredAt, days: 30, justification: 'нужна экспертиза' }, decision: { outcome: 'refused', by: 'supervisor-zhkh', at: refusal?.occurredAt, why: 'срок достаточен' } },
      { requestId: approved.requestId, request: { by: 'executor-zhkh-1', at: requested?.occurredAt, days: 15, justification: 'ждём подрядчика' }, decision: { outcome: 'approved', by: 'supervisor-zhkh', at: approved.occurredAt, why: 'обоснованно', days: 15 } },
    ]);
    expect(card?.content).not.toHaveProperty('raw');
    expect(unitsOf(card ?? { coExecutors: [] })).toEqual(['zhkh', 'svet']);
  });

  it('a co-executor unit assigning and accepting its part after the lead answered leaves the status answered and the lead’s executor on the card', () => {
    const story = anAppealStory({ leadUnit: 'zhkh', coUnit: 'svet' });
    const answered = story.events.find((event) => event.type === 'appeal.answered');
    if (answered === undefined) throw new Error('story changed');
    const later = (minutes: number) => new Date(Date.parse(answered.occurredAt) + minutes * 60_000).toISOString();
    const part = { version: 1 as const, appealId: answered.appealId, registrationNumber: answered.registrationNumber, channel: answered.channel, receivedAt: answered.receivedAt, unit: 'svet' };
    const lateFacts: AppealFact[] = [
      { ...part, eventId: randomUUID(), occurredAt: later(1), by: 'supervisor-svet', type: 'appeal.assigned', executorId: 'executor-svet-7', mode: 'named' },
      { ...part, eventId: randomUUID(), occurredAt: later(2), by: 'executor-svet-7', type: 'appeal.accepted' },
    ];
    const withoutClosing = factsOf(story).filter((fact) => fact.type !== 'appeal.closed');

    const card = foldCard([...withoutClosing, ...lateFacts]);

    expect(card?.status).toBe('answered');
    expect(card?.executor?.executorId).toBe('executor-zhkh-2');
    expect(card?.coExecutors).toEqual([expect.objectContaining({ unit: 'svet', executorId: 'executor-svet-7', acceptedAt: later(2) })]);
  });

  it.each([
    [1, 'triage', undefined],
    [2, 'routed', 'dorogi'],
    [3, 'triage', undefined],
    [4, 'routed', 'zhkh'],
    [5, 'routed', 'zhkh'],
    [6, 'accepted', 'zhkh'],
    [12, 'accepted', 'zhkh'],
    [13, 'forwarding', 'zhkh'],
    [14, 'forwarded', 'zhkh'],
    [16, 'answered', 'zhkh'],
  ] as const)('after %i events, the status is %s and the lead unit %s', (steps, status, unit) => {
    const card = foldCard(factsOf(anAppealStory({ steps })));
    expect(card?.status).toBe(status);
    expect(card?.leadUnit).toBe(unit);
  });

  it('a hand-back forgets the executor of the unit that gave the appeal up; the new unit assigns its own', () => {
    const story = anAppealStory({ steps: 5 });
    const [, decided, handedBack, , assigned] = story.events;
    if (decided === undefined || handedBack === undefined || assigned?.type !== 'appeal.assigned') throw new Error('story changed');
    const earlier: AppealFact = { ...assigned, eventId: randomUUID(), unit: 'dorogi', executorId: 'executor-dorogi', occurredAt: new Date(Date.parse(decided.occurredAt) + 1_000).toISOString() };
    const received = factFromReceived(story.received);

    expect(foldCard([received, ...story.events.slice(0, 2), earlier])?.executor?.executorId).toBe('executor-dorogi');
    expect(foldCard([received, ...story.events.slice(0, 4), earlier])?.executor).toBeUndefined();
    expect(foldCard([received, ...story.events, earlier])?.executor?.executorId).toBe('executor-zhkh-1');
  });

  it('with only events and no registration, still shows the status the events set, with no author', () => {
    const story = anAppealStory({ steps: 6 });
    const card = foldCard(story.events);
    expect(card).toMatchObject({ status: 'accepted', leadUnit: 'zhkh', receivedAt: story.received.receivedAt });
    expect(card).not.toHaveProperty('content');
  });

  it('with no facts, has no card', () => {
    expect(foldCard([])).toBeUndefined();
  });

  it('in any order and with any facts delivered again, gives the same card and deadline (property)', () => {
    const story = anAppealStory();
    const facts = factsOf(story);
    const expected = { card: foldCard(facts), deadline: answerDeadline(facts) };
    fc.assert(
      fc.property(
        fc.shuffledSubarray(facts, { minLength: facts.length, maxLength: facts.length }),
        fc.array(fc.tuple(fc.nat(facts.length - 1), fc.nat(facts.length)), { maxLength: facts.length }),
        (shuffled, repeats) => {
          const delivered = [...shuffled];
          // Redeliveries: copies of facts inserted anywhere, as Kafka and replays bring them.
          for (const [which, where] of repeats) delivered.splice(where, 0, structuredClone(facts[which] as AppealFact));
          expect({ card: foldCard(delivered), deadline: answerDeadline(delivered) }).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('applying facts one at a time in any order ends in the card of the whole set (property)', () => {
    const story = anAppealStory();
    const facts = factsOf(story);
    const expected = foldCard(facts);
    fc.assert(
      fc.property(fc.shuffledSubarray(facts, { minLength: facts.length, maxLength: facts.length }), (shuffled) => {
        // As the read model does: keep each fact once under its id, fold what is known after each.
        const known = new Map<string, AppealFact>();
        let card = foldCard([]);
        for (const fact of [...shuffled, ...shuffled.slice(0, 3)]) {
          if (!known.has(fact.eventId)) known.set(fact.eventId, fact);
          card = foldCard([...known.values()]);
        }
        expect(card).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });
});
