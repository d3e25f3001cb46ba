import type { StaffPrincipal } from '@priemnaya/auth';
import { describe, expect, it } from 'vitest';
import { mayReadAudit, mayReadCard, searchScope, statsScope } from './staff-access.js';

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

describe('statsScope', () => {
  it('gives a supervisor who names no units every unit they cover', () => {
    expect(statsScope(people.supervisorA as StaffPrincipal, undefined)).toEqual({ allowed: true, units: ['unit-a', 'unit-x'] });
  });

  it('gives a supervisor the units they name among theirs, and refuses naming the first unit that is not theirs', () => {
    expect(statsScope(people.supervisorA as StaffPrincipal, ['unit-x'])).toEqual({ allowed: true, units: ['unit-x'] });
    expect(statsScope(people.supervisorA as StaffPrincipal, ['unit-a', 'unit-b', 'unit-c'])).toEqual({
      allowed: false, status: 403, message: 'unit: unit-b is not one of your units',
    });
  });

  it('gives an administrator any units named, and asks an administrator who names none to name them', () => {
    expect(statsScope(people.administrator as StaffPrincipal, ['unit-b'])).toEqual({ allowed: true, units: ['unit-b'] });
    const refused = statsScope(people.administrator as StaffPrincipal, undefined);
    expect(refused).toMatchObject({ allowed: false, status: 400, field: 'units' });
    expect(refused.allowed ? '' : refused.message).toBe('an administrator names the units');
  });

  it.each(['operator', 'executorA'] as const)('refuses %s whatever the units', (who) => {
    const refused = statsScope(people[who] as StaffPrincipal, ['unit-a']);
    expect(refused).toMatchObject({ allowed: false, status: 403 });
    expect(refused.allowed ? '' : refused.message).toMatch(/^role: /);
    expect(statsScope(people[who] as StaffPrincipal, undefined)).toMatchObject({ allowed: false, status: 403 });
  });
});
