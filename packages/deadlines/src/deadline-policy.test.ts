import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_DATA, defaultPolicySet } from './bundled-policies.js';
import { checkPolicySet, loadPolicySet, selectPolicy, termDays, type AppealFacts, type TermRule } from './deadline-policy.js';
import { DeadlineDataError } from './data-issues.js';

const policies = defaultPolicySet();
const governor = loadPolicySet({ ...(DEFAULT_POLICY_DATA as object), authorityLevel: 'regional-head' });
const data = DEFAULT_POLICY_DATA as { policies: Record<string, unknown>[] };

function reasons(input: unknown): string[] {
  const checked = checkPolicySet(input);
  return checked.ok ? [] : checked.reasons;
}

describe('selectPolicy', () => {
  it.each<[string, AppealFacts, string]>([
    ['a site form appeal', { channel: 'site', kind: 'appeal' }, 'written-appeal'],
    ['a chat appeal on roads', { channel: 'chat', kind: 'appeal', topic: 'roads' }, 'written-appeal'],
    ['a platform message', { channel: 'pos', kind: 'platform-message' }, 'platform-message'],
    ['an oral appeal answered at the desk', { channel: 'desk', kind: 'appeal', answeredOnTheSpot: true }, 'oral-on-the-spot'],
    ['an oral appeal to answer in writing', { channel: 'desk', kind: 'appeal', answeredOnTheSpot: false }, 'written-appeal'],
    // 59-FZ ст. 12 ч. 1.1 is for the head of the region: a municipality answers such a report in 30 days.
    ['a report on migration law to a municipality', { channel: 'telegram', kind: 'appeal', tags: ['migration-law'] }, 'written-appeal'],
  ])('for %s, chooses %s', (_name, facts, expected) => {
    expect(selectPolicy(policies, facts).id).toBe(expected);
  });

  it('cites the article of each term in the data', () => {
    const written = selectPolicy(policies, { channel: 'site', kind: 'appeal' });
    expect(written.registration?.basis).toBe('59-ФЗ ст. 8 ч. 2');
    expect(written.forwarding?.basis).toBe('59-ФЗ ст. 8 ч. 3');
    expect(written.answer.basis).toBe('59-ФЗ ст. 12 ч. 1');
    expect(written.extension).toMatchObject({ maxDays: 30, basis: '59-ФЗ ст. 12 ч. 2' });
    expect(selectPolicy(governor, { channel: 'site', kind: 'appeal', tags: ['migration-law'] }).answer).toMatchObject({ days: 20, basis: '59-ФЗ ст. 12 ч. 1.1' });
    expect(selectPolicy(policies, { channel: 'desk', kind: 'appeal', answeredOnTheSpot: true }).answer.basis).toBe('59-ФЗ ст. 13 ч. 3');
  });

  it('59-ФЗ ст. 12 ч. 1.1: the 20-day term on migration matters applies only where the set serves the head of the region, and only when the appeal is tagged', () => {
    expect(policies.authorityLevel).toBe('municipality');
    expect(selectPolicy(governor, { channel: 'site', kind: 'appeal', tags: ['migration-law'] }).id).toBe('migration-law');
    // ст. 12 ч. 2 lets the head extend any term of ст. 12, the 20 days of ч. 1.1 included.
    expect(selectPolicy(governor, { channel: 'site', kind: 'appeal', tags: ['migration-law'] }).extension).toMatchObject({ maxDays: 30, basis: '59-ФЗ ст. 12 ч. 2' });
    expect(selectPolicy(governor, { channel: 'site', kind: 'appeal' }).id).toBe('written-appeal');
    expect(selectPolicy(policies, { channel: 'site', kind: 'appeal', tags: ['migration-law'] }).id).toBe('written-appeal');
  });

  it('refuses a last policy limited to some authorities: it would not match every appeal', () => {
    const last = { ...data.policies.at(-1), authorityLevels: ['regional-head'] };
    expect(reasons({ policies: [...data.policies.slice(0, -1), last] })).toEqual([
      'policies[3].match: the last policy (written-appeal) must match every appeal (an empty match)',
    ]);
  });

  it('a platform message\'s term comes from the platform\'s category code where the rules set it, and then not from the topic', () => {
    const rule: TermRule = { count: 'working-days', days: 10, daysByTopic: { roads: 5 }, daysByPlatformCategory: { 'DOR.03': 3 }, moveOffNonWorkingDay: true, basis: 'x' };
    expect(termDays(rule, 'housing', 'DOR.03')).toBe(3);
    expect(termDays(rule, 'roads', 'ZKH.01')).toBe(10);
    expect(termDays(rule, 'roads', undefined)).toBe(10);
  });

  it('gives a platform message its topic’s own number of working days when the policy sets one', () => {
    const rule: TermRule = { count: 'working-days', days: 10, daysByTopic: { roads: 5 }, moveOffNonWorkingDay: true, basis: 'x' };
    expect(termDays(rule, 'roads')).toBe(5);
    expect(termDays(rule, 'housing')).toBe(10);
    expect(termDays(rule, undefined)).toBe(10);
  });
});

describe('checkPolicySet', () => {
  it('refuses a policy set whose last policy does not match every appeal', () => {
    expect(reasons({ policies: data.policies.slice(0, 2) })).toEqual([
      'policies[1].match: the last policy (platform-message) must match every appeal (an empty match)',
    ]);
  });

  it('refuses a catch-all before other policies, which would hide them', () => {
    const [first, second, third, last] = data.policies;
    expect(reasons({ policies: [last, first, second, third] })).toContain(
      'policies[0].match: written-appeal matches every appeal, so the policies after it would never apply',
    );
  });

  it('refuses an overdue stage that waits for working hours, a fraction of 1, no recipients and an unknown channel', () => {
    const bad = {
      id: 'bad',
      title: 'bad',
      match: { channels: ['fax'] },
      answer: { count: 'calendar-days', days: 30, basis: '59-ФЗ ст. 12 ч. 1' },
      stages: [
        { id: 'late', trigger: { type: 'overdue' }, recipients: ['head'], waitsForWorkingHours: true },
        { id: 'all', trigger: { type: 'time-used', fraction: 1 }, recipients: [], waitsForWorkingHours: true },
      ],
    };
    const found = reasons({ policies: [bad, data.policies.at(-1)] });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^policies\[0\]\.match\.channels\[0\]: /),
        'policies[0].stages[0].waitsForWorkingHours: an overdue stage never waits for working hours',
        'policies[0].stages[1].trigger.fraction: must be below 1',
        'policies[0].stages[1].recipients: must name at least one recipient',
      ]),
    );
  });

  it('refuses a term without its article and a zero-day term', () => {
    const last = structuredClone(data.policies.at(-1)) as { answer: Record<string, unknown> };
    last.answer = { count: 'calendar-days', days: 0, basis: ' ' };
    expect(reasons({ policies: [last] })).toEqual([
      'policies[0].answer.days: must be at least 1 day',
      'policies[0].answer.basis: must cite the article the rule comes from',
    ]);
  });

  it('loadPolicySet throws DeadlineDataError naming the field', () => {
    expect(() => loadPolicySet({ policies: [] })).toThrow(DeadlineDataError);
    expect(() => loadPolicySet({ policies: [] })).toThrow(/policies: must hold at least the catch-all policy/);
  });
});
