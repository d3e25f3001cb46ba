import type { AppealReceived, OutgoingMessage } from '@priemnaya/contracts';
import { decideRoute, type KeywordRule, type RouteDecision, type RouteEntry } from './decide-route.js';

/** A decision as stored: made once per appeal, so a redelivered appeal is routed the same way. */
export interface DecisionRecord {
  appealId: string;
  decision: RouteDecision;
  eventId: string;
  decidedAt: Date;
  publishedAt?: Date;
}

export interface RouteAppealPorts {
  decisions: {
    find(appealId: string): Promise<DecisionRecord | undefined>;
    insertIfAbsent(record: DecisionRecord): Promise<DecisionRecord>;
    markPublished(appealId: string, at: Date): Promise<void>;
  };
  routingData: { current(): Promise<{ rules: KeywordRule[]; table: RouteEntry[] }> };
  /** Makes sure `tasks.<unit>` exists before the first task is produced to it. */
  unitTopics: { ensure(unit: string): Promise<void> };
  publisher: { publish(messages: OutgoingMessage[]): Promise<void> };
  clock: () => Date;
  newId: () => string;
}

/**
 * Routes one appeal from `appeals.received` to its unit's task topic or to triage, and records
 * the change on `appeals.events`. Idempotent: the decision is stored before anything is
 * produced, and an appeal whose messages were produced is not produced again.
 */
export function createRouteAppeal(ports: RouteAppealPorts) {
  return async function routeAppeal(appeal: AppealReceived): Promise<DecisionRecord> {
    const existing = await ports.decisions.find(appeal.appealId);
    if (existing?.publishedAt !== undefined) return existing;

    let record = existing;
    if (record === undefined) {
      const { rules, table } = await ports.routingData.current();
      record = await ports.decisions.insertIfAbsent({
        appealId: appeal.appealId,
        decision: decideRoute(appeal.text, rules, table),
        eventId: ports.newId(),
        decidedAt: ports.clock(),
      });
    }

    if (record.decision.kind === 'route') await ports.unitTopics.ensure(record.decision.unit);
    await ports.publisher.publish(messagesFor(appeal, record));
    const publishedAt = ports.clock();
    await ports.decisions.markPublished(appeal.appealId, publishedAt);
    return { ...record, publishedAt };
  };
}

function messagesFor(appeal: AppealReceived, record: DecisionRecord): OutgoingMessage[] {
  const at = record.decidedAt.toISOString();
  const common = {
    version: 1 as const,
    appealId: appeal.appealId,
    registrationNumber: appeal.registrationNumber,
    receivedAt: appeal.receivedAt,
  };
  const event = { ...common, eventId: record.eventId, occurredAt: at, channel: appeal.channel };
  const { decision } = record;
  if (decision.kind === 'route') {
    return [
      {
        topic: 'tasks',
        payload: { ...common, unit: decision.unit, topic: decision.topic, routedAt: at, text: appeal.text, reason: decision.reason },
      },
      {
        topic: 'appeals.events',
        payload: { ...event, type: 'appeal.routed', topic: decision.topic, unit: decision.unit, reason: decision.reason },
      },
    ];
  }
  return [
    { topic: 'appeals.triage', payload: { ...common, triagedAt: at, reason: decision.reason } },
    { topic: 'appeals.events', payload: { ...event, type: 'appeal.triaged', reason: decision.reason } },
  ];
}
