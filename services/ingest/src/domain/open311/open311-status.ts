/** GeoReport v2 knows two statuses; every status of the fleet is one of them. */
export type Open311Status = 'open' | 'closed';
export const OPEN311_STATUSES = ['open', 'closed'] as const;

/**
 * The statuses after which nothing more is done on an appeal. Every other one, including a
 * status the fleet adds later and this list does not know yet, is still open: telling a citizen
 * "closed" too early is the worse mistake.
 */
export const CLOSED_APPEAL_STATUSES: readonly string[] = ['forwarded', 'answered', 'closed'];

/** The fleet's statuses of an appeal that has not been closed. */
export const OPEN_APPEAL_STATUSES: readonly string[] = ['received', 'triage', 'routed', 'accepted', 'forwarding'];

export function open311Status(appealStatus: string): Open311Status {
  return CLOSED_APPEAL_STATUSES.includes(appealStatus) ? 'closed' : 'open';
}

/** The fleet's statuses that an Open311 status filter stands for. */
export function appealStatusesOf(statuses: readonly Open311Status[]): string[] {
  return statuses.flatMap((status) => (status === 'closed' ? CLOSED_APPEAL_STATUSES : OPEN_APPEAL_STATUSES));
}

/** What the citizen reads beside the status (`status_notes`); never anything about the text. */
const STATUS_NOTES: Record<string, string> = {
  received: 'Обращение зарегистрировано',
  triage: 'Обращение рассматривается: определяется ответственное подразделение',
  routed: 'Обращение передано исполнителю',
  accepted: 'Обращение рассматривается исполнителем',
  forwarding: 'Обращение направляется по компетенции в другой орган',
  forwarded: 'Обращение направлено по компетенции в другой орган',
  answered: 'На обращение дан ответ',
  closed: 'Рассмотрение обращения завершено',
};

export function statusNotes(appealStatus: string): string {
  return STATUS_NOTES[appealStatus] ?? 'Обращение рассматривается';
}
