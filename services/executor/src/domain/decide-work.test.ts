import { describe, expect, it } from 'vitest';
import { decideWork, type Decision } from './decide-work.js';
import type { WorkCommand } from './work-commands.js';
import { evolve, foldEvents, initialState, type WorkState, type WorkTask } from './work-state.js';

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
const OTHER = { staffId: 'e-2' };
const SUPERVISOR = { staffId: 's-1' };
let counter = 0;
const context = () => {
  counter += 1;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return { eventId: id, now: new Date('2026-11-22T10:00:00.000Z'), newRequestId: id };
};
const ANSWER = { text: 'Фонарь заменён', inSubstance: true, attachments: [] };

/** Applies each command in turn, failing the test when one is refused. */
function run(steps: [WorkCommand, { staffId: string }][], task: WorkTask = TASK): WorkState {
  return steps.reduce((state, [command, actor]) => {
    const decision = decideWork(state, command, actor, context());
    if (!decision.ok) throw new Error(`refused ${command.kind}: ${decision.reason}`);
    return evolve(state, decision.event);
  }, initialState(task));
}
const refusal = (decision: Decision) => (decision.ok ? 'allowed' : decision.reason);
const accepted = () => run([[{ kind: 'assign', executorId: 'e-1', mode: 'named' }, SUPERVISOR], [{ kind: 'accept' }, EXECUTOR]]);

