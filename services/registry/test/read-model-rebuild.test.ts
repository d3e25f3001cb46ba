import { produceRaw } from '@priemnaya/testing';
import { describe, it } from 'vitest';
import { anAppealStory } from './support/appeal-story.js';
import { PEOPLE, searchAll } from './support/staff-views.js';
import {
  aReceivedAppeal,
  aRoutedEvent,
  aTriagedEvent,
  historyOf,
  startRegistryScenario,
  statusOf,
  tokenFor,
  type RunningRegistry,
} from './support/registry-harness.js';

describe('topics appeals.received and appeals.events', () => {
  it('when a new consumer group replays them into an empty database, rebuilds the same status and history of every appeal', async ({ expect, onTestFinished }) => {
    const scenario = await startRegistryScenario(onTestFinished);
    const { publisher, testKafka } = scenario;
    const routed = aReceivedAppeal();
    const routedFirst = aReceivedAppeal();
    const triaged = aReceivedAppeal();
    const triagedThenRouted = aReceivedAppeal();
    const onlyReceived = aReceivedAppeal();
    const repeated = aReceivedAppeal();
    const appeals = [routed, routedFirst, triaged, triagedThenRouted, onlyReceived, repeated];
    const repeatedEvent = aRoutedEvent(repeated, { unit: 'transport-dept', topic: 'transport' });

    // Applied live, in two rounds: appeals first (one of them only as an event), then their events.
    await publisher.publish([
      ...[routed, triaged, triagedThenRouted, onlyReceived, repeated, repeated].map((payload) => ({ topic: 'appeals.received' as const, payload })),
      { topic: 'appeals.events', payload: aRoutedEvent(routedFirst, { unit: 'dorogi', topic: 'roads' }) },
    ]);
    await scenario.caughtUp();
    await produceRaw(testKafka.kafka, testKafka.names.of('appeals.events'), [{ key: routed.appealId, value: '{"type": "appeal.routed"}' }]);
    await publisher.publish([
      { topic: 'appeals.events', payload: aRoutedEvent(routed) },
      { topic: 'appeals.received', payload: routedFirst },
      { topic: 'appeals.events', payload: aTriagedEvent(triaged) },
      { topic: 'appeals.events', payload: aTriagedEvent(triagedThenRouted) },
      { topic: 'appeals.events', payload: aRoutedEvent(triagedThenRouted, { unit: 'zhkh', topic: 'housing' }) },
      { topic: 'appeals.events', payload: repeatedEvent },
      { topic: 'appeals.events', payload: repeatedEvent },
    ]);
    await scenario.caughtUp();

    const rebuilt = await scenario.buildRegistry();
    await rebuilt.service.start();
    await scenario.caughtUp(rebuilt);

    const live = await readModelOf(scenario.registry);
    expect(Object.values(live).map(({ status }) => status.status)).toEqual(['routed', 'routed', 'triage', 'routed', 'received', 'routed']);
    expect(live[repeated.appealId]?.history.history).toHaveLength(2);
    expect(await readModelOf(rebuilt)).toEqual(live);

    async function readModelOf(registry: RunningRegistry) {
      const entries = await Promise.all(
        appeals.map(async ({ appealId }) => [appealId, { status: await statusOf(registry, appealId), history: await historyOf(registry, appealId) }] as const),
      );
      return Object.fromEntries(entries);
    }
  });

  it('with every event type, out of order and repeated, a rebuilt registry has the same cards, histories and search results as the live one', async ({ expect, onTestFinished }) => {
    const scenario = await startRegistryScenario(onTestFinished);
    const { publisher } = scenario;
    const full = anAppealStory({ leadUnit: 'unit-a', coUnit: 'unit-co' });
    const reversed = anAppealStory({ leadUnit: 'unit-b', coUnit: 'unit-a', topic: 'roads' });
    const repeated = anAppealStory({ leadUnit: 'unit-a', coUnit: 'unit-co', steps: 7 });
    const extended = anAppealStory({ leadUnit: 'unit-c', coUnit: 'unit-co', steps: 11 });
    const stories = [full, reversed, repeated, extended];
    const events = (story: typeof full) => story.events.map((payload) => ({ topic: 'appeals.events' as const, payload }));
    const received = (story: typeof full) => ({ topic: 'appeals.received' as const, payload: story.received });

    // Live: in order, backwards with the appeal last, every message twice, and in two rounds.
    await publisher.publish([received(full), ...events(full), ...events(reversed).reverse(), ...events(repeated), ...events(repeated), received(repeated)]);
    await publisher.publish([received(extended), ...events(extended).slice(6), received(repeated)]);
    await scenario.caughtUp();
    await publisher.publish([...events(extended).slice(0, 6).reverse(), received(reversed), ...events(full).slice(3, 9)]);
    await scenario.caughtUp();

    const rebuilt = await scenario.buildRegistry();
    await rebuilt.service.start();
    await scenario.caughtUp(rebuilt);

    const live = await stateOf(scenario.registry);
    expect(Object.values(live.cards).map((card) => card.status)).toEqual(['closed', 'closed', 'accepted', 'accepted']);
    expect(Object.values(live.cards).map((card) => card.history.length)).toEqual([18, 18, 8, 12]);
    expect(live.cards[extended.received.appealId]).toMatchObject({ extensionDaysApproved: 15, answerDeadline: { status: 'running' } });
    expect(live.searches.byUnitA.map(({ id }) => id).sort()).toEqual([full, reversed, repeated].map(({ received: { appealId } }) => appealId).sort());
    expect(Object.fromEntries(Object.entries(live.searches).map(([name, found]) => [name, found.length]))).toEqual({
      all: 4, byUnitA: 3, closed: 2, roads: 1, dueInDecember: 4, byNumber: 1,
    });
    expect(await stateOf(rebuilt)).toEqual(live);

    async function stateOf(registry: RunningRegistry) {
      const token = await tokenFor(PEOPLE.administrator);
      const cards: Record<string, { status: string; history: unknown[] } & Record<string, unknown>> = {};
      const publicViews: Record<string, unknown> = {};
      for (const { received: { appealId } } of stories) {
        const card = await registry.staffGet(`/v1/staff/appeals/${appealId}`, token);
        expect(card.statusCode).toBe(200);
        cards[appealId] = card.json();
        publicViews[appealId] = { status: await statusOf(registry, appealId), history: await historyOf(registry, appealId) };
      }
      const searches = {
        all: await searchAll(registry, token),
        byUnitA: await searchAll(registry, token, '&unit=unit-a'),
        closed: await searchAll(registry, token, '&status=closed'),
        roads: await searchAll(registry, token, '&topic=roads'),
        dueInDecember: await searchAll(registry, token, '&dueFrom=2026-12-01T00:00:00.000Z&dueTo=2026-12-31T23:59:59.999Z'),
        byNumber: await searchAll(registry, token, `&registrationNumber=${encodeURIComponent(full.received.registrationNumber)}`),
      };
      return { cards, publicViews, searches };
    }
  });
});
