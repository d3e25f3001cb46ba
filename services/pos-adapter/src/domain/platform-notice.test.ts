import { randomUUID } from 'node:crypto';
import type { CitizenNotification } from '@priemnaya/contracts';
import { describe, expect, it } from 'vitest';
import { platformPostsOf } from './platform-notice.js';

const SIGNED_BY = 'Администрация города';

function aNotification(overrides: Partial<CitizenNotification>): CitizenNotification {
  return {
    version: 1,
    notificationId: randomUUID(),
    appealId: randomUUID(),
    registrationNumber: '00001/2026',
    channel: 'pos',
    kind: 'registered',
    occurredAt: '2026-12-01T09:00:00.000Z',
    externalId: 'pos-item-1',
    contacts: {},
    message: 'Ваше обращение № 00001/2026 зарегистрировано 23.11.2026.',
    ...overrides,
  };
}

describe('platformPostsOf', () => {
  it('registered: nothing, the acknowledgement set it', () => {
    expect(platformPostsOf(aNotification({}), SIGNED_BY)).toBeUndefined();
  });

  it('forwarded and extended: the status, with the citizen\'s message as its comment', () => {
    const forwarded = aNotification({ kind: 'forwarded', message: 'Ваше обращение направлено по компетенции.' });
    expect(platformPostsOf(forwarded, SIGNED_BY)).toEqual({ statusChange: { status: 'forwarded', occurredAt: forwarded.occurredAt, comment: forwarded.message } });
    const extended = aNotification({ kind: 'extended', extension: { days: 30 }, message: 'Срок продлён на 30 дней.' });
    expect(platformPostsOf(extended, SIGNED_BY)?.statusChange).toEqual({ status: 'extended', occurredAt: extended.occurredAt, comment: extended.message });
  });

  it('a message longer than a comment may be is left out of the status change', () => {
    const extended = aNotification({ kind: 'extended', message: 'Срок продлён. '.repeat(100) });
    expect(platformPostsOf(extended, SIGNED_BY)?.statusChange.comment).toBeUndefined();
  });

  it('answered: the whole answer, signed, and the answered status', () => {
    const answered = aNotification({ kind: 'answered', message: 'Дан ответ…', answer: { text: 'Фонарь заменён.', inSubstance: true, attachments: [] } });
    expect(platformPostsOf(answered, SIGNED_BY)).toEqual({
      answer: { text: 'Фонарь заменён.', answeredAt: answered.occurredAt, signedBy: SIGNED_BY, attachments: [] },
      statusChange: { status: 'answered', occurredAt: answered.occurredAt },
    });
  });
});
