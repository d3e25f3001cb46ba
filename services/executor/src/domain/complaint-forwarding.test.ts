import { describe, expect, it } from 'vitest';
import { contestedBy } from './complaint-addressee.js';
import { decideWork, type Decision } from './decide-work.js';
import type { WorkCommand } from './work-commands.js';
import { evolve, initialState, type WorkState, type WorkTask } from './work-state.js';

const TASK: WorkTask = {
  appealId: '6f1c0a52-5d4e-4a43-9d1c-9b8f6b0a4b12',
  registrationNumber: '00018/2026',
  unit: 'zhkh',
  topic: 'housing',
  channel: 'site',
  receivedAt: '2026-11-20T08:00:00.000Z',
  role: 'lead',
  leadUnit: 'zhkh',
};
const EXECUTOR = { staffId: 'e-1' };
let counter = 0;
const context = () => {
  counter += 1;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return { eventId: id, now: new Date('2026-11-22T10:00:00.000Z'), newRequestId: id };
};
function run(commands: WorkCommand[], task: WorkTask = TASK): WorkState {
  return commands.reduce((state, command) => {
    const decision = decideWork(state, command, EXECUTOR, context());
    if (!decision.ok) throw new Error(`refused ${command.kind}: ${decision.reason}`);
    return evolve(state, decision.event);
  }, initialState(task));
}
const refusal = (decision: Decision) => (decision.ok ? 'allowed' : decision.reason);
const PROSECUTOR = { name: 'Прокуратура города' };
const INSPECTION = { name: 'Государственная жилищная инспекция' };
const GORSVET = { name: 'МКУ «Горсвет»', unit: 'gorsvet' };
const complaint = { ...TASK, lawKind: 'complaint' as const, complaintAbout: { unit: 'gorsvet', official: 'Петров П. П., директор МКУ «Горсвет»' } };
const forward = (authorities: [typeof PROSECUTOR, ...(typeof PROSECUTOR)[]], partial = false): WorkCommand => ({ kind: 'start-forwarding', authorities, partial, why: 'не наша компетенция' });

describe('decideWork: forwarding to several bodies and in part', () => {
  it('59-ФЗ ст. 8 ч. 4: forwards copies to several bodies, carried by both events', () => {
    const forwarding = run([{ kind: 'accept' }, forward([PROSECUTOR, INSPECTION])]);
    const sent = decideWork(forwarding, { kind: 'mark-forwarded' }, EXECUTOR, context());
    expect(sent.ok && sent.event).toMatchObject({ type: 'appeal.forwarded', authority: PROSECUTOR, authorities: [PROSECUTOR, INSPECTION], partial: false });
    expect(sent.ok && evolve(forwarding, sent.event).status).toBe('forwarded');
  });

  it('59-ФЗ ст. 8 ч. 4: after a partial forwarding the rest is still answered here', () => {
    const sent = run([{ kind: 'accept' }, forward([PROSECUTOR], true), { kind: 'mark-forwarded' }]);
    expect(sent).toMatchObject({ status: 'accepted', executorId: 'e-1' });
    expect(sent.authority).toBeUndefined();
    const answered = decideWork(sent, { kind: 'answer', answer: { text: 'Ответ на остальные вопросы', inSubstance: true, attachments: [] } }, EXECUTOR, context());
    expect(answered.ok && answered.event.type).toBe('appeal.answered');
  });

  it('59-ФЗ ст. 8 ч. 4: the same body twice is refused', () => {
    expect(refusal(decideWork(run([{ kind: 'accept' }]), forward([PROSECUTOR, { ...PROSECUTOR }]), EXECUTOR, context()))).toBe('cannot forward: Прокуратура города is named twice');
  });
});

