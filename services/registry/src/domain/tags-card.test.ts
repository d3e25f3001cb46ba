import { randomUUID } from 'node:crypto';
import type { AppealEvent } from '@priemnaya/contracts';
import { describe, expect, it } from 'vitest';
import { anAppealStory } from '../../test/support/appeal-story.js';
import { foldCard } from './appeal-card.js';
import { factFromReceived, type AppealFact } from './appeal-facts.js';
import { lifecycleOf } from './answer-deadline.js';
import { publicLine, staffLine, statusSetBy } from './history-lines.js';

const story = anAppealStory({ leadUnit: 'zhkh', steps: 6 });
const { received } = story;
const later = (days: number) => new Date(Date.parse(received.receivedAt) + days * 86_400_000).toISOString();
const appeal = { version: 1 as const, appealId: received.appealId, registrationNumber: received.registrationNumber, channel: received.channel, receivedAt: received.receivedAt };
const tagged = (days: number, tags: string[], why?: string): AppealEvent => ({
  ...appeal, eventId: randomUUID(), occurredAt: later(days), by: 'supervisor-zhkh-1', unit: 'zhkh', type: 'appeal.tags-set', tags, ...(why !== undefined ? { why } : {}),
});
const card = (extra: AppealFact[]) => foldCard([factFromReceived(received), ...story.events, ...extra]);

describe('foldCard: the appeal’s tags', () => {
  it('59-ФЗ ст. 12 ч. 1.1: the card shows the tags last set, who set them and why, and no tags until someone sets them', () => {
    expect(card([])).not.toHaveProperty('tags');
    const folded = card([tagged(1, ['migration-law', 'repeat']), tagged(2, ['migration-law'], 'вопрос о регистрации иностранца')]);
    expect(folded?.tags).toEqual({ tags: ['migration-law'], by: 'supervisor-zhkh-1', unit: 'zhkh', at: later(2), why: 'вопрос о регистрации иностранца' });
  });

  it('59-ФЗ ст. 12 ч. 1.1: tags cleared again show as an empty list, whatever order the facts arrive in', () => {
    const facts = [tagged(2, []), tagged(1, ['migration-law'])];
    expect(card(facts)?.tags?.tags).toEqual([]);
    expect(card([...facts].reverse())?.tags?.tags).toEqual([]);
  });

  it('59-ФЗ ст. 12 ч. 1.1: tagging sets no status, and the staff history line carries the tags while the public one does not', () => {
    const fact = tagged(1, ['migration-law'], 'вопрос о регистрации иностранца');
    expect(statusSetBy(fact)).toBeUndefined();
    expect(card([fact])?.status).toBe(card([])?.status);
    expect(staffLine(fact)).toMatchObject({ type: 'appeal.tags-set', by: 'supervisor-zhkh-1', why: 'вопрос о регистрации иностранца', details: { tags: ['migration-law'] } });
    expect(JSON.stringify(publicLine(fact))).not.toContain('migration-law');
  });

  it('59-ФЗ ст. 12 ч. 1.1: the registry maps the tags onto the clocks as the monitor does', () => {
    const fact = tagged(1, ['migration-law']);
    expect(lifecycleOf(fact)).toEqual({ eventId: fact.eventId, appealId: fact.appealId, occurredAt: fact.occurredAt, type: 'tags-set', tags: ['migration-law'] });
  });
});