describe('decideWork', () => {
  it('assigns a new task by name, then reassigns it naming the previous executor', () => {
    const assigned = run([[{ kind: 'assign', executorId: 'e-1', mode: 'named' }, SUPERVISOR]]);
    expect(assigned).toMatchObject({ status: 'assigned', executorId: 'e-1', version: 1 });
    const decision = decideWork(assigned, { kind: 'assign', executorId: 'e-2', mode: 'named', why: 'e-1 is on leave' }, SUPERVISOR, context());
    expect(decision.ok && decision.event).toMatchObject({ type: 'appeal.assigned', executorId: 'e-2', mode: 'reassigned', previousExecutorId: 'e-1', by: 's-1', channel: 'site', receivedAt: TASK.receivedAt });
  });

  it('lets an executor accept an unassigned task, which makes it theirs', () => {
    expect(run([[{ kind: 'accept' }, EXECUTOR]])).toMatchObject({ status: 'accepted', executorId: 'e-1' });
  });

  it('refuses to accept a task assigned to someone else, and to assign to the same executor twice', () => {
    const assigned = run([[{ kind: 'assign', executorId: 'e-1', mode: 'named' }, SUPERVISOR]]);
    expect(refusal(decideWork(assigned, { kind: 'accept' }, OTHER, context()))).toBe('cannot accept: the task is assigned to another executor');
    expect(refusal(decideWork(assigned, { kind: 'assign', executorId: 'e-1', mode: 'named' }, SUPERVISOR, context()))).toMatch(/already assigned to that executor/);
  });

  it('answers as appeal.answered for the lead unit and as the co-executor\'s part for a co-executor unit', () => {
    const lead = decideWork(accepted(), { kind: 'answer', answer: ANSWER }, EXECUTOR, context());
    expect(lead.ok && lead.event).toMatchObject({ type: 'appeal.answered', answer: ANSWER });
    const coTask = { ...TASK, unit: 'roads', role: 'co-executor' as const };
    const co = decideWork(run([[{ kind: 'accept' }, EXECUTOR]], coTask), { kind: 'answer', answer: ANSWER }, EXECUTOR, context());
    expect(co.ok && co.event).toMatchObject({ type: 'appeal.co-executor-answered', unit: 'roads', leadUnit: 'zhkh' });
  });

  it('refuses every action on a closed task and leaves it as it was', () => {
    const closed = run([[{ kind: 'assign', executorId: 'e-1', mode: 'named' }, SUPERVISOR], [{ kind: 'accept' }, EXECUTOR], [{ kind: 'answer', answer: ANSWER }, EXECUTOR], [{ kind: 'close', outcome: 'answered' }, EXECUTOR]]);
    expect(closed.status).toBe('closed');
    expect(refusal(decideWork(closed, { kind: 'answer', answer: ANSWER }, EXECUTOR, context()))).toBe('cannot answer: the task is closed');
    expect(refusal(decideWork(closed, { kind: 'assign', executorId: 'e-2', mode: 'named' }, SUPERVISOR, context()))).toBe('cannot assign: the task is closed');
    expect(refusal(decideWork(closed, { kind: 'close', outcome: 'answered' }, EXECUTOR, context()))).toMatch(/closed/);
  });

  it('59-ФЗ ст. 11 ч. 3: closes as left-without-answer only after an answer not on the merits, which tells the citizen why', () => {
    const reason = 'cannot close as left-without-answer under art. 11 part 3: first record an answer with inSubstance false telling the citizen why the appeal is not answered on the merits';
    expect(refusal(decideWork(accepted(), { kind: 'close', outcome: 'left-without-answer', article11Part: '3' }, EXECUTOR, context()))).toBe(reason);
    const onMerits = run([[{ kind: 'accept' }, EXECUTOR], [{ kind: 'answer', answer: ANSWER }, EXECUTOR]]);
    expect(refusal(decideWork(onMerits, { kind: 'close', outcome: 'left-without-answer', article11Part: '3' }, EXECUTOR, context()))).toBe(reason);
    const explained = run([[{ kind: 'accept' }, EXECUTOR], [{ kind: 'answer', answer: { ...ANSWER, text: 'Обращение содержит нецензурные выражения', inSubstance: false } }, EXECUTOR]]);
    const closed = decideWork(explained, { kind: 'close', outcome: 'left-without-answer', article11Part: '3' }, EXECUTOR, context());
    expect(closed.ok && closed.event).toMatchObject({ type: 'appeal.closed', outcome: 'left-without-answer', article11Part: '3' });
  });
  it('refuses an answer from an executor the task is not assigned to', () => {
    expect(refusal(decideWork(accepted(), { kind: 'answer', answer: ANSWER }, OTHER, context()))).toBe('cannot answer: the task is assigned to another executor');
  });

  it('approves an extension once, refuses a second decision, and keeps the total within 30 days', () => {
    const requested = run([[{ kind: 'assign', executorId: 'e-1', mode: 'named' }, SUPERVISOR], [{ kind: 'accept' }, EXECUTOR], [{ kind: 'request-extension', days: 20, justification: 'нужен выезд' }, EXECUTOR]]);
    const requestId = requested.extensions[0]?.requestId ?? '';
    const approved = decideWork(requested, { kind: 'approve-extension', requestId, why: 'согласовано' }, SUPERVISOR, context());
    expect(approved.ok && approved.event).toMatchObject({ type: 'appeal.extension-approved', requestId, days: 20 });
    const after = approved.ok ? evolve(requested, approved.event) : requested;
    expect(after.approvedDays).toBe(20);
    expect(refusal(decideWork(after, { kind: 'approve-extension', requestId, why: 'ещё раз' }, SUPERVISOR, context()))).toBe('cannot approve the extension: the request was already approved');
    expect(refusal(decideWork(after, { kind: 'refuse-extension', requestId, why: 'нет' }, SUPERVISOR, context()))).toBe('cannot refuse the extension: the request was already approved');
    expect(refusal(decideWork(after, { kind: 'request-extension', days: 11, justification: 'ещё' }, EXECUTOR, context()))).toBe('cannot request 11 days: only 10 of the 30 days are left (59-ФЗ ст. 12 ч. 2)');
    expect(decideWork(after, { kind: 'request-extension', days: 10, justification: 'ещё' }, EXECUTOR, context()).ok).toBe(true);
  });

  it('counts the days approved on the whole appeal (other units too) against the 30-day cap', () => {
    const requested = run([[{ kind: 'accept' }, EXECUTOR], [{ kind: 'request-extension', days: 10, justification: 'выезд' }, EXECUTOR]]);
    const requestId = requested.extensions[0]?.requestId ?? '';
    expect(refusal(decideWork(requested, { kind: 'approve-extension', requestId, why: 'да' }, SUPERVISOR, { ...context(), approvedDaysOfAppeal: 25 }))).toBe('cannot approve 10 days: only 5 of the 30 days are left (59-ФЗ ст. 12 ч. 2)');
    expect(decideWork(requested, { kind: 'approve-extension', requestId, why: 'да' }, SUPERVISOR, { ...context(), approvedDaysOfAppeal: 20 }).ok).toBe(true);
    expect(refusal(decideWork(accepted(), { kind: 'request-extension', days: 1, justification: 'x' }, EXECUTOR, { ...context(), approvedDaysOfAppeal: 30 }))).toBe(
      'cannot request 1 days: the extensions already reach the limit of 30 days (59-ФЗ ст. 12 ч. 2)',
    );
  });
  it('refuses a second extension request while one waits, and a decision on an unknown request', () => {
    const requested = run([[{ kind: 'accept' }, EXECUTOR], [{ kind: 'request-extension', days: 5, justification: 'запрос в ресурсоснабжающую организацию' }, EXECUTOR]]);
    expect(refusal(decideWork(requested, { kind: 'request-extension', days: 5, justification: 'ещё' }, EXECUTOR, context()))).toMatch(/still waiting for a decision/);
    expect(refusal(decideWork(requested, { kind: 'approve-extension', requestId: '00000000-0000-4000-8000-999999999999', why: 'да' }, SUPERVISOR, context()))).toMatch(/no extension request/);
  });

  it('forwards in two steps carrying the authority, then closes as forwarded', () => {
    const authority = { name: 'Прокуратура Курской области' };
    const forwarding = run([[{ kind: 'accept' }, EXECUTOR], [{ kind: 'start-forwarding', authorities: [authority], partial: false, why: 'не наша компетенция, ст. 8' }, EXECUTOR]]);
    expect(forwarding.status).toBe('forwarding');
    expect(refusal(decideWork(forwarding, { kind: 'close', outcome: 'forwarded' }, EXECUTOR, context()))).toBe('cannot close as forwarded: the task is being forwarded');
    const sent = decideWork(forwarding, { kind: 'mark-forwarded', outgoingNumber: '01-12/345' }, EXECUTOR, context());
    expect(sent.ok && sent.event).toMatchObject({ type: 'appeal.forwarded', authority, outgoingNumber: '01-12/345' });
    const forwarded = sent.ok ? evolve(forwarding, sent.event) : forwarding;
    expect(decideWork(forwarded, { kind: 'close', outcome: 'forwarded' }, EXECUTOR, context()).ok).toBe(true);
  });

  it('hands back with the reason and suggestion; a handed-back task takes no more actions', () => {
    const decision = decideWork(accepted(), { kind: 'hand-back', reason: 'это дороги', suggestedUnit: 'roads', suggestedTopic: 'roads' }, EXECUTOR, context());
    expect(decision.ok && decision.event).toMatchObject({ type: 'appeal.handed-back', unit: 'zhkh', channel: 'site', receivedAt: TASK.receivedAt, suggestedUnit: 'roads' });
    const handedBack = decision.ok ? evolve(accepted(), decision.event) : accepted();
    expect(refusal(decideWork(handedBack, { kind: 'answer', answer: ANSWER }, EXECUTOR, context()))).toBe('cannot answer: the task is handed back');
  });

  it('adds a co-executor unit once, never the lead unit itself; only the lead unit may', () => {
    const added = run([[{ kind: 'accept' }, EXECUTOR], [{ kind: 'add-co-executor', coExecutorUnit: 'roads', why: 'часть про дорогу' }, EXECUTOR]]);
    expect(added.coExecutors).toEqual(['roads']);
    expect(refusal(decideWork(added, { kind: 'add-co-executor', coExecutorUnit: 'roads', why: 'ещё раз' }, EXECUTOR, context()))).toMatch(/already one/);
    expect(refusal(decideWork(added, { kind: 'add-co-executor', coExecutorUnit: 'zhkh', why: 'сам' }, EXECUTOR, context()))).toMatch(/lead unit itself/);
    const co = run([[{ kind: 'accept' }, EXECUTOR]], { ...TASK, unit: 'roads', role: 'co-executor' });
    expect(refusal(decideWork(co, { kind: 'request-extension', days: 3, justification: 'x' }, EXECUTOR, context()))).toBe('cannot request an extension: only the lead unit zhkh may');
    expect(refusal(decideWork(co, { kind: 'close', outcome: 'withdrawn' }, EXECUTOR, context()))).toMatch(/only the lead unit/);
  });

  it('refuses the lead\'s consolidated answer while a co-executor unit has not answered its part, naming the units', () => {
    const waiting = decideWork(accepted(), { kind: 'answer', answer: ANSWER }, EXECUTOR, { ...context(), unansweredCoExecutors: ['roads', 'health'] });
    expect(refusal(waiting)).toBe('cannot answer: the co-executor units roads, health have not answered their parts yet');
    expect(decideWork(accepted(), { kind: 'answer', answer: ANSWER }, EXECUTOR, { ...context(), unansweredCoExecutors: [] }).ok).toBe(true);
  });
  it('refuses every action on a withdrawn co-executor task, saying the lead\'s work ended', () => {
    const co = run([[{ kind: 'accept' }, EXECUTOR]], { ...TASK, unit: 'roads', role: 'co-executor' });
    const withdrawn = evolve(co, { type: 'task.withdrawn', leadUnit: 'zhkh', causeEventId: context().eventId, occurredAt: '2026-11-23T10:00:00.000Z' });
    expect(withdrawn.status).toBe('withdrawn');
    expect(refusal(decideWork(withdrawn, { kind: 'answer', answer: ANSWER }, EXECUTOR, context()))).toBe("cannot answer: the task is withdrawn (the lead unit's work on the appeal ended)");
    expect(refusal(decideWork(withdrawn, { kind: 'accept' }, EXECUTOR, context()))).toMatch(/withdrawn/);
    expect(refusal(decideWork(withdrawn, { kind: 'assign', executorId: 'e-2', mode: 'named' }, SUPERVISOR, context()))).toMatch(/withdrawn/);
  });
  it('after a re-routing back to the unit, the work starts over with nobody assigned, keeping approved extension days', () => {
    const requested = run([[{ kind: 'accept' }, EXECUTOR], [{ kind: 'request-extension', days: 5, justification: 'выезд' }, EXECUTOR]]);
    const requestId = requested.extensions[0]?.requestId ?? '';
    const approved = decideWork(requested, { kind: 'approve-extension', requestId, why: 'да' }, SUPERVISOR, context());
    const afterApproval = approved.ok ? evolve(requested, approved.event) : requested;
    const handedBack = decideWork(afterApproval, { kind: 'hand-back', reason: 'не наше' }, EXECUTOR, context());
    const gone = handedBack.ok ? evolve(afterApproval, handedBack.event) : afterApproval;

    const again = evolve(gone, { type: 'task.rerouted', routedAt: '2026-11-23T10:00:00.000Z', occurredAt: '2026-11-23T10:00:01.000Z' });

    expect(again).toMatchObject({ status: 'new', approvedDays: 5, version: gone.version + 1 });
    expect(again.executorId).toBeUndefined();
    expect(decideWork(again, { kind: 'accept' }, OTHER, context()).ok).toBe(true);
  });

  it('refuses to act on a task whose channel is known nowhere, saying so', () => {
    const { channel: _channel, ...withoutChannel } = TASK;
    expect(refusal(decideWork(initialState(withoutChannel), { kind: 'hand-back', reason: 'не наше' }, EXECUTOR, context()))).toBe(
      "cannot hand-back: the appeal's channel is not known (the task was routed before channels were recorded and no other record of the appeal names it)",
    );
  });

  it('folding the recorded events gives the state the decisions led to', () => {
    const events = [];
    let state = initialState(TASK);
    for (const [command, actor] of [[{ kind: 'accept' }, EXECUTOR], [{ kind: 'request-extension', days: 7, justification: 'x' }, EXECUTOR]] as [WorkCommand, { staffId: string }][]) {
      const decision = decideWork(state, command, actor, context());
      if (!decision.ok) throw new Error(decision.reason);
      events.push(decision.event);
      state = evolve(state, decision.event);
    }
    expect(foldEvents(TASK, events)).toEqual(state);
  });
});
