import { randomUUID } from 'node:crypto';
import type { AppealEvent } from '@priemnaya/contracts';
import { describe, expect, it } from 'vitest';
import { anAppealStory } from '../../test/support/appeal-story.js';
import { factFromReceived, type AppealFact } from './appeal-facts.js';
import { deadlinesOf } from './answer-deadline.js';
import { isOnTime, unitTimeline } from './unit-timeline.js';

const zone = 'Europe/Moscow';

function timelineOf(facts: AppealFact[]) {
  return unitTimeline(facts, deadlinesOf(facts), zone);
}

/** The story's event of a type, moved to another time with a new id. */
function moved(events: AppealEvent[], type: AppealEvent['type'], occurredAt: string): AppealEvent {
  const event = events.find((candidate) => candidate.type === type);
  if (event === undefined) throw new Error(`no ${type} in the story`);
  return { ...event, eventId: randomUUID(), occurredAt };
}

describe('isOnTime', () => {
  const dueAt = '2026-12-02T21:00:00.000Z';

  it('is on time up to and including the instant the answer is due', () => {
    expect(isOnTime('2026-12-02T20:59:59.999Z', dueAt)).toBe(true);
    expect(isOnTime(dueAt, dueAt)).toBe(true);
    expect(isOnTime('2026-12-02T21:00:00.001Z', dueAt)).toBe(false);
  });

  it('is not on time while no deadline is known', () => {
    expect(isOnTime('2026-11-03T10:00:00.000Z', undefined)).toBe(false);
  });
});

describe('unitTimeline', () => {
  // Received 2026-11-02 10:00 in Moscow; decided to dorogi, handed back, routed to zhkh with
  // blagoustroystvo as co-executor, 15 days' extension, the part answered on day 6, forwarded on
  // day 8, answered on day 20 and closed on day 21.
  const story = anAppealStory({ receivedAt: '2026-11-02T07:00:00.000Z', leadUnit: 'zhkh', coUnit: 'blagoustroystvo', firstUnit: 'dorogi' });
  const facts: AppealFact[] = [factFromReceived(story.received), ...story.events];
  const at = (type: AppealEvent['type']) => story.events.find((event) => event.type === type)?.occurredAt;

  it('counts each unit the appeal was routed to, each co-executor part, and each answer on its city day', () => {
    const marks = timelineOf(facts).marks.map(({ unit, date, kind }) => `${date} ${unit} ${kind}`);
    expect(marks).toEqual([
      '2026-11-02 dorogi received',
      '2026-11-02 zhkh received',
      '2026-11-02 blagoustroystvo received',
      '2026-11-08 blagoustroystvo answered',
      '2026-11-08 blagoustroystvo answered-on-time',
      '2026-11-22 zhkh answered',
      '2026-11-22 zhkh answered-on-time',
    ]);
  });

  it('holds the appeal in a unit from its routing until it leaves: the hand-back ends dorogi, the forwarding zhkh', () => {
    const { spans } = timelineOf(facts);
    const dueAt = deadlinesOf(facts).answer?.dueAt;
    expect(dueAt).toBe('2026-12-17T21:00:00.000Z');
    expect(spans).toEqual([
      { unit: 'dorogi', part: 'lead', from: at('appeal.triage-decided'), to: at('appeal.handed-back'), dueAt },
      { unit: 'zhkh', part: 'lead', from: at('appeal.routed'), to: at('appeal.forwarded'), dueAt },
      { unit: 'blagoustroystvo', part: 'co-executor', from: at('appeal.co-executor-added'), to: at('appeal.co-executor-answered'), dueAt: deadlinesOf(facts).partDueAt.blagoustroystvo },
    ]);
  });

  it('is the same whatever the order and repetition of the facts', () => {
    const shuffled = [...facts, ...facts.slice(3, 9)].reverse();
    expect(timelineOf(shuffled)).toEqual(timelineOf(facts));
  });

  it('gives one mark id per event and kind, so a repeated event adds no mark', () => {
    const ids = timelineOf([...facts, ...facts]).marks.map(({ id }) => id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(`${story.received.appealId}:${story.events[3]?.eventId}:received`);
  });

  it('leaves an appeal open in its unit until something ends it, with its deadline', () => {
    const { spans } = timelineOf([factFromReceived(story.received), ...story.events.slice(0, 6)]);
    expect(spans.at(-1)).toEqual({ unit: 'zhkh', part: 'lead', from: at('appeal.routed'), dueAt: '2026-12-02T21:00:00.000Z' });
  });

  it('counts an answer after the deadline as answered but not on time', () => {
    const late = [factFromReceived(story.received), ...story.events.slice(0, 6), moved(story.events, 'appeal.answered', '2026-12-03T07:00:00.000Z')];
    expect(timelineOf(late).marks.filter(({ unit }) => unit === 'zhkh').map(({ date, kind }) => `${date} ${kind}`)).toEqual([
      '2026-11-02 received',
      '2026-12-03 answered',
    ]);
  });

  it('counts the extended deadline: an answer after the first deadline but within the extension is on time', () => {
    const extended = [factFromReceived(story.received), ...story.events.slice(0, 11), moved(story.events, 'appeal.answered', '2026-12-10T07:00:00.000Z')];
    expect(timelineOf(extended).marks.filter(({ unit }) => unit === 'zhkh').map(({ kind }) => kind)).toEqual(['received', 'answered', 'answered-on-time']);
  });

  it('counts a second routing to the unit already leading once', () => {
    const again = moved(story.events, 'appeal.routed', at('appeal.accepted') ?? '');
    const marks = timelineOf([...facts.slice(0, 7), again]).marks.filter(({ unit }) => unit === 'zhkh');
    expect(marks.map(({ kind }) => kind)).toEqual(['received']);
  });

  it('withdraws a co-executor part still open when the lead answers', () => {
    const withoutPartAnswer = facts.filter((fact) => fact.type !== 'appeal.co-executor-answered' && fact.type !== 'appeal.forwarded' && fact.type !== 'appeal.forwarding-started');
    const part = timelineOf(withoutPartAnswer).spans.find(({ unit }) => unit === 'blagoustroystvo');
    expect(part?.to).toBe(at('appeal.answered'));
  });

  it('marks nothing before the appeal reaches a unit', () => {
    expect(timelineOf(facts.slice(0, 2))).toEqual({ marks: [], spans: [] });
  });
});
