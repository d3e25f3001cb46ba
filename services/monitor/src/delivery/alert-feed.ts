import type { ControlAlert } from '@priemnaya/contracts';
import type { Clock } from '../domain/clock.js';

export type AlertListener = (alert: ControlAlert) => void;

/**
 * The alerts of the last days in the order this process read them from `control.alerts`, each
 * once: a repeat of an alert id (produced again after a monitor crashed between producing and
 * recording it) is dropped here, so people never see an alert twice from one feed.
 *
 * Every monitor process reads the whole topic into its own feed, so any of them can serve any
 * stream. A resume point is an alert id: the alerts read after it are sent. Two processes may
 * order alerts of different partitions differently, so a stream resumed on another process also
 * gets the alerts raised shortly before the resume point again (`RESUME_OVERLAP_MS`); clients
 * keep the first copy of an alert id, and nothing after the resume point is lost.
 */
const RESUME_OVERLAP_MS = 5 * 60_000;

export function createAlertFeed(options: { clock: Clock; retentionMs: number; maxAlerts?: number }) {
  const maxAlerts = options.maxAlerts ?? 500_000;
  let alerts: ControlAlert[] = [];
  const known = new Set<string>();
  const listeners = new Set<AlertListener>();

  function prune(): void {
    const oldest = options.clock.now().getTime() - options.retentionMs;
    let drop = 0;
    while (drop < alerts.length && (alerts.length - drop > maxAlerts || Date.parse(alerts[drop]?.raisedAt ?? '') < oldest)) drop += 1;
    if (drop === 0) return;
    for (const alert of alerts.slice(0, drop)) known.delete(alert.alertId);
    alerts = alerts.slice(drop);
  }

  return {
    add(alert: ControlAlert): void {
      if (known.has(alert.alertId)) return;
      known.add(alert.alertId);
      alerts.push(alert);
      if (alerts.length % 1_000 === 0) prune();
      for (const listener of listeners) listener(alert);
    },
    /**
     * The alerts to send a stream that has seen `afterAlertId`, and a subscription to those that
     * follow, taken together so none falls between them.
     */
    follow(afterAlertId: string | undefined, listener: AlertListener): { backlog: ControlAlert[]; unsubscribe: () => void } {
      listeners.add(listener);
      return { backlog: backlogAfter(afterAlertId), unsubscribe: () => listeners.delete(listener) };
    },
    /** Alerts raised in [from, to). */
    raisedBetween(from: number, to: number): ControlAlert[] {
      return alerts.filter((alert) => {
        const at = Date.parse(alert.raisedAt);
        return at >= from && at < to;
      });
    },
    /** The earliest instant the feed still covers. */
    retainedSince(): number {
      return options.clock.now().getTime() - options.retentionMs;
    },
    size: () => alerts.length,
    listeners: () => listeners.size,
  };

  function backlogAfter(afterAlertId: string | undefined): ControlAlert[] {
    if (afterAlertId === undefined) return [...alerts];
    const index = alerts.findIndex((alert) => alert.alertId === afterAlertId);
    if (index === -1) return [...alerts];
    const resumedAt = Date.parse(alerts[index]?.raisedAt ?? '');
    return alerts.filter((alert, position) => position > index || (position < index && Date.parse(alert.raisedAt) >= resumedAt - RESUME_OVERLAP_MS));
  }
}
export type AlertFeed = ReturnType<typeof createAlertFeed>;
