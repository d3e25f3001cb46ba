import { ROUTING_TOPICS } from '@priemnaya/contracts';

const TOPIC_NAMES = new Map<string, string>(ROUTING_TOPICS.map((topic) => [topic.code, topic.name]));

/** One topic as the router's `GET /v1/routing/precision` answers it. */
export interface TopicPrecision {
  topic: string;
  state: 'routing' | 'suspended';
  since: string | null;
  outcomes: number;
  right: number;
  precision: number | null;
  lowerBound: number;
  upperBound: number;
}

export interface PrecisionRow {
  topic: string;
  name: string;
  suspended: boolean;
  /** "Приостановлена" or "Маршрутизирует модель". */
  state: string;
  /** "92,0 %" or "нет данных". */
  precision: string;
  /** "23 из 25 верно". */
  window: string;
  /** "86,5–95,8 %", or empty without outcomes. */
  interval: string;
  since: string | null;
}

const percent = (share: number) => `${(share * 100).toFixed(1).replace('.', ',')} %`;

/**
 * The administrator's table of the live precision guard: suspended topics first (they need a
 * look), then the least precise, topics without outcomes last, each in Russian staff words.
 */
export function precisionRows(topics: readonly TopicPrecision[]): PrecisionRow[] {
  const rank = (topic: TopicPrecision) => (topic.state === 'suspended' ? 0 : topic.precision === null ? 2 : 1);
  return [...topics]
    .sort((a, b) => rank(a) - rank(b) || (a.precision ?? 1) - (b.precision ?? 1) || a.topic.localeCompare(b.topic))
    .map((topic) => ({
      topic: topic.topic,
      name: TOPIC_NAMES.get(topic.topic) ?? topic.topic,
      suspended: topic.state === 'suspended',
      state: topic.state === 'suspended' ? 'Приостановлена: обращения идут на ручную маршрутизацию' : 'Маршрутизирует модель',
      precision: topic.precision === null ? 'нет данных' : percent(topic.precision),
      window: `${topic.right} из ${topic.outcomes} верно`,
      interval: topic.outcomes === 0 ? '' : `${percent(topic.lowerBound).replace(' %', '')}–${percent(topic.upperBound)}`,
      since: topic.since,
    }));
}
