import { formatRegistrationNumber, TaskAssigned, type AppealReceived } from '@priemnaya/contracts';
import { describe, expect, it } from 'vitest';
import { routedMessages, snapshotOf } from './routing-messages.js';

const platformMessage: AppealReceived = {
  version: 2,
  appealId: '1c7e8b5f-4d2e-4f8b-8b54-6c3a2d8e9fa1',
  registrationNumber: formatRegistrationNumber(2, 2026),
  channel: 'pos',
  kind: 'platform-message',
  receivedAt: '2026-03-01T10:00:00.000Z',
  author: {},
  text: 'Яма на дороге',
  attachments: [],
  raw: { format: 'json', body: {} },
  screening: [],
};

describe('routedMessages', () => {
  it('ПП РФ № 1802: the task carries the appeal\'s kind, so the executor applies the platform message\'s policy (no extension)', () => {
    const [task] = routedMessages(snapshotOf(platformMessage), { topic: 'roads', unit: 'roads', reason: { kind: 'keyword-rule', ruleId: 'r', matchedTerms: ['яма'] } }, '2b8f9c6a-5e3f-4a9c-9c65-7d4b3e9f0ab2', new Date('2026-03-01T10:00:01.000Z'));
    expect(task?.topic).toBe('tasks');
    expect(TaskAssigned.parse(task?.payload)).toMatchObject({ channel: 'pos', kind: 'platform-message' });
  });

  it('a snapshot kept before kinds were recorded gives a task without one, which the contract still takes', () => {
    const { kind: _kind, ...older } = snapshotOf(platformMessage);
    const [task] = routedMessages(older, { topic: 'roads', unit: 'roads', reason: { kind: 'keyword-rule', ruleId: 'r', matchedTerms: ['яма'] } }, '3c9fad7b-6f4a-4bad-8d76-8e5c4fa01bc3', new Date('2026-03-01T10:00:01.000Z'));
    const parsed = TaskAssigned.parse(task?.payload);
    expect(parsed.kind).toBeUndefined();
  });
});
