import { randomUUID } from 'node:crypto';
import type { AppealEvent } from '@priemnaya/contracts';
import { describe, expect, it } from 'vitest';
import { anAppealStory } from '../../test/support/appeal-story.js';
import { foldCard } from './appeal-card.js';
import { factFromReceived } from './appeal-facts.js';

// Only the routing and acceptance of the story: the decision comes while the appeal is in work.
const story = anAppealStory({ leadUnit: 'zhkh', steps: 4 });
const { received } = story;
const decidedAt = new Date(Date.parse(received.receivedAt) + 3 * 86_400_000).toISOString();
const work = { version: 1 as const, appealId: received.appealId, registrationNumber: received.registrationNumber, channel: received.channel, receivedAt: received.receivedAt, occurredAt: decidedAt, by: 'supervisor-zhkh', unit: 'zhkh' };
const earlierAppealIds = [randomUUID(), randomUUID()];
const ended: AppealEvent = { ...work, eventId: randomUUID(), type: 'appeal.correspondence-ended', decidedAs: 'supervisor', earlierAppealIds, why: 'тот же вопрос, новых доводов нет' };
const closed: AppealEvent = { ...work, eventId: randomUUID(), type: 'appeal.closed', outcome: 'left-without-answer', article11Part: '5', why: 'тот же вопрос, новых доводов нет' };

describe('foldCard: ending the correspondence', () => {
  it('59-ФЗ ст. 11 ч. 5: the card shows who decided, on which earlier appeals, and the closing under part 5, in any arrival order', () => {
    const facts = [factFromReceived(received), ...story.events];
    for (const order of [[ended, closed], [closed, ended]]) {
      const card = foldCard([...facts, ...order]);
      expect(card?.status).toBe('closed');
      expect(card?.correspondenceEnded).toEqual({ by: 'supervisor-zhkh', decidedAs: 'supervisor', earlierAppealIds, at: decidedAt, why: 'тот же вопрос, новых доводов нет' });
      expect(card?.closing).toMatchObject({ outcome: 'left-without-answer', article11Part: '5' });
    }
  });
});
