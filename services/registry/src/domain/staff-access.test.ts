import type { StaffPrincipal } from '@priemnaya/auth';
import { describe, expect, it } from 'vitest';
import { mayReadAudit, mayReadCard, searchScope } from './staff-access.js';

const people: Record<string, StaffPrincipal> = {
  operator: { staffId: 'op', role: 'intake-operator', units: [] },
  executorA: { staffId: 'ea', role: 'executor', units: ['unit-a'] },
  executorB: { staffId: 'eb', role: 'executor', units: ['unit-b'] },
  executorCo: { staffId: 'ec', role: 'executor', units: ['unit-co'] },
  supervisorA: { staffId: 'sa', role: 'supervisor', units: ['unit-a', 'unit-x'] },
  supervisorOther: { staffId: 'so', role: 'supervisor', units: ['unit-x', 'unit-y'] },
  administrator: { staffId: 'ad', role: 'administrator', units: [] },
};
const units = ['unit-a', 'unit-co'];

describe('mayReadCard', () => {
  it.each([
    ['operator', 'by-id', false],
    ['operator', 'by-number', true],
    ['executorA', 'by-id', true],
    ['executorA', 'by-number', true],
    ['executorB', 'by-id', false],
    ['executorB', 'by-number', false],
    ['executorCo', 'by-id', true],
    ['supervisorA', 'by-id', true],
    ['supervisorOther', 'by-id', false],
    ['administrator', 'by-id', true],
  ] as const)('%s reading %s: allowed %s', (who, access, allowed) => {
    expect(mayReadCard(people[who] as StaffPrincipal, units, access).allowed).toBe(allowed);
  });

  it('an appeal in triage, with no unit, is for the administrator only among those who read by id', () => {
    expect(mayReadCard(people.executorA as StaffPrincipal, [], 'by-id').allowed).toBe(false);
    expect(mayReadCard(people.administrator as StaffPrincipal, [], 'by-id').allowed).toBe(true);
  });
});

describe('searchScope', () => {
  it('scopes executors and supervisors to their units, leaves the administrator unscoped, refuses the intake operator', () => {
    expect(searchScope(people.executorA as StaffPrincipal, undefined)).toEqual({ allowed: true, units: ['unit-a'] });
    expect(searchScope(people.supervisorA as StaffPrincipal, 'unit-x')).toEqual({ allowed: true, units: ['unit-a', 'unit-x'] });
    expect(searchScope(people.administrator as StaffPrincipal, 'unit-b')).toEqual({ allowed: true });
    expect(searchScope(people.operator as StaffPrincipal, undefined)).toMatchObject({ allowed: false });
  });

  it('refuses a unit that is not the person\'s, naming the unit', () => {
    expect(searchScope(people.executorB as StaffPrincipal, 'unit-a')).toEqual({ allowed: false, message: 'unit: unit-a is not one of your units' });
  });
});

describe('mayReadAudit', () => {
  it.each(Object.keys(people))('%s', (who) => {
    expect(mayReadAudit(people[who] as StaffPrincipal).allowed).toBe(who === 'administrator');
  });
});
