import type { ControlAlert } from '@priemnaya/contracts';
import type { Publisher } from '@priemnaya/kafka';
import { inSpan } from '@priemnaya/observability';
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

const PUBLISH_BATCH = 2_500;
const BATCHES_IN_FLIGHT = 4;

/**
 * Raises alerts at most once per alert id, whoever asks (the stage tick, the at-risk forecast):
 * each is claimed by a unique insert of its id, produced (idempotent producer, all in-sync
 * replicas), and its batch marked produced. An id claimed before is produced again only when its
 * claim was never marked and is this process's or past its lease (its monitor died): the same
 * payload under the same id, for consumers to dedupe. `pending`: claimed by another live monitor.
 */
export function createRaiseAlerts(deps: RaiseDeps) {
  async function raiseBatch(batch: ControlAlert[], now: Date): Promise<{ fired: number; pending: number }> {
    let pending = 0;
    const claimed = await deps.ledger.claim(batch, now);
    deps.faults?.afterClaim?.(batch.map((alert) => alert.alertId));
    const fresh = batch.filter((alert) => !claimed.existing.has(alert.alertId));
    const takenOver: ControlAlert[] = [];
    const claims = await deps.ledger.inspect([...claimed.existing]);
    for (const alert of batch.filter(({ alertId }) => claimed.existing.has(alertId))) {
      const claim = claims.get(alert.alertId);
      if (claim === undefined || claim.produced) continue;
      // Ours from a tick that failed, or another monitor's that died before marking it: the
      // alert is produced again under the same id, for consumers to dedupe.
      const takeOver = claim.session === deps.session || now.getTime() - Date.parse(claim.claimedAt) >= deps.leaseMs;
      // raisedAt as first produced (the claim's time), so every copy is the same payload.
      if (takeOver) takenOver.push({ ...alert, raisedAt: claim.claimedAt });
      else pending += 1;
    }
    const toProduce = [...fresh, ...takenOver];
    if (toProduce.length === 0) return { fired: 0, pending };
    await deps.publisher.publish(toProduce.map((payload) => ({ topic: 'control.alerts' as const, payload })));
    deps.faults?.afterPublish?.(toProduce.map((alert) => alert.alertId));
    // Taken-over claims belong to another batch, whose mark would speak for alerts not produced here.
    await Promise.all([
      fresh.length > 0 ? deps.ledger.markBatchProduced(claimed.batch, now) : undefined,
      deps.ledger.markProduced(takenOver.map((alert) => alert.alertId), now),
    ]);
    return { fired: toProduce.length, pending };
  }

  return async function raise(alerts: ControlAlert[], now: Date): Promise<{ fired: number; pending: number }> {
    const batches: ControlAlert[][] = [];
    for (let start = 0; start < alerts.length; start += PUBLISH_BATCH) batches.push(alerts.slice(start, start + PUBLISH_BATCH));
    // A few batches in flight at once, so one batch's database writes overlap another's produce.
    let next = 0;
    const totals = { fired: 0, pending: 0 };
    await Promise.all(Array.from({ length: Math.min(BATCHES_IN_FLIGHT, batches.length) }, async () => {
      for (let batch = batches[next++]; batch !== undefined; batch = batches[next++]) {
        const { fired, pending } = await inSpan('raise alerts', { 'priemnaya.alerts.batch_size': batch.length }, () => raiseBatch(batch, now));
        totals.fired += fired;
        totals.pending += pending;
      }
    }));
    return totals;
  };
}
export type RaiseAlerts = ReturnType<typeof createRaiseAlerts>;
