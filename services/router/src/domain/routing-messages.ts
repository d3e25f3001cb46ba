import type { AppealReceived, Channel, OutgoingMessage, RoutingReason, RoutingTopic, UnitCode } from '@priemnaya/contracts';

/** What the router keeps of an appeal to route it again later (hand-backs, triage): no author, no contacts. */
export interface AppealSnapshot {
  appealId: string;
  registrationNumber: string;
  receivedAt: string;
  channel: Channel;
  text: string;
  problemAddress?: string;
  platformCategory?: string;
}

export function snapshotOf(appeal: AppealReceived): AppealSnapshot {
  return {
    appealId: appeal.appealId,
    registrationNumber: appeal.registrationNumber,
    receivedAt: appeal.receivedAt,
    channel: appeal.channel,
    text: appeal.text,
    ...(appeal.problemAddress !== undefined ? { problemAddress: appeal.problemAddress } : {}),
    ...(appeal.platform?.category !== undefined ? { platformCategory: appeal.platform.category } : {}),
  };
}

function common(appeal: AppealSnapshot) {
  return { version: 1 as const, appealId: appeal.appealId, registrationNumber: appeal.registrationNumber, receivedAt: appeal.receivedAt };
}

/** The task for a unit and the `appeal.routed` event that records it. */
export function routedMessages(
  appeal: AppealSnapshot,
  route: { topic: RoutingTopic; unit: UnitCode; reason: RoutingReason },
  eventId: string,
  at: Date,
): OutgoingMessage[] {
  const when = at.toISOString();
  return [
    {
      topic: 'tasks',
      payload: { ...common(appeal), unit: route.unit, topic: route.topic, routedAt: when, channel: appeal.channel, text: appeal.text, reason: route.reason },
    },
    {
      topic: 'appeals.events',
      payload: { ...common(appeal), eventId, occurredAt: when, channel: appeal.channel, type: 'appeal.routed', topic: route.topic, unit: route.unit, reason: route.reason },
    },
  ];
}

/** The appeal on `appeals.triage` for a person, and the `appeal.triaged` event that records it. */
export function triagedMessages(appeal: AppealSnapshot, reason: RoutingReason, eventId: string, at: Date): OutgoingMessage[] {
  const when = at.toISOString();
  return [
    { topic: 'appeals.triage', payload: { ...common(appeal), triagedAt: when, reason } },
    { topic: 'appeals.events', payload: { ...common(appeal), eventId, occurredAt: when, channel: appeal.channel, type: 'appeal.triaged', reason } },
  ];
}
