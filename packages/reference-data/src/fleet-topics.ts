import type { TopicNames, UnitCode } from '@priemnaya/contracts';

/** Every topic the fleet uses for the given units, each with its dead-letter topic. */
export function fleetTopics(names: TopicNames, units: readonly UnitCode[]): string[] {
  const topics = [
    names.of('appeals.received'),
    names.of('appeals.events'),
    names.of('appeals.triage'),
    names.of('control.alerts'),
    ...units.map((unit) => names.tasks(unit)),
  ];
  return [...topics, ...topics.map((topic) => names.deadLetter(topic))];
}
