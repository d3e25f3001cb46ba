import { isDuplicateKeyError } from '@priemnaya/database';
import type { Db } from 'mongodb';

/** A `closed` status waiting for the answer (or the forwarding) to be posted first. */
export interface HeldClose {
  appealId: string;
  itemId: string;
  /** The idempotency key of the post. */
  eventId: string;
  occurredAt: string;
  heldAt: Date;
}

/**
 * Closings held back until the portal shows the answer or the forwarding: `closed` comes straight
 * from appeals.events, the answer a hop later through the notifier. Keyed by appeal id, inserted
 * once; small by nature (a closing stays only until its answer is posted or its hold runs out),
 * so the sweep's scan is cheap.
 */
export function createHeldCloseStore(db: Db) {
  const held = db.collection<Omit<HeldClose, 'appealId'> & { _id: string }>('held_closes');
  const toHeld = ({ _id, ...rest }: Omit<HeldClose, 'appealId'> & { _id: string }): HeldClose => ({ appealId: _id, ...rest });
  return {
    async hold(close: HeldClose): Promise<void> {
      const { appealId, ...rest } = close;
      try {
        await held.insertOne({ _id: appealId, ...rest });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    },
    async find(appealId: string): Promise<HeldClose | undefined> {
      const document = await held.findOne({ _id: appealId });
      return document === null ? undefined : toHeld(document);
    },
    async heldBefore(instant: Date): Promise<HeldClose[]> {
      return (await held.find({ heldAt: { $lt: instant } }).toArray()).map(toHeld);
    },
    async release(appealId: string): Promise<void> {
      await held.deleteOne({ _id: appealId });
    },
  };
}
export type HeldCloseStore = ReturnType<typeof createHeldCloseStore>;
