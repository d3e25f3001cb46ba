import type { StaffPrincipal } from '@priemnaya/auth';
import { describe, it } from 'vitest';
import { anAppealStory } from './support/appeal-story.js';
import { foreignToken, startRegistryScenario, tokenFor } from './support/registry-harness.js';
import { PEOPLE, publishStories, type AuditView, type SearchPage } from './support/staff-views.js';

type Caller = keyof typeof PEOPLE | 'no token' | 'bad token';

/**
 * Appeal P is led by unit A with a co-executor unit (after a hand-back by unit F); appeal Q is
 * led by unit B. Each caller tries each action; allowed reads of personal data are audited.
 */
const EXPECTED: Record<Caller, { card: number; byNumber: number; search: number | string[]; audit: number }> = {
  'intake operator': { card: 403, byNumber: 200, search: 403, audit: 403 },
  'executor of unit A': { card: 200, byNumber: 200, search: ['P'], audit: 403 },
  'executor of unit B': { card: 403, byNumber: 403, search: ['Q'], audit: 403 },
  'executor of the co-executor unit': { card: 200, byNumber: 200, search: ['P'], audit: 403 },
  'supervisor of A': { card: 200, byNumber: 200, search: ['P'], audit: 403 },
  'supervisor of other units': { card: 403, byNumber: 403, search: [], audit: 403 },
  administrator: { card: 200, byNumber: 200, search: ['P', 'Q'], audit: 200 },
  'no token': { card: 401, byNumber: 401, search: 401, audit: 401 },
  'bad token': { card: 401, byNumber: 401, search: 401, audit: 401 },
};

describe('staff card, search and read audit over the real registry', () => {
  it('every role gets exactly what it may read, and every read of personal data is audited once', async ({ expect, onTestFinished }) => {
    const scenario = await startRegistryScenario(onTestFinished);
    const p = anAppealStory({ leadUnit: 'unit-a', coUnit: 'unit-co', firstUnit: 'unit-f' });
    const q = anAppealStory({ leadUnit: 'unit-b', coUnit: 'unit-b2', firstUnit: 'unit-f' });
    await publishStories(scenario.publisher, [p, q]);
    await scenario.caughtUp();
    const names = new Map([[p.received.appealId, 'P'], [q.received.appealId, 'Q']]);
    const tokens = new Map<Caller, string | undefined>([
      ...(await Promise.all(Object.entries(PEOPLE).map(async ([caller, principal]) => [caller as Caller, await tokenFor(principal as StaffPrincipal)] as const))),
      ['no token', undefined],
      ['bad token', await foreignToken(PEOPLE.administrator)],
    ]);
    const byNumber = `/v1/staff/appeals/by-number?registrationNumber=${encodeURIComponent(p.received.registrationNumber)}`;

    const outcomes: Record<string, unknown> = {};
    for (const [caller, token] of tokens) {
      const card = await scenario.registry.staffGet(`/v1/staff/appeals/${p.received.appealId}`, token);
      const number = await scenario.registry.staffGet(byNumber, token);
      const search = await scenario.registry.staffGet('/v1/staff/appeals', token);
      const audit = await scenario.registry.staffGet(`/v1/staff/appeals/${p.received.appealId}/read-audit`, token);
      outcomes[caller] = {
        card: card.statusCode,
        byNumber: number.statusCode,
        search: search.statusCode === 200 ? search.json<SearchPage>().appeals.map(({ id }) => names.get(id)).sort() : search.statusCode,
        audit: audit.statusCode,
      };
      for (const response of [card, number].filter(({ statusCode }) => statusCode === 200)) {
        expect(response.json()).toMatchObject({ id: p.received.appealId, content: { author: p.received.author, text: p.received.text }, leadUnit: 'unit-a' });
      }
      for (const response of [card, number, search, audit].filter(({ statusCode }) => statusCode !== 200)) {
        // A refusal says what was refused and carries none of the appeal's data.
        expect(response.json()).toMatchObject({ statusCode: response.statusCode, code: response.statusCode === 401 ? 'unauthenticated' : 'forbidden' });
        expect(response.body).not.toContain(p.received.author.name ?? '');
        expect(response.body).not.toContain(p.received.text);
      }
    }
    expect(outcomes).toEqual(EXPECTED);

    const audit = await scenario.registry.staffGet(`/v1/staff/appeals/${p.received.appealId}/read-audit`, tokens.get('administrator'));
    const reads = audit.json<AuditView>().reads.map(({ staffId, role, what, appealIds }) => `${staffId} ${role} ${what} ${appealIds.map((id) => names.get(id)).sort().join('+')}`);
    expect(reads.sort()).toEqual(
      [
        'op-1 intake-operator card-by-number P',
        'ex-a executor card P', 'ex-a executor card-by-number P', 'ex-a executor search P',
        'ex-co executor card P', 'ex-co executor card-by-number P', 'ex-co executor search P',
        'sup-a supervisor card P', 'sup-a supervisor card-by-number P', 'sup-a supervisor search P',
        'admin-1 administrator card P', 'admin-1 administrator card-by-number P',
        // The administrator's search page held both appeals: one record names both.
        'admin-1 administrator search P+Q',
      ].sort(),
    );
    for (const read of audit.json<AuditView>().reads) expect(Date.parse(read.at)).not.toBeNaN();
  });

  it('an executor asking for another unit is refused naming the unit, and nothing is audited', async ({ expect, onTestFinished }) => {
    const scenario = await startRegistryScenario(onTestFinished);
    const p = anAppealStory({ leadUnit: 'unit-a', coUnit: 'unit-co' });
    await publishStories(scenario.publisher, [p]);
    await scenario.caughtUp();

    const refused = await scenario.registry.staffGet('/v1/staff/appeals?unit=unit-a', await tokenFor(PEOPLE['executor of unit B']));
    const audit = await scenario.registry.staffGet(`/v1/staff/appeals/${p.received.appealId}/read-audit`, await tokenFor(PEOPLE.administrator));

    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'forbidden', message: 'unit: unit-a is not one of your units' });
    expect(audit.json<AuditView>().reads).toEqual([]);
  });
});
