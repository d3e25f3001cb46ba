import { describe, expect, it } from 'vitest';
import { decideWork, type Decision, type DecisionContext } from './decide-work.js';
import type { WorkCommand } from './work-commands.js';
import { evolve, initialState, type WorkState, type WorkTask } from './work-state.js';

/** Registered Friday 10 April 2025: the 30 days end on Saturday 10 May, moved to Monday 12 May (May holidays). */
const TASK: WorkTask = {
  appealId: '7a2d0b63-6e5f-4b54-8e2d-0c9f7c1b5c22',
  registrationNumber: '00018/2025',
  unit: 'zhkh',
  topic: 'housing',
  channel: 'site',
  kind: 'appeal',
  receivedAt: '2025-04-10T07:00:00.000Z',
  role: 'lead',
  leadUnit: 'zhkh',
};
const EXECUTOR = { staffId: 'e-1' };
const SUPERVISOR = { staffId: 's-1' };
const EARLIER = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
let counter = 0;
function context(at = '2025-05-05T09:00:00.000Z', extra: Partial<DecisionContext> = {}): DecisionContext {
  counter += 1;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return { eventId: id, now: new Date(at), newRequestId: id, ...extra };
}
function run(steps: [WorkCommand, { staffId: string }][], task: WorkTask = TASK): WorkState {
  return steps.reduce((state, [command, actor]) => {
    const decision = decideWork(state, command, actor, context());
    if (!decision.ok) throw new Error(`refused ${command.kind}: ${decision.reason}`);
    return evolve(state, decision.event);
  }, initialState(task));
}
const refusal = (decision: Decision) => (decision.ok ? 'allowed' : decision.reason);
const accepted = (task: WorkTask = TASK) => run([[{ kind: 'accept' }, EXECUTOR]], task);
const requested = (days: number, task: WorkTask = TASK) => run([[{ kind: 'accept' }, EXECUTOR], [{ kind: 'request-extension', days, justification: 'нужен выезд на место' }, EXECUTOR]], task);

describe('decideWork: extensions by the deadline policy', () => {
  it('59-ФЗ ст. 12 ч. 2: an approval carries the new due date by the extension rule and the article', () => {
    const state = requested(30);
    const decision = decideWork(state, { kind: 'approve-extension', requestId: state.extensions[0]?.requestId ?? '', why: 'согласовано' }, SUPERVISOR, context());
    // 10 May (the unmoved end) + 30 days = Monday 9 June 2025.
    expect(decision.ok && decision.event).toMatchObject({ type: 'appeal.extension-approved', days: 30, newDueDate: '2025-06-09', basis: '59-ФЗ ст. 12 ч. 2' });
  });

  it('платформа обратной связи (ПП РФ № 1802): refuses to request or approve an extension of a platform message', () => {
    const platform: WorkTask = { ...TASK, channel: 'pos', kind: 'platform-message' };
    expect(refusal(decideWork(accepted(platform), { kind: 'request-extension', days: 5, justification: 'выезд' }, EXECUTOR, context()))).toBe(
      'cannot request 5 days: policy platform-message allows no extension',
    );
    // A request recorded before the rule: its approval is refused the same way.
    const state = evolve(accepted(platform), {
      version: 1, eventId: '00000000-0000-4000-8000-999999999998', appealId: platform.appealId, registrationNumber: platform.registrationNumber,
      occurredAt: '2025-04-11T09:00:00.000Z', channel: 'pos', receivedAt: platform.receivedAt, by: 'e-1', unit: 'zhkh',
      type: 'appeal.extension-requested', requestId: '00000000-0000-4000-8000-999999999999', days: 5, justification: 'выезд',
    });
    expect(refusal(decideWork(state, { kind: 'approve-extension', requestId: '00000000-0000-4000-8000-999999999999', why: 'да' }, SUPERVISOR, context()))).toBe(
      'cannot approve 5 days: policy platform-message allows no extension',
    );
  });

  it('59-ФЗ ст. 12 ч. 2: refuses an approval once the term has run out, though the request came in time', () => {
    const state = requested(10);
    const requestId = state.extensions[0]?.requestId ?? '';
    // The term ends at the end of Monday 12 May 2025, Moscow time (21:00 UTC).
    expect(decideWork(state, { kind: 'approve-extension', requestId, why: 'да' }, SUPERVISOR, context('2025-05-12T20:59:00.000Z')).ok).toBe(true);
    expect(refusal(decideWork(state, { kind: 'approve-extension', requestId, why: 'да' }, SUPERVISOR, context('2025-05-12T21:00:00.000Z')))).toBe(
      'cannot approve 10 days: the answer term ran out at 2025-05-12T21:00:00.000Z; an expired term is not extended',
    );
  });

  it('59-ФЗ ст. 12 ч. 2: tests the term against the days already approved (an extended term has not run out)', () => {
    const state = requested(5);
    // 20 days approved elsewhere on the appeal: the term runs to 30 May, so 20 May is in time.
    const decision = decideWork(state, { kind: 'approve-extension', requestId: state.extensions[0]?.requestId ?? '', why: 'да' }, SUPERVISOR, context('2025-05-20T09:00:00.000Z', { approvedDaysOfAppeal: 20 }));
    expect(decision.ok && decision.event).toMatchObject({ newDueDate: '2025-06-04' });
  });

  it('refuses a platform task routed before kinds were recorded, saying the policy is not known', () => {
    const { kind: _kind, ...older } = TASK;
    expect(refusal(decideWork(accepted({ ...older, channel: 'pos' }), { kind: 'request-extension', days: 5, justification: 'выезд' }, EXECUTOR, context()))).toMatch(
      /does not say whether it is a platform message or an appeal/,
    );
    // Only the platform brings platform messages: an older site task is an appeal.
    expect(decideWork(accepted(older), { kind: 'request-extension', days: 5, justification: 'выезд' }, EXECUTOR, context()).ok).toBe(true);
  });
});

