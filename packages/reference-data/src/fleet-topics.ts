import type { TopicNames, UnitCode } from '@priemnaya/contracts';

/** Every topic the fleet uses for the given units, each with its dead-letter topic. */
export function fleetTopics(names: TopicNames, units: readonly UnitCode[]): string[] {
  const topics = [
    names.of('appeals.received'),
    names.of('appeals.events'),
    names.of('appeals.triage'),
    names.of('control.alerts'),
    names.of('notifications.outbound'),
    ...units.map((unit) => names.tasks(unit)),
  ];
  return [...topics, ...topics.map((topic) => names.deadLetter(topic))];
}

/**
 * The event log is kept for good: the registry is rebuilt from it, and every ingest replica
 * reloads its window of recent appeals from `appeals.received` when it starts. The other topics
 * follow the broker's retention.
 */
export const EVENT_LOG_TOPIC_CONFIG = { 'retention.ms': '-1', 'retention.bytes': '-1' } as const;

/** The fleet's topics with the settings each is created with. */
export function fleetTopicSpecs(names: TopicNames, units: readonly UnitCode[]): { name: string; config?: Record<string, string> }[] {
  const eventLog = new Set([names.of('appeals.received'), names.of('appeals.events')]);
  return fleetTopics(names, units).map((name) => (eventLog.has(name) ? { name, config: { ...EVENT_LOG_TOPIC_CONFIG } } : { name }));
}
