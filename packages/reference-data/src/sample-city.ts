import type { RoutingTopic, UnitCode } from '@priemnaya/contracts';

/**
 * Units of a sample city, seeded into an empty routing database so that a fresh installation
 * routes at once. A real city replaces them with its own units and routing table.
 */
export const SAMPLE_UNITS: { code: UnitCode; name: string; topics: RoutingTopic[] }[] = [
  { code: 'zhkh', name: 'Управление жилищно-коммунального хозяйства и благоустройства', topics: ['housing'] },
  { code: 'roads', name: 'Управление дорожного хозяйства', topics: ['roads'] },
  { code: 'transport', name: 'Отдел транспорта и связи', topics: ['transport'] },
  { code: 'ecology', name: 'Отдел экологии и природопользования', topics: ['ecology'] },
  { code: 'health', name: 'Отдел по взаимодействию с учреждениями здравоохранения', topics: ['health'] },
  { code: 'social', name: 'Управление социальной защиты населения', topics: ['social'] },
  { code: 'education', name: 'Управление образования', topics: ['education'] },
  { code: 'architecture', name: 'Управление архитектуры, градостроительства и земельных отношений', topics: ['construction'] },
  { code: 'culture-sport', name: 'Управление культуры, спорта и туризма', topics: ['culture_sport'] },
  { code: 'economy', name: 'Управление экономического развития и торговли', topics: ['trade'] },
  { code: 'labour', name: 'Отдел труда и занятости', topics: ['labour'] },
  { code: 'org-control', name: 'Организационно-контрольное управление', topics: ['governance'] },
  { code: 'general', name: 'Общий отдел', topics: ['other'] },
];
