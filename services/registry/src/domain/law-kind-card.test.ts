import { randomUUID } from 'node:crypto';
import type { AppealEvent } from '@priemnaya/contracts';
import { describe, expect, it } from 'vitest';
import { anAppealStory } from '../../test/support/appeal-story.js';
import { foldCard } from './appeal-card.js';
import { factFromReceived, type AppealFact } from './appeal-facts.js';
import { indexEntry } from './appeal-index.js';
import { answerDeadline, lifecycleOf } from './answer-deadline.js';
import { statusSetBy } from './history-lines.js';

const story = anAppealStory({ leadUnit: 'zhkh', steps: 6 });
const { received } = story;
const later = (minutes: number) => new Date(Date.parse(received.receivedAt) + minutes * 86_400_000).toISOString();
const appeal = { version: 1 as const, appealId: received.appealId, registrationNumber: received.registrationNumber, channel: received.channel, receivedAt: received.receivedAt };
const work = (days: number) => ({ ...appeal, eventId: randomUUID(), occurredAt: later(days), by: 'executor-zhkh-1', unit: 'zhkh' });
const decided = (days: number, fields: Partial<Extract<AppealEvent, { type: 'appeal.law-kind-decided' }>>): AppealEvent => ({
  ...appeal, eventId: randomUUID(), occurredAt: later(days), type: 'appeal.law-kind-decided', lawKind: 'complaint', decidedBy: { kind: 'staff', staffId: 'operator-1' }, ...fields,
});
const card = (extra: AppealFact[]) => foldCard([factFromReceived(received), ...story.events, ...extra]);

describe('foldCard: the kind in the law’s sense', () => {
  it('59-ФЗ ст. 4: an appeal nobody has decided is undecided on the card and in the index', () => {
    const folded = card([]);
    expect(folded?.lawKind).toMatchObject({ kind: 'undecided', suggested: false });
    expect(indexEntry(folded!, undefined, 1)).toMatchObject({ lawKind: 'undecided' });
  });

  it('59-ФЗ ст. 4: the classifier’s kind is marked a suggestion until a person confirms it', () => {
    const suggested = card([decided(1, { decidedBy: { kind: 'classifier', cues: ['обжалую'] } })]);
    expect(suggested?.lawKind).toMatchObject({ kind: 'complaint', suggested: true, cues: ['обжалую'] });
    expect(indexEntry(suggested!, undefined, 1)).toMatchObject({ lawKind: 'complaint', lawKindSuggested: true });
    const confirmed = card([decided(1, { decidedBy: { kind: 'classifier', cues: ['обжалую'] } }), decided(2, { complaintAbout: { unit: 'zhkh' } })]);
    expect(confirmed?.lawKind).toMatchObject({ kind: 'complaint', suggested: false, by: 'operator-1', complaintAbout: { unit: 'zhkh' } });
    expect(indexEntry(confirmed!, undefined, 1)).toMatchObject({ lawKind: 'complaint', complaintUnit: 'zhkh' });
    expect(indexEntry(confirmed!, undefined, 1)).not.toHaveProperty('lawKindSuggested');
  });

  it('59-ФЗ ст. 4: a later suggestion never overrides what a person decided', () => {
    const folded = card([decided(1, { lawKind: 'proposal' }), decided(2, { decidedBy: { kind: 'classifier', cues: ['жалоба на действия'] } })]);
    expect(folded?.lawKind).toMatchObject({ kind: 'proposal', suggested: false, by: 'operator-1' });
  });

  it('59-ФЗ ст. 4: the kind intake gave with the appeal is on the card', () => {
    const folded = foldCard([factFromReceived({ ...received, lawKind: 'statement' })]);
    expect(folded?.lawKind).toMatchObject({ kind: 'statement', suggested: false });
  });
});

describe('foldCard: complaints returned and forwarding in parts', () => {
  it('59-ФЗ ст. 8 ч. 7: a complaint returned to the citizen is closed, with the reason and the article', () => {
    const returned: AppealEvent = { ...work(3), type: 'appeal.returned-to-citizen', reason: 'complaint-against-addressee', basis: '59-ФЗ ст. 8 ч. 7' };
    const folded = card([returned]);
    expect(folded).toMatchObject({ status: 'closed', returned: { reason: 'complaint-against-addressee', basis: '59-ФЗ ст. 8 ч. 7', by: 'executor-zhkh-1', unit: 'zhkh' } });
    expect(statusSetBy(returned)).toBe('closed');
  });

  it('59-ФЗ ст. 8 ч. 4: a partial forwarding to several bodies lists them, and the appeal stays in work here', () => {
    const prosecutor = { name: 'Прокуратура города' };
    const inspection = { name: 'Государственная жилищная инспекция' };
    const scope = { authority: prosecutor, authorities: [prosecutor, inspection], partial: true };
    const forwarded: AppealEvent = { ...work(4), type: 'appeal.forwarded', ...scope };
    const folded = card([{ ...work(3), type: 'appeal.forwarding-started', ...scope, why: 'часть вопросов прокуратуры' }, forwarded]);
    expect(folded).toMatchObject({ status: 'accepted', forwarding: { authorities: [prosecutor, inspection], partial: true, sentBy: 'executor-zhkh-1' } });
    expect(statusSetBy(forwarded)).toBe('accepted');
  });

  it('59-ФЗ ст. 8 ч. 3: an old forwarding (one body, no partial) shows that body and the status forwarded', () => {
    const folded = card([{ ...work(4), type: 'appeal.forwarded', authority: { name: 'Прокуратура города' } }]);
    expect(folded).toMatchObject({ status: 'forwarded', forwarding: { authorities: [{ name: 'Прокуратура города' }], partial: false } });
  });
});

describe('the answer deadline on the card: forwarding in part, complaints returned', () => {
  const forwardedPart: AppealFact = { ...work(4), type: 'appeal.forwarded', authority: { name: 'Прокуратура города' }, partial: true };

  it('59-ФЗ ст. 8 ч. 4: a partial forwarding leaves the answer clock running, as the monitor counts it', () => {
    expect(lifecycleOf(forwardedPart)).toMatchObject({ type: 'forwarded', partial: true });
    const facts = [factFromReceived(received), ...story.events, forwardedPart];
    expect(answerDeadline(facts)?.status).toBe('running');
    const { partial: _partial, ...whole } = forwardedPart;
    expect(answerDeadline([factFromReceived(received), ...story.events, whole])).toMatchObject({ status: 'stopped', outcome: 'forwarded' });
  });

  it('59-ФЗ ст. 8 ч. 7: a complaint returned to the citizen stops the answer clock', () => {
    const returned: AppealFact = { ...work(4), type: 'appeal.returned-to-citizen', reason: 'complaint-against-addressee', basis: '59-ФЗ ст. 8 ч. 7' };
    expect(lifecycleOf(returned)).toMatchObject({ type: 'closed' });
    expect(answerDeadline([factFromReceived(received), ...story.events, returned])?.status).toBe('stopped');
  });
});
