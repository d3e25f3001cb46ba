import { randomUUID } from 'node:crypto';
import type { AppealEvent, AppealReceived, RoutingTopic, UnitCode } from '@priemnaya/contracts';

export interface StoryOptions {
  leadUnit?: UnitCode;
  topic?: RoutingTopic;
  coUnit?: UnitCode;
  /** The unit the appeal is first decided to and that hands it back. */
  firstUnit?: UnitCode;
  receivedAt?: string;
  registrationNumber?: string;
  /** How far the story goes: every event up to and including this many. */
  steps?: number;
}

export interface AppealStory {
  received: AppealReceived;
  /** Every executors' and router's event type, in the order they happened. */
  events: AppealEvent[];
}

let sequence = 0;

/**
 * A realistic life of one appeal with every event type: triage, a person's decision, a
 * hand-back, the re-routing, assignment, acceptance, a co-executor, an extension refused and one
 * approved, the co-executor's part, forwarding to another authority, a reassignment, the answer
 * and the closing. Ids are new on every call.
 */
export function anAppealStory(options: StoryOptions = {}): AppealStory {
  sequence += 1;
  const leadUnit = options.leadUnit ?? 'zhkh';
  const coUnit = options.coUnit ?? 'blagoustroystvo';
  const firstUnit = options.firstUnit ?? 'dorogi';
  const topic = options.topic ?? 'housing';
  const receivedAt = options.receivedAt ?? new Date(Date.parse('2026-11-02T07:00:00.000Z') + sequence * 60_000).toISOString();
  const appealId = randomUUID();
  const registrationNumber = options.registrationNumber ?? `${String(50_000 + (sequence % 40_000)).padStart(5, '0')}/2026`;
  const received: AppealReceived = {
    version: 2,
    appealId,
    registrationNumber,
    channel: 'site',
    kind: 'appeal',
    receivedAt,
    author: { name: 'Петров Пётр Петрович', email: 'petrov@example.org', phone: '+7 900 765-43-21' },
    text: `В подъезде дома 12 по улице Мира течёт крыша, во дворе нет освещения (история ${sequence})`,
    problemAddress: 'ул. Мира, 12',
    attachments: [],
    raw: { format: 'json', body: { 'odd.key': 1 } },
    screening: [],
  };
  const minutes = (count: number) => new Date(Date.parse(receivedAt) + count * 60_000).toISOString();
  const days = (count: number) => minutes(count * 24 * 60);
  const base = (occurredAt: string) => ({
    version: 1 as const,
    eventId: randomUUID(),
    appealId,
    registrationNumber,
    occurredAt,
    channel: received.channel,
    receivedAt,
  });
  const work = (occurredAt: string, by: string, unit: UnitCode = leadUnit) => ({ ...base(occurredAt), by, unit });
  const refused = randomUUID();
  const approved = randomUUID();
  const answer = { text: 'Кровля будет отремонтирована до 15 декабря, освещение восстановлено.', inSubstance: true, attachments: [] };
  const events: AppealEvent[] = [
    { ...base(minutes(1)), type: 'appeal.triaged', reason: { kind: 'no-rule-matched' } },
    { ...base(minutes(20)), type: 'appeal.triage-decided', topic: 'roads', unit: firstUnit, by: 'operator-1', why: 'двор и освещение' },
    { ...work(minutes(60), `executor-${firstUnit}`, firstUnit), type: 'appeal.handed-back', reason: 'Кровля и освещение двора не наши', suggestedUnit: leadUnit, suggestedTopic: topic },
    { ...base(minutes(61)), type: 'appeal.routed', topic, unit: leadUnit, reason: { kind: 'keyword-rule', ruleId: 'roof', matchedTerms: ['крыш'] } },
    { ...work(minutes(90), `supervisor-${leadUnit}`), type: 'appeal.assigned', executorId: `executor-${leadUnit}-1`, mode: 'named' },
    { ...work(minutes(120), `executor-${leadUnit}-1`), type: 'appeal.accepted' },
    { ...work(minutes(180), `executor-${leadUnit}-1`), type: 'appeal.co-executor-added', coExecutorUnit: coUnit, why: 'освещение двора' },
    { ...work(days(2), `executor-${leadUnit}-1`), type: 'appeal.extension-requested', requestId: refused, days: 30, justification: 'нужна экспертиза' },
    { ...work(days(3), `supervisor-${leadUnit}`), type: 'appeal.extension-refused', requestId: refused, why: 'срок достаточен' },
    { ...work(days(4), `executor-${leadUnit}-1`), type: 'appeal.extension-requested', requestId: approved, days: 15, justification: 'ждём подрядчика' },
    { ...work(days(5), `supervisor-${leadUnit}`), type: 'appeal.extension-approved', requestId: approved, days: 15, why: 'обоснованно' },
    { ...work(days(6), `executor-${coUnit}`, coUnit), type: 'appeal.co-executor-answered', leadUnit, answer: { text: 'Освещение восстановлено.', inSubstance: true, attachments: [] } },
    { ...work(days(7), `executor-${leadUnit}-1`), type: 'appeal.forwarding-started', authority: { name: 'Государственная жилищная инспекция', address: 'ул. Ленина, 1' }, why: 'управляющая компания' },
    { ...work(days(8), `executor-${leadUnit}-1`), type: 'appeal.forwarded', authority: { name: 'Государственная жилищная инспекция' }, outgoingNumber: '01-15/777' },
    { ...work(days(13), `supervisor-${leadUnit}`), type: 'appeal.assigned', executorId: `executor-${leadUnit}-2`, mode: 'reassigned', previousExecutorId: `executor-${leadUnit}-1`, why: 'отпуск' },
    { ...work(days(20), `executor-${leadUnit}-2`), type: 'appeal.answered', answer },
    { ...work(days(21), `executor-${leadUnit}-2`), type: 'appeal.closed', outcome: 'answered' },
  ];
  return { received, events: events.slice(0, options.steps ?? events.length) };
}
