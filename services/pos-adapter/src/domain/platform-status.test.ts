import { randomUUID } from 'node:crypto';
import type { AppealEvent } from '@priemnaya/contracts';
import { describe, expect, it } from 'vitest';
import { holdsClosing, isNewToPlatform, platformStatusChange } from './platform-status.js';

const base = {
  version: 1 as const,
  eventId: randomUUID(),
  appealId: randomUUID(),
  registrationNumber: '00001/2026',
  occurredAt: '2026-03-02T10:00:00.000Z',
  channel: 'pos' as const,
  receivedAt: '2026-03-02T09:00:00.000Z',
};

describe('platformStatusChange', () => {
  it('when an appeal is routed, gives in-progress at the time of routing', () => {
    const event: AppealEvent = { ...base, type: 'appeal.routed', topic: 'housing', unit: 'zhkh', reason: { kind: 'keyword-rule', ruleId: 'r1', matchedTerms: [] } };

    expect(platformStatusChange(event)).toEqual({ status: 'in-progress', occurredAt: base.occurredAt });
  });

  it('when an appeal goes to triage, gives nothing: the portal keeps showing it registered', () => {
    expect(platformStatusChange({ ...base, type: 'appeal.triaged', reason: { kind: 'no-rule-matched' } })).toBeUndefined();
  });

  it('when a person decides the unit from triage, gives in-progress; when a unit hands it back, nothing', () => {
    expect(platformStatusChange({ ...base, type: 'appeal.triage-decided', topic: 'roads', unit: 'roads', by: 'operator-1' })).toEqual({
      status: 'in-progress',
      occurredAt: base.occurredAt,
    });
    expect(platformStatusChange({ ...base, type: 'appeal.handed-back', by: 'e-1', unit: 'zhkh', reason: 'Не наша компетенция' })).toBeUndefined();
  });

  it('when an appeal is forwarded, extended or answered, gives nothing: the citizen\'s notification posts it, with its words', () => {
    const work = { ...base, by: 'executor-1', unit: 'zhkh' };
    expect(platformStatusChange({ ...work, type: 'appeal.forwarded', authority: { name: 'Прокуратура' } })).toBeUndefined();
    expect(platformStatusChange({ ...work, type: 'appeal.extension-approved', requestId: randomUUID(), days: 10, why: 'выезд' })).toBeUndefined();
    expect(platformStatusChange({ ...work, type: 'appeal.answered', answer: { text: 'Ответ', inSubstance: true, attachments: [] } })).toBeUndefined();
    expect(platformStatusChange({ ...work, type: 'appeal.closed', outcome: 'answered' })).toEqual({ status: 'closed', occurredAt: base.occurredAt });
  });
});

describe('isNewToPlatform', () => {
  it('when the same status was posted before (a reroute), is false; otherwise true', () => {
    const change = { status: 'in-progress' as const, occurredAt: base.occurredAt };
    expect([isNewToPlatform(change, 'in-progress'), isNewToPlatform(change, undefined)]).toEqual([false, true]);
  });
});

describe('holdsClosing', () => {
  const closing = (outcome: 'answered' | 'forwarded' | 'left-without-answer' | 'withdrawn'): AppealEvent => ({ ...base, type: 'appeal.closed', outcome, by: 'e-1', unit: 'zhkh' });

  it('when an answered or forwarded appeal is closed before the portal shows the answer or forwarding, holds the closing', () => {
    expect(holdsClosing(closing('answered'), 'in-progress')).toBe(true);
    expect(holdsClosing(closing('answered'), 'extended')).toBe(true);
    expect(holdsClosing(closing('forwarded'), undefined)).toBe(true);
  });

  it('when the portal shows the answer or the forwarding, or the closing has nothing to wait for, does not hold it', () => {
    expect(holdsClosing(closing('answered'), 'answered')).toBe(false);
    expect(holdsClosing(closing('answered'), 'forwarded')).toBe(false);
    expect(holdsClosing(closing('left-without-answer'), 'in-progress')).toBe(false);
    expect(holdsClosing(closing('withdrawn'), undefined)).toBe(false);
    expect(holdsClosing({ ...base, type: 'appeal.accepted', by: 'e-1', unit: 'zhkh' }, 'in-progress')).toBe(false);
  });
});
