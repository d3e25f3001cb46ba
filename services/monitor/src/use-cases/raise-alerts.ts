import type { ControlAlert } from '@priemnaya/contracts';
import type { Publisher } from '@priemnaya/kafka';
import type { AlertLedger } from '../data-access/alert-ledger.js';

/** Points where a test may stop a tick as a crash would, to prove nothing is lost or doubled. */
export interface TickFaults {
  afterClaim?(alertIds: string[]): void;
  afterPublish?(alertIds: string[]): void;
}

export interface RaiseDeps {
  ledger: AlertLedger;
  publisher: Pick<Publisher, 'publish'>;
  /** This process, in its claims. */
  session: string;
  leaseMs: number;
  faults?: TickFaults;
}

const PUBLISH_BATCH = 1_000;

/**
 * Raises alerts at most once per alert id, whoever asks (the stage tick, the at-risk forecast):
 * each is claimed by a unique insert of its id, produced (idempotent producer, all in-sync
 * replicas), and marked produced. An id claimed before is produced again only when its claim was
 * never marked and is this process's or past its lease (its monitor died): the same payload
 * under the same id, for consumers to dedupe. `pending`: claimed by another live monitor.
 */
export function createRaiseAlerts(deps: RaiseDeps) {
  return async function raise(alerts: ControlAlert[], now: Date): Promise<{ fired: number; pending: number }> {
    let fired = 0;
    let pending = 0;
    for (let start = 0; start < alerts.length; start += PUBLISH_BATCH) {
      const batch = alerts.slice(start, start + PUBLISH_BATCH);
      const existing = await deps.ledger.claim(batch, deps.session, now);
      deps.faults?.afterClaim?.(batch.map((alert) => alert.alertId));
      const toProduce = batch.filter((alert) => !existing.has(alert.alertId));
      for (const alertId of existing) {
        const claim = await deps.ledger.inspect(alertId);
        if (claim === undefined || claim.produced) continue;
        const takeOver = claim.session === deps.session || now.getTime() - Date.parse(claim.claimedAt) >= deps.leaseMs;
        if (takeOver) toProduce.push(claim.alert);
        else pending += 1;
      }
      if (toProduce.length === 0) continue;
      await deps.publisher.publish(toProduce.map((payload) => ({ topic: 'control.alerts' as const, payload })));
      const ids = toProduce.map((alert) => alert.alertId);
      deps.faults?.afterPublish?.(ids);
      await deps.ledger.markProduced(ids, now);
      fired += toProduce.length;
    }
    return { fired, pending };
  };
}
export type RaiseAlerts = ReturnType<typeof createRaiseAlerts>;
