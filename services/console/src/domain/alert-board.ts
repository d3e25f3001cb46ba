/** What the board needs of a monitor alert. */
export interface BoardAlert {
  alertId: string;
  type: 'deadline-stage' | 'at-risk';
  appealId: string;
  trigger?: 'time-used' | 'working-days-left' | 'overdue';
  raisedAt: string;
}

/**
 * The supervisor's two lists from the alerts received: an appeal is overdue once its overdue
 * stage fired, otherwise at risk; each appeal once, with its latest alert (the stages of one
 * clock come in escalating order), the latest raised first.
 */
export function alertBoard<A extends BoardAlert>(alerts: readonly A[]): { overdue: A[]; atRisk: A[] } {
  const latest = new Map<string, A>();
  const overdue = new Map<string, A>();
  for (const alert of alerts) {
    if (alert.type === 'deadline-stage' && alert.trigger === 'overdue') overdue.set(alert.appealId, alert);
    const known = latest.get(alert.appealId);
    if (!known || Date.parse(alert.raisedAt) >= Date.parse(known.raisedAt)) latest.set(alert.appealId, alert);
  }
  const newestFirst = (a: A, b: A) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt);
  return {
    overdue: [...overdue.values()].sort(newestFirst),
    atRisk: [...latest.values()].filter((alert) => !overdue.has(alert.appealId)).sort(newestFirst),
  };
}
