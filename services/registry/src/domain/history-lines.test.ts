import { describe, expect, it } from 'vitest';
import { anAppealStory } from '../../test/support/appeal-story.js';
import { factFromReceived } from './appeal-facts.js';
import { publicLine, staffLine } from './history-lines.js';

describe('history lines', () => {
  const story = anAppealStory({ leadUnit: 'zhkh', coUnit: 'svet', firstUnit: 'dorogi' });
  const facts = [factFromReceived(story.received), ...story.events];

  it('the staff line of every fact says who, and why where the fact gives a reason', () => {
    const lines = facts.map(staffLine);
    expect(lines.map(({ type, by, why, status }) => ({ type, by, why, status }))).toEqual([
      { type: 'appeal.received', by: undefined, why: undefined, status: 'received' },
      { type: 'appeal.triaged', by: undefined, why: undefined, status: 'triage' },
      { type: 'appeal.triage-decided', by: 'operator-1', why: 'двор и освещение', status: 'routed' },
      { type: 'appeal.handed-back', by: 'executor-dorogi', why: 'Кровля и освещение двора не наши', status: 'triage' },
      { type: 'appeal.routed', by: undefined, why: undefined, status: 'routed' },
      { type: 'appeal.assigned', by: 'supervisor-zhkh', why: undefined, status: undefined },
      { type: 'appeal.accepted', by: 'executor-zhkh-1', why: undefined, status: 'accepted' },
      { type: 'appeal.co-executor-added', by: 'executor-zhkh-1', why: 'освещение двора', status: undefined },
      { type: 'appeal.extension-requested', by: 'executor-zhkh-1', why: 'нужна экспертиза', status: undefined },
      { type: 'appeal.extension-refused', by: 'supervisor-zhkh', why: 'срок достаточен', status: undefined },
      { type: 'appeal.extension-requested', by: 'executor-zhkh-1', why: 'ждём подрядчика', status: undefined },
      { type: 'appeal.extension-approved', by: 'supervisor-zhkh', why: 'обоснованно', status: undefined },
      { type: 'appeal.co-executor-answered', by: 'executor-svet', why: undefined, status: undefined },
      { type: 'appeal.forwarding-started', by: 'executor-zhkh-1', why: 'управляющая компания', status: 'forwarding' },
      { type: 'appeal.forwarded', by: 'executor-zhkh-1', why: undefined, status: 'forwarded' },
      { type: 'appeal.assigned', by: 'supervisor-zhkh', why: 'отпуск', status: undefined },
      { type: 'appeal.answered', by: 'executor-zhkh-2', why: undefined, status: 'answered' },
      { type: 'appeal.closed', by: 'executor-zhkh-2', why: undefined, status: 'closed' },
    ]);
    expect(lines[5]?.details).toEqual({ executorId: 'executor-zhkh-1', mode: 'named' });
    expect(lines[11]?.details).toMatchObject({ days: 15 });
    expect(lines[0]?.details).toEqual({ channel: 'site', kind: 'appeal' });
  });

  it('the public line names no person, no reason and no words of anyone', () => {
    const text = JSON.stringify(facts.map(publicLine));
    for (const word of ['executor-zhkh', 'executor-svet', 'supervisor-', 'operator-', 'Петров', 'крыша', 'обоснованно', 'Кровля', 'инспекция', 'by', 'why']) {
      expect(text).not.toContain(word);
    }
    expect(publicLine(story.events[2] ?? facts[0]!)).toEqual({ type: 'appeal.handed-back', occurredAt: story.events[2]?.occurredAt, status: 'triage' });
  });
});
