import type { AppealHandedBack, OutgoingMessage, RoutingReason, RoutingTopic, UnitCode } from '@priemnaya/contracts';
import type { RoutingData } from './decide-route.js';
import { contestsUnit } from './complaint-addressee.js';
import { derivedId } from './derived-id.js';
import type { LabelledExampleInput } from './labelled-example.js';
import { findDistrict, resolveUnit, topicOfUnit } from './routing-table.js';
import { routedMessages, triagedMessages, type AppealSnapshot } from './routing-messages.js';

export interface HandBackPorts {
  /** What the router kept of the appeal when it first routed it. */
  appealOf(appealId: string): Promise<AppealSnapshot | undefined>;
  routingData: { current(): Promise<RoutingData> };
  unitExists(unit: string): Promise<boolean>;
  unitTopics: { ensure(unit: string): Promise<void> };
  triageQueue: { reopen(appeal: AppealSnapshot, reason: RoutingReason, handBack: { eventId: string; by: string; unit: UnitCode; reason: string }, at: Date): Promise<void> };
  examples: { record(example: LabelledExampleInput): Promise<void> };
  clock: () => Date;
}

/**
 * "Not our competence": re-routes the appeal to the unit the executor suggested (or the unit the
 * table gives for the topic they suggested), never back to the unit that returned it; without a
 * usable suggestion, to triage. A suggestion that names a topic, or a unit the table gives exactly
 * one topic, becomes a labelled example. Redelivery produces the same messages with the same ids.
 */
export function createHandleHandBack(ports: HandBackPorts) {
  return async function handleHandBack(event: AppealHandedBack): Promise<OutgoingMessage[]> {
    const now = ports.clock();
    const known = await ports.appealOf(event.appealId);
    // An appeal this router never saw (routed elsewhere) is still re-routed; only its text is missing.
    const appeal: AppealSnapshot = known ?? {
      appealId: event.appealId,
      registrationNumber: event.registrationNumber,
      receivedAt: event.receivedAt,
      channel: event.channel,
      text: '',
    };
    const data = await ports.routingData.current();
    const where = { district: findDistrict(appeal.problemAddress, data.districts), channel: appeal.channel };

    let unit: UnitCode | undefined;
    if (event.suggestedUnit !== undefined && (await ports.unitExists(event.suggestedUnit))) unit = event.suggestedUnit;
    else if (event.suggestedTopic !== undefined) unit = resolveUnit(data.table, event.suggestedTopic, where);
    if (unit === event.unit) unit = undefined;
    // 59-FZ ст. 8 ч. 6: a suggestion of the unit a complaint contests is not followed; a person decides.
    const contested = unit !== undefined && contestsUnit(appeal, unit) ? unit : undefined;
    if (contested !== undefined) unit = undefined;
    const topic: RoutingTopic | undefined = event.suggestedTopic ?? (unit !== undefined ? topicOfUnit(data.table, unit) : undefined);

    if (topic !== undefined && known !== undefined && known.text !== '') {
      await ports.examples.record({ key: `hand-back:${event.eventId}`, appealId: event.appealId, text: known.text, topic, source: 'hand-back', by: event.by, at: now });
    }

    const handedBack: RoutingReason = { kind: 'hand-back', handedBackBy: event.by, fromUnit: event.unit };
    const reason: RoutingReason = contested !== undefined ? { kind: 'complaint-addressee', unit: contested, from: 'hand-back' } : handedBack;
    const eventId = derivedId(`rerouted:${event.eventId}`);
    if (unit !== undefined && topic !== undefined) {
      await ports.unitTopics.ensure(unit);
      return routedMessages(appeal, { topic, unit, reason: handedBack }, eventId, now);
    }
    await ports.triageQueue.reopen(appeal, reason, { eventId: event.eventId, by: event.by, unit: event.unit, reason: event.reason }, now);
    return triagedMessages(appeal, reason, eventId, now);
  };
}
