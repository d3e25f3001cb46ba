import type { AppealEvent } from '@priemnaya/contracts';
import { describe, expect, it } from 'vitest';
import { pendingOutcomeOf, verdictAfterSettlingPeriod, verdictOf, type PendingOutcome } from './routing-outcome.js';

const decidedAt = new Date('2026-03-01T10:00:00.000Z');
const auto: PendingOutcome = { appealId: '0b6f7a4e-3c1d-4e7a-9a43-5b2f1c7d8e90', kind: 'auto', topic: 'housing', unit: 'zhkh', modelVersion: 'm-1', decidedAt };
const shadow: PendingOutcome = { ...auto, kind: 'shadow' };
const base = {
  version: 1 as const,
  eventId: '8a6e0f7e-8f3c-4c1e-9a51-1f2d3c4b5a69',
  appealId: auto.appealId,
  registrationNumber: '1/2026',
  occurredAt: '2026-03-02T10:00:00.000Z',
  channel: 'site' as const,
  receivedAt: '2026-03-01T09:59:00.000Z',
  by: 'executor-1',
  unit: 'zhkh',
};
const answer = { text: 'Отопление включено', inSubstance: true, attachments: [] };
const events = {
  handedBack: { ...base, type: 'appeal.handed-back', reason: 'это дороги' },
  accepted: { ...base, type: 'appeal.accepted' },
  answered: { ...base, type: 'appeal.answered', answer },
  forwarding: { ...base, type: 'appeal.forwarding-started', authority: { name: 'Прокуратура' }, why: 'не наша компетенция' },
  closedAnswered: { ...base, type: 'appeal.closed', outcome: 'answered' },
  withdrawn: { ...base, type: 'appeal.closed', outcome: 'withdrawn' },
  coExecutorAnswered: { ...base, unit: 'roads', type: 'appeal.co-executor-answered', leadUnit: 'zhkh', answer },
  reroutedByRouter: { ...base, type: 'appeal.routed', topic: 'roads', unit: 'roads', reason: { kind: 'hand-back', handedBackBy: 'executor-1', fromUnit: 'zhkh' } },
  triageDecidedHousing: { ...base, type: 'appeal.triage-decided', topic: 'housing', unit: 'zhkh' },
  triageDecidedRoads: { ...base, type: 'appeal.triage-decided', topic: 'roads', unit: 'roads' },
} satisfies Record<string, AppealEvent>;

describe('verdictOf, for an auto-routed appeal', () => {
  it('when its unit hands it back or it is routed to another unit, it was wrong', () => {
    expect(verdictOf(auto, events.handedBack)).toEqual({ kind: 'settled', right: false, cause: 'handed-back' });
    expect(verdictOf(auto, events.reroutedByRouter)).toEqual({ kind: 'settled', right: false, cause: 'rerouted' });
    expect(verdictOf(auto, events.triageDecidedRoads)).toEqual({ kind: 'settled', right: false, cause: 'rerouted' });
  });

  it('when its unit answers, starts forwarding or closes it, it was right: the unit can no longer hand it back', () => {
    expect(verdictOf(auto, events.answered)).toEqual({ kind: 'settled', right: true, cause: 'answered' });
    expect(verdictOf(auto, events.forwarding)).toEqual({ kind: 'settled', right: true, cause: 'forwarding-started' });
    expect(verdictOf(auto, events.closedAnswered)).toEqual({ kind: 'settled', right: true, cause: 'closed' });
  });

  it('when its unit only accepts it, says nothing yet: an accepted task may still be handed back', () => {
    expect(verdictOf(auto, events.accepted)).toBeUndefined();
  });

  it('when the citizen withdraws it, drops it; a co-executor’s part or another unit’s hand-back says nothing of the routing', () => {
    expect(verdictOf(auto, events.withdrawn)).toEqual({ kind: 'discard' });
    expect(verdictOf(auto, events.coExecutorAnswered)).toBeUndefined();
    expect(verdictOf(auto, { ...events.handedBack, unit: 'roads' })).toBeUndefined();
  });
});

describe('verdictOf, for an appeal the guard held back', () => {
  it('is right when the person in triage chose the model’s topic, wrong otherwise, and waits for nothing else', () => {
    expect(verdictOf(shadow, events.triageDecidedHousing)).toEqual({ kind: 'settled', right: true, cause: 'triage-agreed' });
    expect(verdictOf(shadow, events.triageDecidedRoads)).toEqual({ kind: 'settled', right: false, cause: 'triage-disagreed' });
    expect(verdictOf(shadow, events.answered)).toBeUndefined();
  });
});

describe('verdictAfterSettlingPeriod', () => {
  it('counts an auto-routed appeal kept that long as right, and drops a held-back one nobody decided', () => {
    expect(verdictAfterSettlingPeriod(auto)).toEqual({ kind: 'settled', right: true, cause: 'settling-period' });
    expect(verdictAfterSettlingPeriod(shadow)).toEqual({ kind: 'discard' });
  });
});

describe('pendingOutcomeOf', () => {
  it('waits for appeals the model routed and for those the guard held back, not for rules or other triage', () => {
    const model = { kind: 'model' as const, modelVersion: 'm-1', confidence: 0.99, threshold: 0.9, topTerms: [] };
    expect(pendingOutcomeOf(auto.appealId, { kind: 'route', topic: 'housing', unit: 'zhkh', reason: model }, decidedAt)).toEqual(auto);
    const rule = { kind: 'keyword-rule' as const, ruleId: 'r', matchedTerms: ['отоплен'] };
    expect(pendingOutcomeOf(auto.appealId, { kind: 'route', topic: 'housing', unit: 'zhkh', reason: rule }, decidedAt)).toBeUndefined();
    expect(pendingOutcomeOf(auto.appealId, { kind: 'triage', reason: { kind: 'ambiguous', candidates: ['housing', 'roads'] } }, decidedAt)).toBeUndefined();
    const held = { kind: 'precision-guard' as const, modelVersion: 'm-1', topic: 'housing' as const, confidence: 0.99, threshold: 0.9, topTerms: [], precision: 0.5, outcomes: 20, target: 0.95, suspendedAt: decidedAt.toISOString() };
    expect(pendingOutcomeOf(auto.appealId, { kind: 'triage', reason: held }, decidedAt)).toEqual({ appealId: auto.appealId, kind: 'shadow', topic: 'housing', modelVersion: 'm-1', decidedAt });
  });
});
