import { describe, expect, it } from 'vitest';
import { inboxOrder, mergeByAppeal } from './inbox-order.js';

describe('the inbox order', () => {
  it('puts the nearest deadline first, overdue at the top, unknown deadlines last by age', () => {
    const ordered = inboxOrder([
      { appealId: 'a', receivedAt: '2026-11-01T10:00:00Z', dueAt: '2026-12-01T20:59:59Z' },
      { appealId: 'b', receivedAt: '2026-11-20T10:00:00Z' },
      { appealId: 'c', receivedAt: '2026-10-01T10:00:00Z', dueAt: '2026-11-01T20:59:59Z' },
      { appealId: 'd', receivedAt: '2026-11-10T10:00:00Z', dueAt: '2026-11-25T20:59:59Z' },
      { appealId: 'e', receivedAt: '2026-11-19T10:00:00Z' },
    ]);
    expect(ordered.map((entry) => entry.appealId)).toEqual(['c', 'd', 'a', 'e', 'b']);
  });

  it('breaks ties by registration time, then id, so the order is stable', () => {
    const due = '2026-12-01T20:59:59Z';
    const ordered = inboxOrder([
      { appealId: 'z', receivedAt: '2026-11-01T10:00:00Z', dueAt: due },
      { appealId: 'y', receivedAt: '2026-11-01T10:00:00Z', dueAt: due },
      { appealId: 'x', receivedAt: '2026-11-02T10:00:00Z', dueAt: due },
    ]);
    expect(ordered.map((entry) => entry.appealId)).toEqual(['y', 'z', 'x']);
  });
});

describe('tasks arriving live', () => {
  it('replaces a redelivered task instead of listing it twice, keeping what was known of it', () => {
    const merged = mergeByAppeal(
      [{ appealId: 'a', status: 'new', dueAt: '2026-12-01T20:59:59Z' }],
      [{ appealId: 'a', status: 'accepted' }, { appealId: 'b', status: 'new' }],
    );
    expect(merged).toEqual([{ appealId: 'a', status: 'accepted', dueAt: '2026-12-01T20:59:59Z' }, { appealId: 'b', status: 'new' }]);
  });
});
