import { describe, expect, it } from 'vitest';
import { similarOpenAppeals, withStatuses, type PersonAppeal, type StatusLookup } from './earlier-appeals.js';

const appeal = (n: number, channel = 'site'): PersonAppeal => ({
  appealId: `id-${n}`,
  registrationNumber: `0000${n}/2026`,
  channel,
  receivedAt: `2026-03-0${n}T10:00:00.000Z`,
});
const found = (status: string, extra: { topic?: string; unit?: string } = {}): StatusLookup => ({ kind: 'found', view: { status, ...extra } });

describe('withStatuses', () => {
  it('adds each status, topic and unit, keeping the order', () => {
    const statuses = new Map([
      ['id-1', found('routed', { topic: 'housing', unit: 'zhkh' })],
      ['id-2', found('received')],
    ]);
    expect(withStatuses([appeal(1), appeal(2)], statuses)).toEqual({
      appeals: [
        { ...appeal(1), status: 'routed', topic: 'housing', unit: 'zhkh' },
        { ...appeal(2), status: 'received' },
      ],
      incomplete: false,
    });
  });

  it('when the registry has not recorded an appeal yet, leaves its status out and the answer complete', () => {
    expect(withStatuses([appeal(1)], new Map([['id-1', { kind: 'not-recorded' } as const]]))).toEqual({ appeals: [appeal(1)], incomplete: false });
  });

  it('when the registry did not answer, leaves the status out and says the answer is incomplete', () => {
    expect(withStatuses([appeal(1)], new Map([['id-1', { kind: 'unavailable' } as const]]))).toEqual({ appeals: [appeal(1)], incomplete: true });
  });
});

describe('similarOpenAppeals', () => {
  it('keeps the related appeals that are still open, most similar first', () => {
    const statuses = new Map([
      ['id-1', found('routed')],
      ['id-2', found('closed')],
      ['id-3', { kind: 'not-recorded' } as const],
    ]);
    const result = similarOpenAppeals(['id-3', 'id-2', 'id-1'], [appeal(1), appeal(2, 'desk'), appeal(3), appeal(4)], statuses);
    expect(result.appeals.map((a) => a.appealId)).toEqual(['id-3', 'id-1']);
    expect(result.incomplete).toBe(false);
  });

  it('when a related appeal is not among the person appeals, says the answer is incomplete', () => {
    const result = similarOpenAppeals(['id-1', 'id-9'], [appeal(1)], new Map([['id-1', found('routed')]]));
    expect(result).toEqual({ appeals: [{ ...appeal(1), status: 'routed' }], incomplete: true });
  });

  it('when nothing is related, is empty and complete', () => {
    expect(similarOpenAppeals([], [appeal(1)], new Map())).toEqual({ appeals: [], incomplete: false });
  });
});
