import type { AppealEvent, AppealReceived } from '@priemnaya/contracts';
import { describe, expect, it } from 'vitest';
import { changeFromEvent, changeFromReceived, STATUS_RANK, statusOrder } from './apply-event.js';

const received: AppealReceived = {
  version: 2,
  appealId: '0b6f1f3e-56a7-4d7e-9a55-2f1b0c2d9e11',
  registrationNumber: '00001/2026',
  channel: 'site',
  receivedAt: '2026-11-22T10:00:00.000Z',
  author: { name: 'Иванов И. И.', email: 'citizen@example.org' },
  text: 'Нет отопления',
  kind: 'appeal',
  attachments: [],
  raw: { format: 'json', body: {} },
  screening: [],
};

const routed: AppealEvent = {
  version: 1,
  type: 'appeal.routed',
  eventId: '3c1d8b1e-3b9a-4bde-8d0e-7d6f0e1a2b3c',
  appealId: received.appealId,
  registrationNumber: received.registrationNumber,
  occurredAt: '2026-11-22T10:00:01.000Z',
  channel: 'site',
  receivedAt: received.receivedAt,
  topic: 'housing',
  unit: 'zhkh',
  reason: { kind: 'keyword-rule', ruleId: 'sample-housing', matchedTerms: ['отоплен'] },
};

describe('read model changes', () => {
  it('a routed appeal comes after its registration, so a late received event cannot undo routing', () => {
    expect(statusOrder(changeFromEvent(routed).status!) > statusOrder(changeFromReceived(received).status!)).toBe(true);
  });

  it('within one millisecond, orders by lifecycle rank; across time, the later change wins whatever its rank', () => {
    const at = '2026-11-22T10:00:00.000Z';
    expect(statusOrder({ at, rank: STATUS_RANK.routed }) > statusOrder({ at, rank: STATUS_RANK.triage })).toBe(true);
    expect(statusOrder({ at: '2026-11-22T10:00:00.001Z', rank: STATUS_RANK.triage }) > statusOrder({ at, rank: STATUS_RANK.routed })).toBe(true);
  });

  it('a received appeal has a history id derived from the appeal, so a redelivery is the same line', () => {
    expect(changeFromReceived(received).history.eventId).toBe(changeFromReceived({ ...received }).history.eventId);
  });

  it('a routed event carries the unit, topic and reason to the status and the history', () => {
    const change = changeFromEvent(routed);
    expect(change.status).toMatchObject({ status: 'routed', unit: 'zhkh', topic: 'housing' });
    expect(change.history).toMatchObject({ type: 'appeal.routed', eventId: routed.eventId, reason: routed.reason });
  });

  it('a triage decision routes the appeal to the unit a person chose, and says who', () => {
    const change = changeFromEvent({ ...routed, type: 'appeal.triage-decided', by: 'operator-3', topic: 'roads', unit: 'roads' });
    expect(change.status).toMatchObject({ status: 'routed', unit: 'roads', topic: 'roads', reason: { kind: 'triage-decision', decidedBy: 'operator-3' } });
    expect(change.history).toMatchObject({ type: 'appeal.triage-decided', status: 'routed' });
  });

  it('a hand-back puts the appeal back to deciding who answers, naming the unit that handed it back', () => {
    const { topic: _topic, reason: _reason, ...facts } = routed;
    const change = changeFromEvent({ ...facts, type: 'appeal.handed-back', by: 'e-1', reason: 'Не наша компетенция', suggestedUnit: 'roads' });
    expect(change.status).toMatchObject({ status: 'triage', reason: { kind: 'hand-back', handedBackBy: 'e-1', fromUnit: 'zhkh' } });
    expect(change.status).not.toHaveProperty('unit');
  });
});
