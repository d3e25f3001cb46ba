import type { AppealReceived } from '@priemnaya/contracts';
import { LifecycleEvent } from '@priemnaya/deadlines';
import { describe, expect, it } from 'vitest';
import { lifecycleFromReceived } from './lifecycle-from-appeal.js';

const appeal: AppealReceived = {
  version: 2,
  appealId: '00000000-0000-4000-8000-000000000000',
  registrationNumber: '00001/2026',
  channel: 'pos',
  kind: 'platform-message',
  receivedAt: '2026-11-23T07:00:00.000Z',
  author: { name: 'Иванова Мария Петровна' },
  text: 'Во дворе не горит фонарь',
  attachments: [],
  raw: { format: 'grpc', body: {} },
  screening: [],
  platform: { category: 'ZKH.01', filedAt: '2026-11-20T07:00:00.000Z', publishedAt: '2026-11-21T09:30:00.000Z' },
};

describe('lifecycleFromReceived', () => {
  it('a platform message: the registration clock from its filing, the answer term from its publication, and its category code', () => {
    const event = lifecycleFromReceived(appeal);
    expect(event).toMatchObject({ type: 'registered', occurredAt: appeal.receivedAt, receivedAt: '2026-11-20T07:00:00.000Z', clockStartsAt: '2026-11-21T09:30:00.000Z', platformCategory: 'ZKH.01' });
    expect(LifecycleEvent.safeParse(event).success).toBe(true);
  });

  it('an appeal under 59-FZ keeps its term from registration, and carries the pre-screen\'s flags once each for the art. 11 notices', () => {
    const event = lifecycleFromReceived({
      ...appeal,
      channel: 'site',
      kind: 'appeal',
      platform: undefined,
      screening: [{ flag: 'court-decision', reason: 'contests a court decision' }, { flag: 'court-decision', reason: 'again' }, { flag: 'anonymous', reason: 'no surname given' }],
    });
    expect(event).toEqual({ type: 'registered', eventId: `received:${appeal.appealId}`, appealId: appeal.appealId, occurredAt: appeal.receivedAt, channel: 'site', kind: 'appeal', screening: ['court-decision', 'anonymous'] });
  });
});
