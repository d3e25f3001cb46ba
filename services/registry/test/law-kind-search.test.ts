import { randomUUID } from 'node:crypto';
import type { AppealEvent } from '@priemnaya/contracts';
import { describe, it } from 'vitest';
import { anAppealStory, type AppealStory } from './support/appeal-story.js';
import { startRegistryScenario, tokenFor, type ErrorBody } from './support/registry-harness.js';
import { PEOPLE, publishStories, searchAll } from './support/staff-views.js';

function decided(story: AppealStory, fields: Partial<Extract<AppealEvent, { type: 'appeal.law-kind-decided' }>>): AppealStory {
  const { received } = story;
  const event: AppealEvent = {
    version: 1, eventId: randomUUID(), appealId: received.appealId, registrationNumber: received.registrationNumber, channel: received.channel, receivedAt: received.receivedAt,
    occurredAt: new Date(Date.parse(received.receivedAt) + 3_600_000).toISOString(),
    type: 'appeal.law-kind-decided', lawKind: 'complaint', decidedBy: { kind: 'staff', staffId: 'operator-1' }, ...fields,
  };
  return { ...story, events: [...story.events, event] };
}

describe.concurrent('GET /v1/staff/appeals by the kind in the law’s sense', () => {
  it('59-ФЗ ст. 4: filters by kind (undecided included) and complaints by the unit they contest; the card shows the kind', async ({ expect, onTestFinished }) => {
    const scenario = await startRegistryScenario(onTestFinished);
    const complaint = decided(anAppealStory({ receivedAt: '2026-11-03T08:00:00.000Z', steps: 4 }), { complaintAbout: { unit: 'zhkh', official: 'Петров П. П., начальник отдела' } });
    const proposal = decided(anAppealStory({ receivedAt: '2026-11-04T08:00:00.000Z', steps: 4 }), { lawKind: 'proposal' });
    const undecided = anAppealStory({ receivedAt: '2026-11-05T08:00:00.000Z', steps: 4 });
    await publishStories(scenario.publisher, [complaint, proposal, undecided]);
    await scenario.caughtUp();
    const token = await tokenFor(PEOPLE.administrator);
    const ids = async (query: string) => (await searchAll(scenario.registry, token, query)).map(({ id }) => id);
    const [c, p, u] = [complaint, proposal, undecided].map(({ received }) => received.appealId);

    expect(await ids('&lawKind=complaint')).toEqual([c]);
    expect(await ids('&lawKind=proposal')).toEqual([p]);
    expect(await ids('&lawKind=undecided')).toEqual([u]);
    expect(await ids('&complaintUnit=zhkh')).toEqual([c]);
    expect(await ids('&complaintUnit=dorogi')).toEqual([]);
    const card = await scenario.registry.staffGet(`/v1/staff/appeals/${c ?? ''}`, token);
    expect(card.json()).toMatchObject({ lawKind: { kind: 'complaint', suggested: false, by: 'operator-1', complaintAbout: { unit: 'zhkh' } } });
  });

  it('59-ФЗ ст. 4: a kind outside the law’s list answers 400 naming lawKind', async ({ expect, onTestFinished }) => {
    const { registry } = await startRegistryScenario(onTestFinished, { start: false });
    const response = await registry.staffGet('/v1/staff/appeals?lawKind=petition', await tokenFor(PEOPLE.administrator));
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorBody>().fields?.map((fault) => fault.field)).toEqual(['lawKind']);
  });
});
