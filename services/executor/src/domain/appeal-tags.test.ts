import type { StaffPrincipal } from '@priemnaya/auth';
import { describe, expect, it } from 'vitest';
import { WORK_BODIES } from '../entry-points/work-schemas.js';
import { stateView } from '../entry-points/work-views.js';
import { decideWork, type Decision } from './decide-work.js';
import { checkAccess } from './task-access.js';
import type { WorkCommand } from './work-commands.js';
import { evolve, initialState, type WorkState, type WorkTask } from './work-state.js';

const TASK: WorkTask = {
  appealId: '6f1c0a52-5d4e-4a43-9d1c-9b8f6b0a4b11',
  registrationNumber: '00017/2026',
  unit: 'zhkh',
  topic: 'housing',
  channel: 'site',
  receivedAt: '2026-11-20T08:00:00.000Z',
  role: 'lead',
  leadUnit: 'zhkh',
};
const EXECUTOR = { staffId: 'e-1' };
const SUPERVISOR = { staffId: 's-1' };
let counter = 0;
const context = () => {
  counter += 1;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return { eventId: id, now: new Date('2026-11-22T10:00:00.000Z'), newRequestId: id };
};
const refusal = (decision: Decision) => (decision.ok ? 'allowed' : decision.reason);

function run(steps: [WorkCommand, { staffId: string }][], task: WorkTask = TASK): WorkState {
  return steps.reduce((state, [command, actor]) => {
    const decision = decideWork(state, command, actor, context());
    if (!decision.ok) throw new Error(`refused ${command.kind}: ${decision.reason}`);
    return evolve(state, decision.event);
  }, initialState(task));
}
const tag = (tags: string[], why?: string): WorkCommand => ({ kind: 'set-tags', tags, ...(why !== undefined ? { why } : {}) });
const issuesOf = (body: unknown) => {
  const result = WORK_BODIES['set-tags'].safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('set-tags: who may tag an appeal', () => {
  const executor: StaffPrincipal = { staffId: 'e-1', role: 'executor', units: ['zhkh'] };
  const supervisor: StaffPrincipal = { staffId: 's-1', role: 'supervisor', units: ['zhkh'] };
  const administrator: StaffPrincipal = { staffId: 'a-1', role: 'administrator', units: [] };
  const operator: StaffPrincipal = { staffId: 'o-1', role: 'intake-operator', units: [] };

  it('59-ФЗ ст. 12 ч. 1.1: the unit\'s executors and supervisors may tag its appeal; administrators, operators and other units may not', () => {
    expect(checkAccess(executor, 'zhkh', 'set-tags')).toBeUndefined();
    expect(checkAccess(supervisor, 'zhkh', 'set-tags')).toBeUndefined();
    expect(checkAccess(executor, 'roads', 'set-tags')).toEqual({ field: 'unit', message: 'unit: roads is not one of your units' });
    expect(checkAccess(supervisor, 'roads', 'set-tags')?.field).toBe('unit');
    expect(checkAccess(administrator, 'zhkh', 'set-tags')).toEqual({ field: 'role', message: 'role: administrator may not set-tags' });
    expect(checkAccess(operator, 'zhkh', 'set-tags')?.field).toBe('role');
  });

  it('keeps the other commands to their own role', () => {
    expect(checkAccess(supervisor, 'zhkh', 'decide-law-kind')?.field).toBe('role');
    expect(checkAccess(executor, 'zhkh', 'assign')?.field).toBe('role');
  });
});

describe('set-tags: the decision', () => {
  it('59-ФЗ ст. 12 ч. 1.1: tags a new task as migration-law, by a supervisor before anyone is assigned, and the state keeps the tags', () => {
    const decision = decideWork(initialState(TASK), tag(['migration-law'], 'вопрос о регистрации иностранца'), SUPERVISOR, context());
    expect(decision.ok && decision.event).toMatchObject({
      type: 'appeal.tags-set', tags: ['migration-law'], why: 'вопрос о регистрации иностранца', by: 's-1', unit: 'zhkh', channel: 'site', receivedAt: TASK.receivedAt,
    });
    const state = run([[tag(['migration-law']), SUPERVISOR]]);
    expect(state).toMatchObject({ status: 'new', tags: ['migration-law'], version: 1 });
    expect(stateView(state).tags).toEqual(['migration-law']);
    expect(stateView(initialState(TASK)).tags).toEqual([]);
  });

  it('59-ФЗ ст. 12 ч. 1.1: the executor who holds the task replaces the whole set, and may clear it', () => {
    const tagged = run([[{ kind: 'accept' }, EXECUTOR], [tag(['migration-law', 'repeat-question']), EXECUTOR], [tag(['migration-law']), EXECUTOR]]);
    expect(tagged.tags).toEqual(['migration-law']);
    expect(run([[{ kind: 'accept' }, EXECUTOR], [tag(['migration-law']), EXECUTOR], [tag([]), EXECUTOR]]).tags).toEqual([]);
  });

  it('refuses a tag named twice, naming tags', () => {
    expect(refusal(decideWork(initialState(TASK), tag(['migration-law', 'migration-law']), EXECUTOR, context()))).toBe('tags: migration-law is named twice');
  });

  it('refuses tagging from a co-executor unit, whose part does not choose the appeal\'s deadline, and on a closed task', () => {
    const coTask = { ...TASK, unit: 'roads', role: 'co-executor' as const };
    expect(refusal(decideWork(initialState(coTask), tag(['migration-law']), EXECUTOR, context()))).toBe('cannot set the tags: only the lead unit zhkh may');
    const closed = run([[{ kind: 'accept' }, EXECUTOR], [{ kind: 'close', outcome: 'withdrawn' }, EXECUTOR]]);
    expect(refusal(decideWork(closed, tag(['migration-law']), EXECUTOR, context()))).toBe('cannot set the tags: the task is closed');
  });
});

describe('set-tags: the request body', () => {
  it('refuses a malformed or repeated tag with an error naming tags', () => {
    expect(issuesOf({ tags: ['migration-law'] })).toEqual([]);
    expect(issuesOf({ tags: [] })).toEqual([]);
    expect(issuesOf({ tags: ['Миграция'] })).toEqual(['tags.0: must be 2-40 lower-case latin letters, digits or dashes']);
    expect(issuesOf({ tags: ['migration-law', 'migration-law'] })).toEqual(['tags: must not name a tag twice']);
    expect(issuesOf({ tags: Array.from({ length: 21 }, (_, index) => `tag-${index}`) })).toEqual(['tags: must name at most 20 tags']);
    expect(issuesOf({})).toEqual([expect.stringMatching(/^tags: /)]);
  });
});
