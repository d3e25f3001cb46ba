import type { AppealEvent, AppealReceived } from '@priemnaya/contracts';
import type { Publisher } from '@priemnaya/kafka';
import type { Logger } from 'pino';
import type { AppealAddressStore } from '../data-access/appeal-address-store.js';
import type { NotificationLedger } from '../data-access/notification-ledger.js';
import type { ParkedNoticeStore } from '../data-access/parked-notice-store.js';
import { isBeforeCutOff } from '../domain/notify-cut-off.js';
import { addressNotice, addressOf, noticeOfEvent, registeredNotice, type AppealAddress, type CitizenNotice } from '../domain/citizen-notice.js';

export interface NotifyCitizenDeps {
  addresses: AppealAddressStore;
  parked: ParkedNoticeStore;
  ledger: NotificationLedger;
  publisher: Publisher;
  timeZone: string;
  /** Facts that occurred before it are not told (see notify-cut-off.ts). */
  cutOff: Date;
  logger: Logger;
}

/** Every this many skipped notices one log line counts them (a first deploy may skip a whole history). */
const SKIPPED_LOG_EVERY = 1_000;

/**
 * Turns the appeal topics into notifications on `notifications.outbound`.
 *
 * Delivery is at least once with stable ids, not a Kafka transaction: what a notification needs
 * lives in MongoDB (the address, the parked notices), outside any Kafka transaction, and an
 * event racing its appeal on the other topic may be emitted by either handler, or both. A stable
 * notification id (UUID v5 of appeal, kind, event), the ledger that keeps a redelivery from
 * producing again, and insert-only dedupe by that id in every adapter make each notification
 * reach the citizen once.
 */
export function createNotifyCitizen(deps: NotifyCitizenDeps) {
  let skipped = 0;

  /** True when the notice tells of a fact from before the cut-off: counted, and told to nobody. */
  function tooOld(notice: CitizenNotice): boolean {
    if (!isBeforeCutOff(notice.occurredAt, deps.cutOff)) return false;
    skipped += 1;
    const ids = { appealId: notice.appealId, notificationId: notice.notificationId, kind: notice.kind, skipped, cutOff: deps.cutOff.toISOString() };
    if (skipped === 1 || skipped % SKIPPED_LOG_EVERY === 0) deps.logger.info(ids, 'notices of facts before the cut-off skipped');
    else deps.logger.debug(ids, 'notice of a fact before the cut-off skipped');
    return true;
  }

  async function emit(address: AppealAddress, notice: CitizenNotice): Promise<void> {
    if (tooOld(notice)) return;
    const claim = await deps.ledger.claim(notice.notificationId, notice.appealId);
    if (claim === 'produced') return;
    await deps.publisher.publish([{ topic: 'notifications.outbound', payload: addressNotice(address, notice, deps.timeZone) }]);
    await deps.ledger.markProduced(notice.notificationId);
    deps.logger.info({ appealId: notice.appealId, notificationId: notice.notificationId, kind: notice.kind, channel: address.channel, again: claim === 'unfinished' }, 'notification produced');
  }

  return {
    /** The registration: the address is kept, then the citizen told, then any notice that waited for it. */
    async appealReceived(appeal: AppealReceived): Promise<void> {
      const address = addressOf(appeal);
      // Stored before the parked notices are read: an event handler that parks after this read
      // finds the address on its second look (see eventOccurred), so no notice is left behind.
      await deps.addresses.insertNew(address);
      await emit(address, registeredNotice(appeal));
      for (const notice of await deps.parked.listFor(appeal.appealId)) {
        await emit(address, notice);
        await deps.parked.remove(notice.notificationId);
      }
    },
    async eventOccurred(event: AppealEvent): Promise<void> {
      const notice = noticeOfEvent(event);
      if (notice === undefined || tooOld(notice)) return;
      const address = await deps.addresses.get(event.appealId);
      if (address !== undefined) {
        await emit(address, notice);
        return;
      }
      await deps.parked.park(notice);
      deps.logger.info({ appealId: event.appealId, notificationId: notice.notificationId, kind: notice.kind }, 'notice parked until its appeal is read');
      // The appeal may have been stored between the first look and parking; its handler may
      // then have read the parked notices before this one was there.
      const late = await deps.addresses.get(event.appealId);
      if (late !== undefined) {
        await emit(late, notice);
        await deps.parked.remove(notice.notificationId);
      }
    },
  };
}
export type NotifyCitizen = ReturnType<typeof createNotifyCitizen>;
