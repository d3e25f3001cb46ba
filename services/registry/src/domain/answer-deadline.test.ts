import { describe, expect, it } from 'vitest';
import { anAppealStory } from '../../test/support/appeal-story.js';
import { factFromReceived } from './appeal-facts.js';
import { answerDeadline } from './answer-deadline.js';

describe('answerDeadline', () => {
  const story = anAppealStory({ receivedAt: '2026-11-02T07:00:00.000Z' });
  const received = factFromReceived(story.received);

  it('for a written appeal, is 30 calendar days from registration, at the end of that day in the city', () => {
    expect(answerDeadline([received, ...story.events.slice(0, 6)])).toEqual({
      dueAt: '2026-12-02T21:00:00.000Z', dueDate: '2026-12-02', policyId: 'written-appeal', status: 'running',
    });
  });

  it('moves by the approved extension only; a refused request moves nothing', () => {
    expect(answerDeadline([received, ...story.events.slice(0, 10)])?.dueDate).toBe('2026-12-02');
    expect(answerDeadline([received, ...story.events.slice(0, 11)])).toMatchObject({ dueDate: '2026-12-17', status: 'running' });
  });

  it('stops when the appeal is forwarded to another authority', () => {
    expect(answerDeadline([received, ...story.events])).toMatchObject({ dueDate: '2026-12-17', status: 'stopped', outcome: 'forwarded' });
  });

  it('is unknown until the registration is known', () => {
    expect(answerDeadline(story.events)).toBeUndefined();
    expect(answerDeadline([])).toBeUndefined();
  });
});