describe('decideWork: leaving without an answer (59-ФЗ ст. 11)', () => {
  it('59-ФЗ ст. 11 ч. 1: closes an accepted appeal without an answer document, recording the part', () => {
    const decision = decideWork(accepted(), { kind: 'close', outcome: 'left-without-answer', article11Part: '1', why: 'нет фамилии и почтового адреса' }, EXECUTOR, context());
    expect(decision.ok && decision.event).toMatchObject({ type: 'appeal.closed', outcome: 'left-without-answer', article11Part: '1', why: 'нет фамилии и почтового адреса' });
  });

  it('refuses to leave an appeal without an answer without naming the part of art. 11', () => {
    expect(refusal(decideWork(accepted(), { kind: 'close', outcome: 'left-without-answer' }, EXECUTOR, context()))).toBe(
      'article11Part: must name the part of art. 11 of 59-FZ the appeal is left without an answer under',
    );
  });

  it('59-ФЗ ст. 11 ч. 5: refuses to close under part 5 before the head decided to end the correspondence', () => {
    expect(refusal(decideWork(accepted(), { kind: 'close', outcome: 'left-without-answer', article11Part: '5' }, EXECUTOR, context()))).toBe(
      "cannot close under art. 11 part 5: the head's decision to end the correspondence is not recorded (end-correspondence)",
    );
  });
});

describe('decideWork: ending the correspondence (59-ФЗ ст. 11 ч. 5)', () => {
  const end: WorkCommand = { kind: 'end-correspondence', earlierAppealIds: EARLIER, why: 'тот же вопрос, новых доводов нет' };

  it('59-ФЗ ст. 11 ч. 5: records the decision on two earlier appeals answered on the merits, then closes the appeal', () => {
    const decided = decideWork(accepted(), end, SUPERVISOR, context(undefined, { answeredOnTheMerits: EARLIER }));
    expect(decided.ok && decided.event).toMatchObject({ type: 'appeal.correspondence-ended', by: 's-1', decidedAs: 'supervisor', earlierAppealIds: EARLIER });
    if (!decided.ok) return;
    const after = evolve(accepted(), decided.event);
    const closing = decideWork(after, end, SUPERVISOR, context());
    expect(closing.ok && closing.event).toMatchObject({ type: 'appeal.closed', outcome: 'left-without-answer', article11Part: '5', by: 's-1' });
    // The executor may also close it under part 5 once the decision is recorded.
    expect(decideWork(after, { kind: 'close', outcome: 'left-without-answer', article11Part: '5' }, EXECUTOR, context()).ok).toBe(true);
  });

  it('59-ФЗ ст. 11 ч. 5: refuses when an earlier appeal has no answer on the merits, naming it', () => {
    const decision = decideWork(accepted(), end, SUPERVISOR, context(undefined, { answeredOnTheMerits: [EARLIER[0] ?? ''] }));
    expect(refusal(decision)).toBe(`cannot end the correspondence: no answer on the merits is recorded for ${EARLIER[1]} (59-FZ art. 11 part 5 rests on earlier answers on the merits)`);
  });

  it('59-ФЗ ст. 11 ч. 5: refuses fewer than two distinct earlier appeals, and the appeal itself among them', () => {
    const once = { ...end, earlierAppealIds: [EARLIER[0] ?? '', EARLIER[0] ?? ''] };
    expect(refusal(decideWork(accepted(), once, SUPERVISOR, context(undefined, { answeredOnTheMerits: EARLIER })))).toBe(
      'earlierAppealIds: 59-FZ art. 11 part 5 needs at least two earlier appeals answered on the merits',
    );
    const itself = { ...end, earlierAppealIds: [EARLIER[0] ?? '', TASK.appealId] };
    expect(refusal(decideWork(accepted(), itself, SUPERVISOR, context(undefined, { answeredOnTheMerits: [...EARLIER, TASK.appealId] })))).toBe(
      'earlierAppealIds: must name the earlier appeals, not this one',
    );
  });

  it('refuses on an answered or closed appeal, and for a co-executor unit', () => {
    const answered = run([[{ kind: 'accept' }, EXECUTOR], [{ kind: 'answer', answer: { text: 'Ответ по существу', inSubstance: true, attachments: [] } }, EXECUTOR]]);
    expect(refusal(decideWork(answered, end, SUPERVISOR, context(undefined, { answeredOnTheMerits: EARLIER })))).toBe('cannot end the correspondence: the task is answered');
    const co = accepted({ ...TASK, unit: 'roads', role: 'co-executor' });
    expect(refusal(decideWork(co, end, SUPERVISOR, context(undefined, { answeredOnTheMerits: EARLIER })))).toBe('cannot end the correspondence: only the lead unit zhkh may');
  });
});
