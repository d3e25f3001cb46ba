import type { ControlAlert } from '@priemnaya/contracts';
import { cachedValue, collectedGauge, counter } from '@priemnaya/observability';
import type { Db } from 'mongodb';

/** Labels are stage ids, alert types and clock kinds, never anything about the appeal's author. */
const alertsFired = counter(
  'priemnaya_monitor_alerts_fired_total',
  'Alerts on control.alerts raised since this process started, by type, stage (at-risk for the forecast) and clock kind. Every monitor reads every alert: aggregate replicas with max, not sum',
  ['type', 'stage', 'clock_kind'],
);

/** FerretDB scans the collection for a count: at most one count per 30 s, whatever the scrape interval. */
const OPEN_CLOCKS_MAX_AGE_MS = 30_000;

/**
 * Counts an alert read from control.alerts once it was raised after this process started: the
 * feed is read from the topic's beginning at every start, and the alerts of before are not
 * this process's to count again. `startedAt` comes from the monitor's own clock.
 */
export function alertCounter(startedAt: Date): (alert: ControlAlert) => void {
  return (alert) => {
    if (Date.parse(alert.raisedAt) < startedAt.getTime()) return;
    alertsFired.inc({ type: alert.type, stage: alert.type === 'deadline-stage' ? alert.stageId : alert.type, clock_kind: alert.clockKind });
  };
}

/**
 * The number of appeals with a running clock, computed when scraped and cached for 30 s.
 * Returns what stops it (the monitor closing).
 */
export function trackOpenClocks(db: Db): () => void {
  const appeals = db.collection<{ _id: string; open: boolean }>('appeal_clocks');
  const count = cachedValue(() => appeals.countDocuments({ open: true }), OPEN_CLOCKS_MAX_AGE_MS);
  const provisional = cachedValue(
    () => appeals.countDocuments({ open: true, 'state.clocks': { $elemMatch: { status: 'running', provisional: true } } }),
    OPEN_CLOCKS_MAX_AGE_MS,
  );
  const stopOpen = collectedGauge('priemnaya_monitor_open_clocks', 'Appeals with a running legal clock (counted at most every 30 s)', [], async () => [{ labels: {}, value: await count() }]);
  const stopProvisional = collectedGauge(
    'priemnaya_monitor_provisional_clocks',
    'Appeals with a running clock counted through a year whose decree on transfers is not entered (counted at most every 30 s)',
    [],
    async () => [{ labels: {}, value: await provisional() }],
  );
  return () => {
    stopOpen();
    stopProvisional();
  };
}
