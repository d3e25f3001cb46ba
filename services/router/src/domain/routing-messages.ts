import type { AppealKind, AppealReceived, Channel, ComplaintAbout, LawKind, OutgoingMessage, RoutingReason, RoutingTopic, UnitCode } from '@priemnaya/contracts';

/** What the router keeps of an appeal to route it again later (hand-backs, triage): no author, no contacts. */
export interface AppealSnapshot {
  appealId: string;
  registrationNumber: string;
  receivedAt: string;
  channel: Channel;
  /** Absent in snapshots kept before it was; the executor then reads the kind from the channel. */
  kind?: AppealKind;
  text: string;
  problemAddress?: string;
  platformCategory?: string;
  /** 59-FZ ст. 4 as intake or a later decision gave it; absent means undecided. */
  lawKind?: LawKind;
  /** For a complaint: whom it contests, never routed to (ст. 8 ч. 6). */
  complaintAbout?: ComplaintAbout;
}

export function snapshotOf(appeal: AppealReceived): AppealSnapshot {
  return {
    appealId: appeal.appealId,
    registrationNumber: appeal.registrationNumber,
    receivedAt: appeal.receivedAt,
    channel: appeal.channel,
    kind: appeal.kind,
    text: appeal.text,
    ...(appeal.problemAddress !== undefined ? { problemAddress: appeal.problemAddress } : {}),
    ...(appeal.platform?.category !== undefined ? { platformCategory: appeal.platform.category } : {}),
    ...lawKindOf(appeal),
  };
}

/** The appeal's kind in the law's sense and whom a complaint contests, as far as known, for its task. */
export function lawKindOf(appeal: Pick<AppealSnapshot, 'lawKind' | 'complaintAbout'>): Pick<AppealSnapshot, 'lawKind' | 'complaintAbout'> {
  return {
    ...(appeal.lawKind !== undefined ? { lawKind: appeal.lawKind } : {}),
    ...(appeal.complaintAbout !== undefined ? { complaintAbout: appeal.complaintAbout } : {}),
  };
}

/** The appeal's kind for its task, when the snapshot knows it (the executor's extension rule needs it). */
export function kindOf(appeal: AppealSnapshot): { kind?: AppealKind } {
  return appeal.kind !== undefined ? { kind: appeal.kind } : {};
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
      payload: { ...common(appeal), unit: route.unit, topic: route.topic, routedAt: when, channel: appeal.channel, ...kindOf(appeal), ...lawKindOf(appeal), text: appeal.text, reason: route.reason },
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
