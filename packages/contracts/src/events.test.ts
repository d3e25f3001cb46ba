import { describe, expect, it } from 'vitest';
import { AppealEvent, WORK_EVENT_TYPES } from './events.js';
import { CitizenNotification } from './notifications.js';

const work = {
  version: 1,
  eventId: '8a6e0f7e-8f3c-4c1e-9a51-1f2d3c4b5a69',
  appealId: '0b5c4a3e-2d1f-4e6a-9b8c-7d6e5f4a3b2c',
  registrationNumber: '12345/2026',
  occurredAt: '2026-11-23T09:00:00.000Z',
  channel: 'site',
  receivedAt: '2026-11-20T09:00:00.000Z',
  by: 'executor-1',
  unit: 'zhkh',
} as const;

function issuesOf(payload: unknown): string[] {
  const result = AppealEvent.safeParse(payload);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('executors’ events', () => {
  it('every work event type is part of the appeals.events payload', () => {
    const known = AppealEvent.options.map((option) => option.shape.type.value);
    expect(known).toEqual(expect.arrayContaining([...WORK_EVENT_TYPES]));
  });

  it('an extension of more than 30 days is refused, naming the field', () => {
    const request = { ...work, type: 'appeal.extension-requested', requestId: work.eventId, justification: 'нужен выезд комиссии' };
    expect(issuesOf({ ...request, days: 30 })).toEqual([]);
    expect(issuesOf({ ...request, days: 31 })).toEqual([expect.stringMatching(/^days: /)]);
  });

  it('an answer needs its text, and says whether it answers on the merits', () => {
    const answered = { ...work, type: 'appeal.answered', answer: { text: 'Ремонт назначен на 1 декабря.', inSubstance: true, attachments: [] } };
    expect(issuesOf(answered)).toEqual([]);
    expect(issuesOf({ ...answered, answer: { ...answered.answer, text: '   ' } })).toEqual(['answer.text: must not be empty']);
    expect(issuesOf({ ...answered, answer: { text: 'Ответ', attachments: [] } })).toEqual([expect.stringMatching(/^answer\.inSubstance: /)]);
  });

  it('59-ФЗ ст. 12 ч. 1.1: an appeal\'s tags, which deadline policies match, are lower-case latin words of 2-40 characters, at most 20', () => {
    const tagged = { ...work, type: 'appeal.tags-set', tags: ['migration-law'] };
    expect(issuesOf(tagged)).toEqual([]);
    expect(issuesOf({ ...tagged, tags: [] })).toEqual([]);
    expect(issuesOf({ ...tagged, tags: ['Migration Law'] })).toEqual(['tags.0: must be 2-40 lower-case latin letters, digits or dashes']);
    expect(issuesOf({ ...tagged, tags: ['x'] })).toEqual(['tags.0: must be 2-40 lower-case latin letters, digits or dashes']);
    expect(issuesOf({ ...tagged, tags: Array.from({ length: 21 }, (_, index) => `tag-${index}`) })).toEqual([expect.stringMatching(/^tags: /)]);
  });

  it('an action without who did it is refused', () => {
    const { by: _by, ...anonymous } = work;
    expect(issuesOf({ ...anonymous, type: 'appeal.accepted' })).toEqual([expect.stringMatching(/^by: /)]);
  });
});

describe('citizen notifications', () => {
  it('carry the channel, the kind and what the citizen reads', () => {
    const notification = {
      version: 1,
      notificationId: work.eventId,
      appealId: work.appealId,
      registrationNumber: work.registrationNumber,
      channel: 'telegram',
      kind: 'answered',
      occurredAt: work.occurredAt,
      externalId: '777:1',
      contacts: {},
      message: 'На ваше обращение 12345/2026 дан ответ.',
    };
    expect(CitizenNotification.safeParse(notification).success).toBe(true);
    expect(CitizenNotification.safeParse({ ...notification, kind: 'closed' }).success).toBe(false);
  });
});
