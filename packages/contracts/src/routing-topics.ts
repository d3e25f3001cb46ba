import { z } from 'zod';

/**
 * The 13 routing topics the router predicts ("what is it about"). A city maps each topic,
 * optionally with a district or channel, onto its own units in its routing table.
 */
export const ROUTING_TOPICS = [
  { code: 'housing', name: 'ЖКХ и благоустройство' },
  { code: 'roads', name: 'Дороги' },
  { code: 'transport', name: 'Общественный транспорт' },
  { code: 'ecology', name: 'Экология и отходы' },
  { code: 'health', name: 'Здравоохранение' },
  { code: 'social', name: 'Социальная поддержка' },
  { code: 'education', name: 'Образование' },
  { code: 'construction', name: 'Строительство, архитектура и земля' },
  { code: 'culture_sport', name: 'Культура, спорт, туризм' },
  { code: 'trade', name: 'Торговля и предпринимательство' },
  { code: 'labour', name: 'Труд и занятость' },
  { code: 'governance', name: 'Госуслуги и местное самоуправление' },
  { code: 'other', name: 'Прочее' },
] as const;

export const RoutingTopic = z.enum(
  ROUTING_TOPICS.map((t) => t.code) as [RoutingTopicCode, ...RoutingTopicCode[]],
);
export type RoutingTopic = z.infer<typeof RoutingTopic>;
type RoutingTopicCode = (typeof ROUTING_TOPICS)[number]['code'];

/** A unit code is also part of a Kafka topic name (`tasks.<unit>`), so it is kept to safe characters. */
export const UnitCode = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,39}$/, 'must be 2-40 lower-case latin letters, digits or dashes, starting with a letter');
export type UnitCode = z.infer<typeof UnitCode>;
