import { type RoutingTopic } from '@priemnaya/contracts';
import { describe, expect, it } from 'vitest';
import { HELD_OUT_FOLDS, splitHeldOut, unseenAfter, type TaughtLabel } from './held-out-labels.js';

const label = (appealId: string, topic: RoutingTopic, at: string, source = 'triage-decision'): TaughtLabel => ({ appealId, text: `text of ${appealId}`, topic, source, at: new Date(at) });
const TOPICS: RoutingTopic[] = ['housing', 'roads', 'transport'];
// 40 appeals over three topics, decided one a day from 1 January.
const labels = Array.from({ length: 40 }, (_, i) => label(`a${String(i).padStart(2, '0')}`, TOPICS[i % 3] ?? 'housing', new Date(Date.UTC(2026, 0, 1 + i)).toISOString()));
const ids = (list: readonly TaughtLabel[]) => list.map((l) => l.appealId);

describe('unseenAfter', () => {
  const createdAt = new Date('2026-02-01T00:00:00Z');

  it('when the package default routes, every label is unseen', () => {
    expect(unseenAfter({ stored: false, createdAt, labelledExamples: 0 })).toBeNull();
  });

  it('when a stored model trained without people\'s labels routes, every label is unseen', () => {
    expect(unseenAfter({ stored: true, createdAt, labelledExamples: 0 })).toBeNull();
  });

  it('when a stored model trained with people\'s labels routes, only labels decided after it was built are unseen', () => {
    expect(unseenAfter({ stored: true, createdAt, labelledExamples: 12 })).toEqual(createdAt);
  });

  it('when how many labels the stored model had is not known, assumes it saw every earlier one', () => {
    expect(unseenAfter({ stored: true, createdAt, labelledExamples: null })).toEqual(createdAt);
  });
});

describe('splitHeldOut', () => {
  it('when every label is unseen, holds out a quarter of the appeals, every topic in proportion, and trains on the rest', () => {
    const split = splitHeldOut(labels, { after: null, seed: 7 });
    expect(split.unseenAppeals).toBe(40);
    expect(split.heldOut).toHaveLength(40 / HELD_OUT_FOLDS);
    for (const topic of TOPICS) expect(split.heldOut.filter((l) => l.topic === topic).length).toBeGreaterThanOrEqual(3);
    expect([...ids(split.training), ...ids(split.heldOut)].sort()).toEqual(ids(labels));
    expect(ids(split.training).filter((id) => ids(split.heldOut).includes(id))).toEqual([]);
  });

  it('when given the same seed, holds out the same appeals whatever the order of the labels', () => {
    const once = splitHeldOut(labels, { after: null, seed: 7 });
    const again = splitHeldOut([...labels].reverse(), { after: null, seed: 7 });
    expect(ids(again.heldOut).sort()).toEqual(ids(once.heldOut).sort());
  });

  it('when the current model saw the labels before a time, holds out only from those decided after it', () => {
    const after = new Date('2026-01-20T12:00:00Z');
    const split = splitHeldOut(labels, { after, seed: 7 });
    expect(split.unseenAppeals).toBe(20);
    expect(split.heldOut).toHaveLength(5);
    for (const held of split.heldOut) expect(held.at.getTime()).toBeGreaterThan(after.getTime());
    expect(split.training).toHaveLength(35);
  });

  it('when an appeal has two labels, holds it out whole and tests it on the latest', () => {
    const corrections = labels.map((l, i) => label(l.appealId, TOPICS[(i + 1) % 3] ?? 'housing', '2026-03-01T00:00:00Z', 'hand-back'));
    const split = splitHeldOut([...labels, ...corrections], { after: null, seed: 7 });
    expect(split.heldOut).toHaveLength(10);
    expect(new Set(split.heldOut.map((l) => l.source))).toEqual(new Set(['hand-back']));
    expect(split.heldOut).toEqual(corrections.filter((c) => ids(split.heldOut).includes(c.appealId)));
    expect(split.training).toHaveLength(60);
    expect(ids(split.training).filter((id) => ids(split.heldOut).includes(id))).toEqual([]);
  });

  it('when an appeal has a label the current model saw and a later one it did not, keeps the appeal in training', () => {
    const after = new Date('2026-02-15T00:00:00Z');
    const split = splitHeldOut([...labels, label('a05', 'roads', '2026-03-01T00:00:00Z', 'hand-back'), label('new', 'roads', '2026-03-02T00:00:00Z')], { after, seed: 7 });
    expect(split.unseenAppeals).toBe(1);
    expect(ids(split.training).filter((id) => id === 'a05')).toHaveLength(2);
  });

  it('when no label is unseen, holds out nothing', () => {
    expect(splitHeldOut(labels, { after: new Date('2027-01-01T00:00:00Z'), seed: 7 })).toEqual({ training: labels, heldOut: [], unseenAppeals: 0 });
  });
});
