import type { StaffPrincipal } from '@priemnaya/auth';
import { describe, expect, it } from 'vitest';
import { leastLoaded, type UnitExecutor } from './executor-availability.js';
import { checkAccess } from './task-access.js';

const executor: StaffPrincipal = { staffId: 'e-1', role: 'executor', units: ['zhkh'] };
const supervisor: StaffPrincipal = { staffId: 's-1', role: 'supervisor', units: ['zhkh', 'roads'] };
const administrator: StaffPrincipal = { staffId: 'a-1', role: 'administrator', units: [] };
const operator: StaffPrincipal = { staffId: 'o-1', role: 'intake-operator', units: [] };

describe('checkAccess', () => {
  it('lets executors act on their own unit only, and not decide what supervisors decide', () => {
    expect(checkAccess(executor, 'zhkh', 'answer')).toBeUndefined();
    expect(checkAccess(executor, 'roads', 'answer')).toEqual({ field: 'unit', message: 'unit: roads is not one of your units' });
    expect(checkAccess(executor, 'zhkh', 'approve-extension')?.field).toBe('role');
  });

  it('lets supervisors assign and decide extensions in their units, not answer', () => {
    expect(checkAccess(supervisor, 'roads', 'assign')).toBeUndefined();
    expect(checkAccess(supervisor, 'health', 'assign')?.field).toBe('unit');
    expect(checkAccess(supervisor, 'zhkh', 'answer')?.field).toBe('role');
  });

  it('lets administrators keep executors of any unit and read, not act; operators nothing', () => {
    expect(checkAccess(administrator, 'health', 'manage-executors')).toBeUndefined();
    expect(checkAccess(administrator, 'health', 'read')).toBeUndefined();
    expect(checkAccess(administrator, 'health', 'accept')?.field).toBe('role');
    expect(checkAccess(operator, 'zhkh', 'read')?.field).toBe('role');
  });
});

describe('leastLoaded', () => {
  const at = new Date('2026-11-22T10:00:00.000Z');
  const person = (staffId: string, overrides: Partial<UnitExecutor> = {}): UnitExecutor => ({ unit: 'zhkh', staffId, available: true, absences: [], ...overrides });

  it('picks the available executor with the fewest open tasks, the first staff id on a tie', () => {
    const loads = new Map([['e-a', 3], ['e-b', 1], ['e-c', 1]]);
    expect(leastLoaded([person('e-c'), person('e-a'), person('e-b')], loads, at)?.staffId).toBe('e-b');
  });

  it('skips the unavailable and those absent now, and finds nobody when all are away', () => {
    const absent = person('e-a', { absences: [{ from: '2026-11-20T00:00:00.000Z', to: '2026-11-25T00:00:00.000Z' }] });
    const off = person('e-b', { available: false });
    const back = person('e-c', { absences: [{ from: '2026-11-01T00:00:00.000Z', to: '2026-11-10T00:00:00.000Z' }] });
    expect(leastLoaded([absent, off, back], new Map([['e-c', 9]]), at)?.staffId).toBe('e-c');
    expect(leastLoaded([absent, off], new Map(), at)).toBeUndefined();
  });
});
