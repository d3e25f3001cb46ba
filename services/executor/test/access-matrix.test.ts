import type { TaskAssigned } from '@priemnaya/contracts';
import { waitFor } from '@priemnaya/testing';
import { describe, it } from 'vitest';
import { addExecutor, ADMINISTRATOR, aTask, executorOf, OPERATOR, startExecutorScenario, supervisorOf, tasksOf, type ExecutorScenario, type Staff } from './support/executor-harness.js';
import { act, done } from './support/work-steps.js';

const lead = executorOf('zhkh');
const leadSupervisor = supervisorOf('zhkh');

type Outcome = 'allowed' | 'denied' | 'unauthenticated' | 'failed';
type Prepare = 'new' | 'accepted' | 'forwarding' | 'requested';

interface Action {
  name: string;
  /** The state a fresh task is brought to (by the unit's own executor and supervisor) before an allowed attempt. */
  prepare?: Prepare;
  send(scenario: ExecutorScenario, staff: Staff | undefined, appealId: string, requestId: string): ReturnType<ExecutorScenario['executor']['get']>;
}

const post = (path: string, body: unknown = {}): Action['send'] => (scenario, staff, appealId, requestId) =>
  scenario.executor.post(`/v1/units/zhkh/tasks/${appealId}/${path.replace(':requestId', requestId)}`, body, staff);

const ACTIONS: Action[] = [
  { name: 'list tasks', send: (scenario, staff) => scenario.executor.get('/v1/units/zhkh/tasks', staff) },
  { name: 'read a task', prepare: 'new', send: (scenario, staff, appealId) => scenario.executor.get(`/v1/units/zhkh/tasks/${appealId}`, staff) },
  { name: 'assign', prepare: 'new', send: post('assign', { executorId: lead.staffId }) },
  { name: 'accept', prepare: 'new', send: post('accept') },
  { name: 'answer', prepare: 'accepted', send: post('answer', { text: 'Ответ', inSubstance: true }) },
  { name: 'hand back', prepare: 'accepted', send: post('hand-back', { reason: 'не наша компетенция' }) },
  { name: 'request an extension', prepare: 'accepted', send: post('extension-requests', { days: 5, justification: 'нужен выезд' }) },
  { name: 'approve an extension', prepare: 'requested', send: post('extension-requests/:requestId/approve', { why: 'согласовано' }) },
  { name: 'refuse an extension', prepare: 'requested', send: post('extension-requests/:requestId/refuse', { why: 'не обосновано' }) },
  { name: 'start forwarding', prepare: 'accepted', send: post('forwarding', { authority: { name: 'Роспотребнадзор' }, why: 'их компетенция' }) },
  { name: 'mark forwarded', prepare: 'forwarding', send: post('forwarded') },
  { name: 'add a co-executor', prepare: 'accepted', send: post('co-executors', { coExecutorUnit: 'roads', why: 'часть про дорогу' }) },
  { name: 'close', prepare: 'accepted', send: post('close', { outcome: 'withdrawn' }) },
  { name: 'list executors', send: (scenario, staff) => scenario.executor.get('/v1/units/zhkh/executors', staff) },
  { name: 'set availability', send: (scenario, staff) => scenario.executor.put(`/v1/units/zhkh/executors/${lead.staffId}`, { available: true }, staff) },
];

const READS = ['list tasks', 'read a task'];
const EXECUTOR_WORK = ['accept', 'answer', 'hand back', 'request an extension', 'start forwarding', 'mark forwarded', 'add a co-executor', 'close'];
const SUPERVISOR_WORK = ['assign', 'approve an extension', 'refuse an extension'];
const KEEP_EXECUTORS = ['list executors', 'set availability'];

/** Who may do what on zhkh's tasks; everything not listed is denied. */
const ROLES: { who: string; staff: Staff | undefined; allowed: string[] }[] = [
  { who: 'an executor of the unit', staff: lead, allowed: [...READS, ...EXECUTOR_WORK] },
  { who: 'an executor of another unit', staff: executorOf('roads'), allowed: [] },
  { who: 'a supervisor of the unit', staff: leadSupervisor, allowed: [...READS, ...SUPERVISOR_WORK, ...KEEP_EXECUTORS] },
  { who: 'a supervisor of other units', staff: supervisorOf('roads', 'transport'), allowed: [] },
  { who: 'an administrator', staff: ADMINISTRATOR, allowed: [...READS, ...KEEP_EXECUTORS] },
  { who: 'an intake operator', staff: OPERATOR, allowed: [] },
  { who: 'nobody signed in', staff: undefined, allowed: [] },
];

/** Brings a task to the state an action needs, as the unit's own people would; returns the pending request id, if any. */
async function prepare(scenario: ExecutorScenario, appealId: string, state: Prepare): Promise<string> {
  if (state === 'new') return '';
  await done(act(scenario.executor, lead, 'zhkh', appealId, 'accept'));
  if (state === 'forwarding') await done(act(scenario.executor, lead, 'zhkh', appealId, 'forwarding', { authority: { name: 'Роспотребнадзор' }, why: 'их компетенция' }));
  if (state !== 'requested') return '';
  const requested = await done(act(scenario.executor, lead, 'zhkh', appealId, 'extension-requests', { days: 5, justification: 'нужен выезд' }));
  return requested.requestId ?? '';
}

describe('who may do what on a unit\'s tasks', () => {
  it('walks every role and action: the allowed succeed, the others get 403 (401 unsigned) and change nothing', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    await addExecutor(scenario.executor, 'zhkh', lead.staffId);
    // One task every denied attempt aims at, in a state where every action would be allowed.
    const target = aTask();
    const cells = ROLES.flatMap(({ who, staff, allowed }) => ACTIONS.map((action) => ({ who, staff, action, expected: (staff === undefined ? 'unauthenticated' : allowed.includes(action.name) ? 'allowed' : 'denied') })));
    const fresh = new Map<(typeof cells)[number], TaskAssigned>();
    for (const cell of cells) if (cell.expected === 'allowed' && cell.action.prepare) fresh.set(cell, aTask());
    await scenario.publisher.publish([target, ...fresh.values()].map((payload) => ({ topic: 'tasks' as const, payload })));
    await waitFor(async () => (await tasksOf(scenario.executor, 'zhkh', '?limit=500')).length === fresh.size + 1, { description: 'every task recorded' });
    const targetRequest = await prepare(scenario, target.appealId, 'requested');

    const outcomes: string[] = [];
    for (const cell of cells) {
      const task = fresh.get(cell) ?? target;
      const requestId = task === target ? targetRequest : await prepare(scenario, task.appealId, cell.action.prepare ?? 'new');
      const response = await cell.action.send(scenario, cell.staff, task.appealId, requestId);
      const outcome: Outcome = response.statusCode === 401 ? 'unauthenticated' : response.statusCode === 403 ? 'denied' : response.statusCode < 300 ? 'allowed' : 'failed';
      if (outcome !== cell.expected) outcomes.push(`${cell.who} / ${cell.action.name}: expected ${cell.expected}, got ${response.statusCode} ${response.body}`);
    }

    expect(outcomes).toEqual([]);
    const targetState = (await scenario.executor.get(`/v1/units/zhkh/tasks/${target.appealId}`, lead)).json<{ state: { version: number; extensions: unknown[] } }>().state;
    expect(targetState.version).toBe(2);
    expect(targetState.extensions).toEqual([{ requestId: targetRequest, days: 5 }]);
  });
});
