import { randomUUID } from 'node:crypto';
import { describe, it } from 'vitest';
import { anAppealStory } from './support/appeal-story.js';
import { startRegistryScenario, tokenFor, type ErrorBody } from './support/registry-harness.js';
import { PEOPLE, publishStories, searchAll, type SearchPage } from './support/staff-views.js';

// Each case has its own topics, consumer group and database, so the cases run side by side.
describe.concurrent('GET /v1/staff/appeals', () => {
  it('filters by received and answer-deadline ranges, status, topic and channel, and pages newest first with a cursor', async ({ expect, onTestFinished }) => {
    const scenario = await startRegistryScenario(onTestFinished);
    const october = anAppealStory({ receivedAt: '2026-10-01T08:00:00.000Z', steps: 6 });
    const extended = anAppealStory({ receivedAt: '2026-11-02T08:00:00.000Z', steps: 11, topic: 'roads' });
    const late = anAppealStory({ receivedAt: '2026-11-20T08:00:00.000Z', steps: 4 });
    await publishStories(scenario.publisher, [october, extended, late]);
    await scenario.caughtUp();
    const token = await tokenFor(PEOPLE.administrator);
    const ids = async (query: string) => (await searchAll(scenario.registry, token, query)).map(({ id }) => id);
    const [o, e, l] = [october, extended, late].map(({ received }) => received.appealId);

    expect(await ids('')).toEqual([l, e, o]);
    expect(await ids('&dueFrom=2026-12-10T00:00:00.000Z')).toEqual([l, e]);
    expect(await ids('&dueTo=2026-11-30T00:00:00.000Z')).toEqual([o]);
    expect(await ids('&receivedFrom=2026-11-01T00:00:00.000Z&receivedTo=2026-11-10T00:00:00.000Z')).toEqual([e]);
    expect(await ids('&status=accepted')).toEqual([e, o]);
    expect(await ids('&status=routed,triage')).toEqual([l]);
    expect(await ids('&topic=roads')).toEqual([e]);
    expect(await ids('&channel=desk')).toEqual([]);

    const first = await scenario.registry.staffGet('/v1/staff/appeals?limit=2', token);
    const page = first.json<SearchPage>();
    expect(page.appeals.map(({ id }) => id)).toEqual([l, e]);
    expect(page.appeals[1]).toMatchObject({ registrationNumber: extended.received.registrationNumber, unit: 'zhkh', units: ['zhkh', 'blagoustroystvo'], answerDueAt: '2026-12-17T21:00:00.000Z', authorName: extended.received.author.name });
    const second = await scenario.registry.staffGet(`/v1/staff/appeals?limit=2&cursor=${page.nextCursor ?? ''}`, token);
    expect(second.json<SearchPage>()).toEqual({ appeals: [expect.objectContaining({ id: o })] });
  });

  it.for([
    ['status=lost', 'status.0'],
    ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
    ['limit=0', 'limit'],
    ['dueFrom=yesterday', 'dueFrom'],
    ['unit=Unit%20A', 'unit'],
    ['colour=red', 'colour'],
  ] as const)('when the query has %s, answers 400 naming %s', async ([query, field], { expect, onTestFinished }) => {
    const { registry } = await startRegistryScenario(onTestFinished, { start: false });

    const response = await registry.staffGet(`/v1/staff/appeals?${query}`, await tokenFor(PEOPLE.administrator));

    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorBody>().fields?.map((fault) => fault.field)).toEqual([field]);
  });

  it('when no appeal has the id or the registration number, answers 404 naming it', async ({ expect, onTestFinished }) => {
    const { registry } = await startRegistryScenario(onTestFinished);
    const token = await tokenFor(PEOPLE.administrator);

    const byId = await registry.staffGet(`/v1/staff/appeals/${randomUUID()}`, token);
    const byNumber = await registry.staffGet('/v1/staff/appeals/by-number?registrationNumber=99999%2F2026', token);

    expect([byId.statusCode, byNumber.statusCode]).toEqual([404, 404]);
    expect(byId.json<ErrorBody>().fields).toEqual([{ field: 'id', message: 'no such appeal' }]);
    expect(byNumber.json<ErrorBody>().fields).toEqual([{ field: 'registrationNumber', message: 'no such appeal' }]);
  });
});
