import { ROUTING_TOPICS } from '@priemnaya/contracts';

const TOPIC_NAMES = new Map<string, string>(ROUTING_TOPICS.map((topic) => [topic.code, topic.name]));

export const topicName = (code: string | undefined) => (code ? (TOPIC_NAMES.get(code) ?? code) : '—');

const dateTimeIn = (timeZone?: string) =>
  new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', ...(timeZone ? { timeZone } : {}) });
let DATE_TIME = dateTimeIn();
/** Times are shown in the city's zone (the console's CITY_TIME_ZONE), not the browser's: a deadline's hour is the city's. */
export function showTimesIn(timeZone: string): void {
  DATE_TIME = dateTimeIn(timeZone);
}
export const dateTime = (iso: string | undefined) => (iso ? DATE_TIME.format(new Date(iso)) : '—');
/** A calendar date of the city ("2026-12-23") as "23.12.2026". */
export const date = (localDate: string) => localDate.split('-').reverse().join('.');

export const STATUS_NAMES: Record<string, string> = {
  received: 'зарегистрировано',
  triage: 'на ручной маршрутизации',
  routed: 'направлено',
  new: 'новое',
  assigned: 'назначено',
  accepted: 'принято в работу',
  forwarding: 'пересылается',
  forwarded: 'переслано',
  answered: 'дан ответ',
  closed: 'закрыто',
  'handed-back': 'возвращено',
  withdrawn: 'отозвано',
};
export const statusName = (status: string | undefined) => (status ? (STATUS_NAMES[status] ?? status) : 'статус неизвестен');

/** The kinds of 59-FZ ст. 4, as staff say them. */
export const LAW_KIND_NAMES: Record<string, string> = {
  undecided: 'не определён',
  proposal: 'предложение',
  statement: 'заявление',
  complaint: 'жалоба',
};
export const lawKindName = (kind: string | undefined) => LAW_KIND_NAMES[kind ?? 'undecided'] ?? kind ?? '—';

export const CHANNEL_NAMES: Record<string, string> = {
  site: 'сайт', open311: 'Open311', chat: 'чат', telegram: 'Telegram', pos: 'Госуслуги (ПОС)', desk: 'приёмная',
};

/** A new key per reception card, sent again unchanged when the same card is retried. */
export const newKey = () => crypto.randomUUID();