describe('decideWork: a complaint and its addressee', () => {
  it('59-ФЗ ст. 8 ч. 6: refuses to forward a complaint to the body it contests, naming the rule; another body is allowed', () => {
    const accepted = run([{ kind: 'accept' }], complaint);
    expect(refusal(decideWork(accepted, forward([PROSECUTOR, GORSVET]), EXECUTOR, context()))).toMatch(/^cannot forward to МКУ «Горсвет»: the complaint contests unit gorsvet, .*59-ФЗ ст\. 8 ч\. 6.*ст\. 8 ч\. 7/);
    expect(decideWork(accepted, forward([PROSECUTOR]), EXECUTOR, context()).ok).toBe(true);
  });

  it('59-ФЗ ст. 8 ч. 6: refuses to forward a complaint to the official it contests, recognised by name', () => {
    const accepted = run([{ kind: 'accept' }], complaint);
    expect(refusal(decideWork(accepted, forward([{ name: 'петров п.п., директор мку «горсвет»' }]), EXECUTOR, context()))).toMatch(/contests that official/);
  });

  it('59-ФЗ ст. 8 ч. 6: refuses a hand-back suggesting the unit the complaint contests', () => {
    const accepted = run([{ kind: 'accept' }], complaint);
    expect(refusal(decideWork(accepted, { kind: 'hand-back', reason: 'это Горсвет', suggestedUnit: 'gorsvet' }, EXECUTOR, context()))).toMatch(/^cannot suggest gorsvet: .*59-ФЗ ст\. 8 ч\. 6/);
    expect(decideWork(accepted, { kind: 'hand-back', reason: 'это дороги', suggestedUnit: 'roads' }, EXECUTOR, context()).ok).toBe(true);
  });

  it('59-ФЗ ст. 8 ч. 6: the same body is allowed for an appeal that is not a complaint', () => {
    expect(contestedBy('statement', complaint.complaintAbout, GORSVET)).toBeUndefined();
    expect(contestedBy(undefined, complaint.complaintAbout, GORSVET)).toBeUndefined();
  });

  it('59-ФЗ ст. 4: the executor decides the kind; a later forwarding follows that decision', () => {
    const decided = run([{ kind: 'accept' }, { kind: 'decide-law-kind', lawKind: 'complaint', complaintAbout: { unit: 'gorsvet' } }]);
    expect(decided).toMatchObject({ lawKind: 'complaint', complaintAbout: { unit: 'gorsvet' }, status: 'accepted' });
    expect(refusal(decideWork(decided, forward([GORSVET]), EXECUTOR, context()))).toMatch(/59-ФЗ ст\. 8 ч\. 6/);
    const event = decideWork(run([{ kind: 'accept' }]), { kind: 'decide-law-kind', lawKind: 'proposal' }, EXECUTOR, context());
    expect(event.ok && event.event).toMatchObject({ type: 'appeal.law-kind-decided', lawKind: 'proposal', decidedBy: { kind: 'staff', staffId: 'e-1' }, unit: 'zhkh' });
    expect(event.ok && 'by' in event.event).toBe(false);
  });

  it('59-ФЗ ст. 4: whom it contests is refused on anything but a complaint, naming the field', () => {
    expect(refusal(decideWork(run([{ kind: 'accept' }]), { kind: 'decide-law-kind', lawKind: 'proposal', complaintAbout: { unit: 'gorsvet' } }, EXECUTOR, context()))).toMatch(/^complaintAbout: /);
  });

  it('59-ФЗ ст. 8 ч. 7: a complaint is returned to the citizen with the reason, which ends the work', () => {
    const accepted = run([{ kind: 'accept' }], complaint);
    const returned = decideWork(accepted, { kind: 'return-to-citizen', why: 'иного компетентного органа нет' }, EXECUTOR, context());
    expect(returned.ok && returned.event).toMatchObject({ type: 'appeal.returned-to-citizen', reason: 'complaint-against-addressee', basis: '59-ФЗ ст. 8 ч. 7', by: 'e-1' });
    const closed = returned.ok ? evolve(accepted, returned.event) : accepted;
    expect(closed.status).toBe('closed');
    expect(refusal(decideWork(closed, { kind: 'answer', answer: { text: 'x', inSubstance: true, attachments: [] } }, EXECUTOR, context()))).toBe('cannot answer: the task is closed');
  });

  it('59-ФЗ ст. 8 ч. 7: only a complaint is returned', () => {
    expect(refusal(decideWork(run([{ kind: 'accept' }]), { kind: 'return-to-citizen' }, EXECUTOR, context()))).toMatch(/only a complaint .* kind is undecided$/);
  });
});
