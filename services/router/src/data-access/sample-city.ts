import type { RoutingTopic, UnitCode } from '@priemnaya/contracts';
import type { KeywordRule } from '../domain/decide-route.js';

/**
 * Reference data for a sample city, seeded into an empty routing database so that a fresh
 * installation routes at once. A real city replaces it through the admin API (routing issue).
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

/** First-cut keyword rules, one per topic; the trained classifier replaces most of their work. */
export const SAMPLE_KEYWORD_RULES: KeywordRule[] = [
  {
    id: 'sample-housing',
    topic: 'housing',
    stems: ['отоплен', 'батаре', 'подъезд', 'управляющ', 'жкх', 'канализац', 'водоснабж', 'горяч', 'холодн', 'крыш', 'кровл',
      'протека', 'мусор', 'контейнер', 'освещен', 'фонар', 'дворов', 'тротуар', 'детская площадк', 'газон', 'дерев', 'фасад',
      'электроснабж', 'света', 'вод'],
  },
  {
    id: 'sample-roads',
    topic: 'roads',
    stems: ['дорог', 'ямы', 'яма', 'ямк', 'асфальт', 'светофор', 'переход', 'разметк', 'знак', 'гололед', 'наледь', 'проезж',
      'парковк', 'обочин', 'ремонт дорог'],
  },
  {
    id: 'sample-transport',
    topic: 'transport',
    stems: ['автобус', 'маршрут', 'троллейбус', 'трамва', 'остановк', 'проезд', 'расписан', 'маршрутк', 'водител', 'транспорт', 'кондуктор'],
  },
  {
    id: 'sample-ecology',
    topic: 'ecology',
    stems: ['свалк', 'экологи', 'загрязн', 'выброс', 'запах', 'вонь', 'лес', 'вырубк', 'отход', 'мусорн полигон', 'пожар'],
  },
  {
    id: 'sample-health',
    topic: 'health',
    stems: ['поликлиник', 'больниц', 'врач', 'лекарств', 'медицин', 'прививк', 'вакцин', 'скор', 'терапевт', 'фельдшер', 'лечен'],
  },
  {
    id: 'sample-social',
    topic: 'social',
    stems: ['пособи', 'выплат', 'льгот', 'пенси', 'инвалид', 'многодетн', 'малоимущ', 'субсиди', 'материальн помощ', 'соцзащит', 'ветеран'],
  },
  {
    id: 'sample-education',
    topic: 'education',
    stems: ['школ', 'детск сад', 'садик', 'детсад', 'учител', 'ученик', 'образован', 'очеред в сад', 'класс', 'обучен', 'доу'],
  },
  {
    id: 'sample-construction',
    topic: 'construction',
    stems: ['строител', 'стройк', 'застройщ', 'земельн', 'участк', 'дольщик', 'расселен', 'аварийн', 'разрешени на строительств', 'долгостро', 'кадастр'],
  },
  {
    id: 'sample-culture-sport',
    topic: 'culture_sport',
    stems: ['памятник', 'культур', 'спорт', 'стадион', 'библиотек', 'музе', 'театр', 'концерт', 'туризм', 'фестивал'],
  },
  {
    id: 'sample-trade',
    topic: 'trade',
    stems: ['торговл', 'ларек', 'киоск', 'магазин', 'рынок', 'ярмарк', 'продавц', 'предпринимат', 'бизнес', 'товар'],
  },
  {
    id: 'sample-labour',
    topic: 'labour',
    stems: ['зарплат', 'заработн', 'работодател', 'трудоустр', 'безработ', 'центр занятости', 'вакансии', 'увольнен', 'трудов'],
  },
  {
    id: 'sample-governance',
    topic: 'governance',
    stems: ['госуслуг', 'мфц', 'администраци', 'чиновник', 'глав', 'депутат', 'муниципальн услуг', 'прием граждан', 'справк'],
  },
  {
    id: 'sample-other',
    topic: 'other',
    stems: ['собак', 'бездомн', 'животн', 'связь', 'почт', 'интернет', 'банк', 'полици', 'кошк'],
  },
];
