import { ROUTING_TOPICS } from '@priemnaya/contracts';

const TOPIC_NAMES = new Map<string, string>(ROUTING_TOPICS.map((topic) => [topic.code, topic.name]));
const TO_TRIAGE = 'обращение уйдёт на ручную маршрутизацию';

/** Reasons without details, by the router's kind. */
const KINDS: Record<string, string> = {
  model: 'классификатор обращений',
  'explicit-rule': 'правило администратора',
  'below-threshold': `классификатор не уверен; ${TO_TRIAGE}`,
  'rule-model-disagreement': `правило и классификатор разошлись; ${TO_TRIAGE}`,
  'precision-guard': `тема приостановлена: точность классификатора по ней ниже цели; ${TO_TRIAGE}`,
  'no-rule-matched': 'не к чему привязаться',
};

/**
 * The desk's reason for a suggestion, for the operator in Russian. The desk words it in English
 * for API clients; the console knows its forms and keeps any other as it came.
 */
export function russianReason(reason: string): string {
  const rule = /^keyword rule (\S+): (.*)$/.exec(reason);
  if (rule) return `правило ${rule[1]}, совпали слова: ${rule[2]}`;
  const tie = /^equally likely topics: (.*); the appeal would go to triage$/.exec(reason);
  if (tie?.[1] !== undefined) {
    const names = tie[1].split(', ').map((code) => TOPIC_NAMES.get(code) ?? code);
    return `темы равновероятны (${names.join(', ')}); ${TO_TRIAGE}`;
  }
  if (reason.startsWith('no unit in the routing table for this topic')) return `для темы нет подразделения в таблице маршрутизации; ${TO_TRIAGE}`;
  return KINDS[reason] ?? reason;
}
