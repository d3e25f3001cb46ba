import { z } from 'zod';
import { Timestamp } from './timestamp.js';
import { AppealReceived } from './appeal.js';
import { AppealEvent } from './events.js';
import { AppealTriaged, TaskAssigned } from './routing.js';
import { ControlAlert } from './alerts.js';
import { CitizenNotification } from './notifications.js';
import type { UnitCode } from './routing-topics.js';

/**
 * The one topic catalog. Every topic is keyed by appeal id, so all facts about one appeal stay
 * ordered on one partition. `tasks` is a family: one topic per unit.
 */
export const TOPIC_CATALOG = {
  'appeals.received': AppealReceived,
  'appeals.events': AppealEvent,
  'appeals.triage': AppealTriaged,
  tasks: TaskAssigned,
  'control.alerts': ControlAlert,
  'notifications.outbound': CitizenNotification,
} as const satisfies Record<string, z.ZodType<{ version: number; appealId: string }>>;

export type TopicId = keyof typeof TOPIC_CATALOG;
export type TopicPayload<T extends TopicId> = z.infer<(typeof TOPIC_CATALOG)[T]>;

/** Payload of `<topic>.dlq`: a message that could not be processed, kept with its reason. */
export const DeadLetter = z.strictObject({
  version: z.literal(1),
  originalTopic: z.string(),
  partition: z.number().int(),
  offset: z.string(),
  key: z.string().nullable(),
  valueBase64: z.string().nullable(),
  reason: z.string(),
  failedAt: Timestamp,
  consumerGroup: z.string(),
});
export type DeadLetter = z.infer<typeof DeadLetter>;

/**
 * Physical topic names. A prefix (empty in a deployment) lets tests and parallel environments
 * share one broker without seeing each other's messages.
 */
export function createTopicNames(prefix = '') {
  const at = (name: string) => `${prefix}${name}`;
  // Compiled once: idOf and unitOfTaskTopic run for every consumed message.
  const taskTopic = new RegExp(`^${escapeRegExp(prefix)}tasks\\.([a-z][a-z0-9-]*)$`);
  const appealTopics = new Map<string, TopicId>(
    (['appeals.received', 'appeals.events', 'appeals.triage', 'control.alerts', 'notifications.outbound'] as const).map((id) => [at(id), id]),
  );
  return {
    prefix,
    of(topic: Exclude<TopicId, 'tasks'>): string {
      return at(topic);
    },
    tasks(unit: UnitCode): string {
      return at(`tasks.${unit}`);
    },
    /** Matches every unit's task topic and nothing else. */
    tasksPattern(): RegExp {
      return new RegExp(taskTopic.source);
    },
    /** The topic a unit's task topic name belongs to, or undefined when it is not one. */
    unitOfTaskTopic(topicName: string): UnitCode | undefined {
      return taskTopic.exec(topicName)?.[1];
    },
    deadLetter(topicName: string): string {
      return `${topicName}.dlq`;
    },
    /** Which catalog entry describes a physical topic name. */
    idOf(topicName: string): TopicId | undefined {
      return taskTopic.test(topicName) ? 'tasks' : appealTopics.get(topicName);
    },
  };
}
export type TopicNames = ReturnType<typeof createTopicNames>;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A message for one catalog topic, typed by it; `tasks` messages go to their unit's topic. */
export type OutgoingMessage = {
  [T in TopicId]: { topic: T; payload: TopicPayload<T> };
}[TopicId];
