import { randomUUID } from 'node:crypto';
import type { AppealEvent } from '@priemnaya/contracts';
import { describe, expect, it } from 'vitest';
import { platformPostsOf } from './platform-notice.js';
import { platformStatusChange } from './platform-status.js';

describe('ending the correspondence on the platform (59-ФЗ ст. 11 ч. 5)', () => {
  it('59-ФЗ ст. 11 ч. 5: the citizen\'s notice closes the item with the decision as its comment', () => {
    const message = 'Уведомляем Вас, что по Вашему обращению № 00001/2026 принято решение о прекращении переписки (часть 5 статьи 11 Федерального закона № 59-ФЗ).';
    const posts = platformPostsOf(
      {
        version: 1, notificationId: randomUUID(), appealId: randomUUID(), registrationNumber: '00001/2026', channel: 'pos', kind: 'correspondence-ended',
        occurredAt: '2026-12-01T09:00:00.000Z', externalId: 'pos-item-1', contacts: {}, message,
      },
      'Администрация города',
    );
    expect(posts).toEqual({ statusChange: { status: 'closed', occurredAt: '2026-12-01T09:00:00.000Z', comment: message } });
  });

  it('the decision event itself posts nothing: its notice and the closing that follows do', () => {
    const event: AppealEvent = {
      version: 1, eventId: randomUUID(), appealId: randomUUID(), registrationNumber: '00001/2026', occurredAt: '2026-12-01T09:00:00.000Z',
      channel: 'pos', receivedAt: '2026-11-20T09:00:00.000Z', by: 'head-1', unit: 'zhkh',
      type: 'appeal.correspondence-ended', decidedAs: 'head', earlierAppealIds: [randomUUID(), randomUUID()], why: 'повтор',
    };
    expect(platformStatusChange(event)).toBeUndefined();
  });
});
