import { LifecycleEvent } from '@priemnaya/deadlines';
import { describe, expect, it } from 'vitest';
import { lifecycleFromEvent } from './lifecycle-from-appeal.js';

const work = {
  version: 1 as const,
  eventId: '00000000-0000-4000-8000-000000000001',
  appealId: '00000000-0000-4000-8000-000000000000',
  registrationNumber: '00001/2026',
  occurredAt: '2026-11-30T07:00:00.000Z',
  channel: 'site' as const,
  receivedAt: '2026-11-23T07:00:00.000Z',
  by: 'e-1',
  unit: 'zhkh',
};
const base = { eventId: work.eventId, appealId: work.appealId, occurredAt: work.occurredAt };
const prosecutor = { name: 'Прокуратура области' };
const inspection = { name: 'Государственная жилищная инспекция' };

describe('lifecycleFromEvent: forwarding, complaints', () => {
  it('59-ФЗ ст. 8 ч. 4: a partial forwarding to several bodies reaches the clocks as partial, naming every body', () => {
    const mapped = lifecycleFromEvent({ ...work, type: 'appeal.forwarded', authority: prosecutor, authorities: [prosecutor, inspection], partial: true });
    expect(mapped).toEqual({ ...base, type: 'forwarded', to: 'Прокуратура области; Государственная жилищная инспекция', partial: true });
    expect(LifecycleEvent.safeParse(mapped).success).toBe(true);
  });

  it('59-ФЗ ст. 8 ч. 4: the names of ten long bodies still fit the clocks\' field', () => {
    const long = { name: 'О'.repeat(300) };
    const mapped = lifecycleFromEvent({ ...work, type: 'appeal.forwarded', authority: long, authorities: Array.from({ length: 10 }, () => long) });
    expect(LifecycleEvent.safeParse(mapped).success).toBe(true);
  });

  it('59-ФЗ ст. 8 ч. 7: a complaint returned to the citizen stops every clock, as a closing does', () => {
    const returned = lifecycleFromEvent({ ...work, type: 'appeal.returned-to-citizen', reason: 'complaint-against-addressee', basis: '59-ФЗ ст. 8 ч. 7' });
    expect(returned).toEqual({ ...base, type: 'closed' });
  });

  it('59-ФЗ ст. 4: deciding the kind moves no clock', () => {
    const { by: _by, unit: _unit, ...appeal } = work;
    expect(lifecycleFromEvent({ ...appeal, type: 'appeal.law-kind-decided', lawKind: 'complaint', decidedBy: { kind: 'staff', staffId: 'o-1' } })).toBeUndefined();
  });
});
