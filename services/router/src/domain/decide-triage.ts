import type { ComplaintAbout, LawKind, OutgoingMessage, RoutingTopic, UnitCode } from '@priemnaya/contracts';
import { contestsUnit } from './complaint-addressee.js';
import { derivedId } from './derived-id.js';
import type { LabelledExampleInput } from './labelled-example.js';
import { kindOf, lawKindOf, type AppealSnapshot } from './routing-messages.js';

export interface TriageDecisionInput {
  topic: RoutingTopic;
  unit: UnitCode;
  why?: string | undefined;
  /** 59-FZ ст. 4: the operator's decision of the kind, and whom a complaint contests. */
  lawKind?: LawKind | undefined;
  complaintAbout?: ComplaintAbout | undefined;
}

interface Decision extends TriageDecisionInput {
  by: string;
  eventId: string;
  decidedAt: Date;
}

interface Entry {
  _id: string;
  appeal: AppealSnapshot;
  openedBy: string;
  state: 'open' | 'decided';
}

export interface DecideTriagePorts<E extends Entry> {
  triage: {
    find(appealId: string): Promise<E | null>;
    claim(entry: E, decision: Decision): Promise<Decision>;
    markDecided(entry: E, decision: Decision): Promise<void>;
  };
  unitExists(unit: string): Promise<boolean>;
  unitTopics: { ensure(unit: string): Promise<void> };
  publisher: { publish(messages: OutgoingMessage[]): Promise<void> };
  examples: { record(example: LabelledExampleInput): Promise<void> };
  clock: () => Date;
  newId: () => string;
}

export type TriageOutcome =
  | { kind: 'decided'; decision: Decision }
  | { kind: 'not-found' }
  | { kind: 'no-such-unit' }
  /** 59-FZ ст. 8 ч. 6: the unit is the one the complaint contests. */
  | { kind: 'complaint-addressee'; unit: UnitCode }
  | { kind: 'already-decided'; decision: Decision };

/**
 * A person decides an appeal from the triage queue: the first decision for this opening of the
 * entry stands (a repeat of it publishes again with the same event id, so a retry after a broker
 * failure is safe); the task and `appeal.triage-decided` follow, and the text with the confirmed
 * topic becomes a labelled example.
 */
export function createDecideTriage<E extends Entry>(ports: DecideTriagePorts<E>) {
  return async function decideTriage(appealId: string, input: TriageDecisionInput, by: string): Promise<TriageOutcome> {
    const entry = await ports.triage.find(appealId);
    if (!entry) return { kind: 'not-found' };
    if (!(await ports.unitExists(input.unit))) return { kind: 'no-such-unit' };
    // What the operator says of the kind now, else what was known of it before.
    const lawKind = input.lawKind !== undefined ? lawKindOf(input) : lawKindOf(entry.appeal);
    if (contestsUnit(lawKind, input.unit)) return { kind: 'complaint-addressee', unit: input.unit };
    const proposed: Decision = {
      topic: input.topic, unit: input.unit, by, eventId: ports.newId(), decidedAt: ports.clock(), ...(input.why ? { why: input.why } : {}),
      ...(input.lawKind !== undefined ? lawKindOf(input) : {}),
    };
    const decision = await ports.triage.claim(entry, proposed);
    if (decision.topic !== input.topic || decision.unit !== input.unit) return { kind: 'already-decided', decision };

    const { appeal } = entry;
    if (appeal.text !== '') {
      await ports.examples.record({ key: `triage:${appealId}:${entry.openedBy}`, appealId, text: appeal.text, topic: decision.topic, source: 'triage-decision', by: decision.by, at: decision.decidedAt });
    }
    await ports.unitTopics.ensure(decision.unit);
    await ports.publisher.publish(messagesFor(appeal, decision));
    await ports.triage.markDecided(entry, decision);
    return { kind: 'decided', decision };
  };
}

/** 59-FZ ст. 4: the operator's decision of the kind, recorded before the routing it came with. */
function lawKindDecidedMessages(appeal: AppealSnapshot, decision: Decision): OutgoingMessage[] {
  if (decision.lawKind === undefined) return [];
  return [
    {
      topic: 'appeals.events',
      payload: {
        version: 1,
        eventId: derivedId(`law-kind:${decision.eventId}`),
        appealId: appeal.appealId,
        registrationNumber: appeal.registrationNumber,
        occurredAt: decision.decidedAt.toISOString(),
        channel: appeal.channel,
        receivedAt: appeal.receivedAt,
        type: 'appeal.law-kind-decided',
        lawKind: decision.lawKind,
        decidedBy: { kind: 'staff', staffId: decision.by },
        ...(decision.complaintAbout !== undefined ? { complaintAbout: decision.complaintAbout } : {}),
      },
    },
  ];
}

function messagesFor(appeal: AppealSnapshot, decision: Decision): OutgoingMessage[] {
  const at = decision.decidedAt.toISOString();
  const common = { version: 1 as const, appealId: appeal.appealId, registrationNumber: appeal.registrationNumber, receivedAt: appeal.receivedAt };
  return [
    {
      topic: 'tasks',
      payload: {
        ...common, unit: decision.unit, topic: decision.topic, routedAt: at, channel: appeal.channel, ...kindOf(appeal),
        ...lawKindOf(decision.lawKind !== undefined ? decision : appeal), text: appeal.text, reason: { kind: 'triage-decision', decidedBy: decision.by },
      },
    },
    ...lawKindDecidedMessages(appeal, decision),
    {
      topic: 'appeals.events',
      payload: {
        ...common,
        eventId: decision.eventId,
        occurredAt: at,
        type: 'appeal.triage-decided',
        channel: appeal.channel,
        topic: decision.topic,
        unit: decision.unit,
        by: decision.by,
        ...(decision.why !== undefined ? { why: decision.why } : {}),
      },
    },
  ];
}
