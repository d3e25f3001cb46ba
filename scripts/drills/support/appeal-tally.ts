import type { TopicNames } from '@priemnaya/contracts';
import type { Kafka } from '@priemnaya/kafka';
import { SAMPLE_UNITS } from '@priemnaya/reference-data';
import { collectTopics, type CollectedMessage, type TopicCollector } from '@priemnaya/testing';
import type { Db } from 'mongodb';

/**
 * What became of the acknowledged appeals, read from the fleet's own records: the topics (read
 * committed, as the services read them) and the executor's tasks.
 *
 * "Doubled" means one appeal given two outcomes where it must have one: two routing decisions
 * (`appeal.routed` / `appeal.triaged` events) on appeals.events, two task messages on the units'
 * task topics, tasks in two units, two deliveries in a unit's task feed, or one Idempotency-Key
 * acknowledged with two appeal ids (an appeal registered twice). A message repeated with the same
 * identity that its consumers dedupe (appeals.received re-published, an alert with the same
 * alertId, which the contract allows after a crash) is counted and shown, not a failure.
 */
export interface Tally {
  acknowledged: number;
  /** Distinct acknowledged appeals with a routing decision: to a unit or to triage. */
  routed: number;
  triaged: number;
  /** Acknowledged appeals routed to a unit that the executor holds as a task. */
  deliveredAsTasks: number;
  /** Acknowledged appeals the monitor raised at least one alert for. */
  alerted: number;
  missing: { routing: string[]; task: string[]; alert: string[] };
  doubled: { routing: string[]; taskMessages: string[]; tasks: string[]; feed: string[]; keys: string[]; registeredUnacknowledged: string[] };
  /** Repeats of one identity that consumers dedupe: shown, never failures. */
  repeats: { received: number; alerts: number };
}

export interface AppealRecords {
  /** Reads what the topics hold now. */
  read(): Promise<void>;
  tally(input: { acknowledged: ReadonlyMap<string, string>; doubledKeys: readonly { key: string }[]; expectAlerts: boolean }): Promise<Tally>;
  stop(): Promise<void>;
}

export async function readAppealRecords(kafka: Kafka, names: TopicNames, executorDb: Db): Promise<AppealRecords> {
  const topics = {
    received: names.of('appeals.received'),
    events: names.of('appeals.events'),
    alerts: names.of('control.alerts'),
    tasks: SAMPLE_UNITS.map(({ code }) => names.tasks(code)),
  };
  const collector: TopicCollector = await collectTopics(kafka, [topics.received, topics.events, topics.alerts, ...topics.tasks]);
  const taskTopics = new Set(topics.tasks);

  return {
    read: () => collector.readToEnd(),
    stop: () => collector.stop(),
    async tally({ acknowledged, doubledKeys, expectAlerts }) {
      const received = new Map<string, number>();
      const decisions = new Map<string, { type: string; unit?: string }[]>();
      const taskMessages = new Map<string, number>();
      const alertIds = new Map<string, Set<string>>();
      let alertMessages = 0;
      for (const message of collector.messages) {
        const value = message.value as { appealId?: string; type?: string; unit?: string; alertId?: string };
        const appealId = value.appealId ?? '';
        // The load's appeals come by the site form; other channels (the platform's items) are not counted.
        if (message.topic === topics.received) {
          if ((message.value as { channel?: string }).channel === 'site') bump(received, appealId);
        }
        else if (message.topic === topics.events && isDecision(message)) {
          decisions.set(appealId, [...(decisions.get(appealId) ?? []), { type: value.type ?? '', ...(value.unit ? { unit: value.unit } : {}) }]);
        } else if (taskTopics.has(message.topic)) bump(taskMessages, appealId);
        else if (message.topic === topics.alerts) {
          alertMessages += 1;
          alertIds.set(appealId, (alertIds.get(appealId) ?? new Set()).add(value.alertId ?? ''));
        }
      }
      const tasks = new Map<string, string[]>();
      for (const { _id } of await executorDb.collection<{ _id: string }>('tasks').find({}, { projection: { _id: 1 } }).toArray()) {
        const [unit = '', appealId = ''] = _id.split(/:(.*)/s);
        tasks.set(appealId, [...(tasks.get(appealId) ?? []), unit]);
      }
      const feed = new Map<string, number>();
      for (const entry of await executorDb.collection<{ _id: string; unit: string; appealId: string }>('task_feed').find({}, { projection: { unit: 1, appealId: 1 } }).toArray()) {
        bump(feed, `${entry.unit}:${entry.appealId}`);
      }

      const ids = new Set(acknowledged.values());
      const tally: Tally = {
        acknowledged: ids.size,
        routed: 0,
        triaged: 0,
        deliveredAsTasks: 0,
        alerted: 0,
        missing: { routing: [], task: [], alert: [] },
        doubled: {
          routing: [],
          taskMessages: [],
          tasks: [],
          feed: [...feed].filter(([, count]) => count > 1).map(([id]) => id),
          keys: doubledKeys.map(({ key }) => key),
          registeredUnacknowledged: [...received.keys()].filter((id) => !ids.has(id)),
        },
        repeats: {
          received: [...received.values()].reduce((sum, count) => sum + count - 1, 0),
          alerts: alertMessages - [...alertIds.values()].reduce((sum, set) => sum + set.size, 0),
        },
      };
      for (const id of ids) {
        const decided = decisions.get(id) ?? [];
        if (decided.length === 0) tally.missing.routing.push(id);
        if (decided.length > 1) tally.doubled.routing.push(id);
        const toUnit = decided.find(({ type }) => type === 'appeal.routed');
        if (decided.length > 0) tally.routed += 1;
        if (decided.length > 0 && !toUnit) tally.triaged += 1;
        if ((taskMessages.get(id) ?? 0) > 1) tally.doubled.taskMessages.push(id);
        const held = tasks.get(id) ?? [];
        if (held.length > 1) tally.doubled.tasks.push(id);
        if (toUnit && held.includes(toUnit.unit ?? '')) tally.deliveredAsTasks += 1;
        else if (toUnit) tally.missing.task.push(id);
        if (alertIds.has(id)) tally.alerted += 1;
        else if (expectAlerts) tally.missing.alert.push(id);
      }
      return tally;
    },
  };
}

/** Whether a tally shows every acknowledged appeal with one outcome of each kind. */
export function problemsOf(tally: Tally): string[] {
  const problems: string[] = [];
  for (const [what, ids] of Object.entries(tally.missing)) if (ids.length > 0) problems.push(`missing ${what}: ${ids.length} (${ids.slice(0, 3).join(', ')})`);
  for (const [what, ids] of Object.entries(tally.doubled)) if (ids.length > 0) problems.push(`doubled ${what}: ${ids.length} (${ids.slice(0, 3).join(', ')})`);
  return problems;
}

export function formatTally(tally: Tally): string {
  return [
    `acknowledged ${tally.acknowledged}`,
    `routed ${tally.routed} (of them to triage ${tally.triaged})`,
    `delivered as tasks ${tally.deliveredAsTasks}`,
    `alerted ${tally.alerted}`,
    `repeats deduped by consumers: appeals.received ${tally.repeats.received}, alerts ${tally.repeats.alerts}`,
  ].join('; ');
}

function isDecision(message: CollectedMessage): boolean {
  const { type } = message.value as { type?: string };
  return type === 'appeal.routed' || type === 'appeal.triaged';
}

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
