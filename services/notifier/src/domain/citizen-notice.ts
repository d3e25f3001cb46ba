import { forwardedAuthorities, type AppealEvent, type AppealReceived, type CitizenNotification, type Channel } from '@priemnaya/contracts';
import { answeredMessage, correspondenceEndedMessage, extendedMessage, formatLocalDate, forwardedMessage, formatDate, registeredMessage, returnedComplaintMessage } from './citizen-wording.js';
import { notificationIdOf } from './notification-id.js';

/** How to reach the citizen of one appeal: kept from `appeals.received`, keyed by appeal id. */
export interface AppealAddress {
  appealId: string;
  registrationNumber: string;
  channel: Channel;
  receivedAt: string;
  externalId?: string;
  contacts: CitizenNotification['contacts'];
}

/**
 * A notification without its address: what an event alone tells. An event can arrive before its
 * appeal (two topics), so a notice is parked as it is until the address is known.
 */
export type CitizenNotice = Omit<CitizenNotification, 'channel' | 'externalId' | 'contacts' | 'message'> & {
  /** Registration date, for the wording (every event carries it). */
  receivedAt: string;
};

export function addressOf(appeal: AppealReceived): AppealAddress {
  const { name, email, phone, postalAddress } = appeal.author;
  return {
    appealId: appeal.appealId,
    registrationNumber: appeal.registrationNumber,
    channel: appeal.channel,
    receivedAt: appeal.receivedAt,
    ...(appeal.externalId !== undefined ? { externalId: appeal.externalId } : {}),
    contacts: {
      ...(name !== undefined ? { name } : {}),
      ...(email !== undefined ? { email } : {}),
      ...(phone !== undefined ? { phone } : {}),
      ...(postalAddress !== undefined ? { postalAddress } : {}),
    },
  };
}

/** The registration itself is the first thing told: the appeal's own id stands for the event. */
export function registeredNotice(appeal: AppealReceived): CitizenNotice {
  return {
    version: 1,
    notificationId: notificationIdOf(appeal.appealId, 'registered', appeal.appealId),
    appealId: appeal.appealId,
    registrationNumber: appeal.registrationNumber,
    kind: 'registered',
    occurredAt: appeal.receivedAt,
    receivedAt: appeal.receivedAt,
  };
}

/**
 * The notice an event means for the citizen, or undefined when the citizen is not told of it
 * (59-FZ art. 8 part 3 forwarding, art. 12 part 2 extension, the answer). Exhaustive over the
 * event types, so a new type does not compile until it is decided here.
 */
export function noticeOfEvent(event: AppealEvent): CitizenNotice | undefined {
  const base = { version: 1 as const, appealId: event.appealId, registrationNumber: event.registrationNumber, occurredAt: event.occurredAt };
  switch (event.type) {
    case 'appeal.forwarded':
      return {
        ...base,
        notificationId: notificationIdOf(event.appealId, 'forwarded', event.eventId),
        kind: 'forwarded',
        receivedAt: event.receivedAt,
        forwardedTo: event.authority,
        forwarding: { authorities: forwardedAuthorities(event), partial: event.partial === true },
      };
    case 'appeal.returned-to-citizen':
      return { ...base, notificationId: notificationIdOf(event.appealId, 'returned', event.eventId), kind: 'returned', receivedAt: event.receivedAt };
    case 'appeal.extension-approved':
      // The new date is the extension rule's, carried on the event, so the citizen reads the date
      // the clocks run to; events from before it tell the days only.
      return {
        ...base,
        notificationId: notificationIdOf(event.appealId, 'extended', event.eventId),
        kind: 'extended',
        receivedAt: event.receivedAt,
        extension: { days: event.days, ...(event.newDueDate !== undefined ? { newDueDate: event.newDueDate } : {}) },
      };
    case 'appeal.correspondence-ended':
      return { ...base, notificationId: notificationIdOf(event.appealId, 'correspondence-ended', event.eventId), kind: 'correspondence-ended', receivedAt: event.receivedAt };
    case 'appeal.answered':
      return { ...base, notificationId: notificationIdOf(event.appealId, 'answered', event.eventId), kind: 'answered', receivedAt: event.receivedAt, answer: event.answer };
    case 'appeal.routed':
    case 'appeal.triaged':
    case 'appeal.triage-decided':
    case 'appeal.handed-back':
    case 'appeal.assigned':
    case 'appeal.accepted':
    case 'appeal.co-executor-answered':
    case 'appeal.extension-requested':
    case 'appeal.extension-refused':
    case 'appeal.forwarding-started':
    case 'appeal.co-executor-added':
    case 'appeal.closed':
    case 'appeal.law-kind-decided':
    case 'appeal.tags-set':
      // The administration's own work: the citizen hears of its outcome, not of each step.
      return undefined;
  }
}

/** The notification to produce: the notice, addressed through the appeal's channel, with its wording. */
export function addressNotice(address: AppealAddress, notice: CitizenNotice, timeZone: string): CitizenNotification {
  const { receivedAt, ...fields } = notice;
  const registeredOn = formatDate(receivedAt, timeZone);
  return {
    ...fields,
    channel: address.channel,
    ...(address.externalId !== undefined ? { externalId: address.externalId } : {}),
    contacts: address.contacts,
    message: messageOf(notice, registeredOn, timeZone, address.channel === 'chat' || address.channel === 'telegram'),
  };
}

/** `wholeAnswerInChannel`: the channel's adapter delivers the whole answer (chat widget, Telegram). */
function messageOf(notice: CitizenNotice, registeredOn: string, timeZone: string, wholeAnswerInChannel: boolean): string {
  switch (notice.kind) {
    case 'registered':
      return registeredMessage(notice.registrationNumber, registeredOn);
    case 'forwarded':
      return forwardedMessage(
        notice.registrationNumber,
        registeredOn,
        (notice.forwarding?.authorities ?? (notice.forwardedTo ? [notice.forwardedTo] : [])).map((authority) => authority.name).join('; ') || 'в орган по компетенции',
        notice.forwarding?.partial === true,
      );
    case 'extended': {
      const { newDueDate, newDueAt } = notice.extension ?? {};
      const newDueOn = newDueDate !== undefined ? formatLocalDate(newDueDate) : newDueAt !== undefined ? formatDate(newDueAt, timeZone) : undefined;
      return extendedMessage(notice.registrationNumber, registeredOn, notice.extension?.days ?? 1, newDueOn);
    }
    case 'correspondence-ended':
      return correspondenceEndedMessage(notice.registrationNumber, registeredOn);
    case 'answered':
      return answeredMessage(notice.registrationNumber, registeredOn, notice.answer?.text ?? '', wholeAnswerInChannel);
    case 'returned':
      return returnedComplaintMessage(notice.registrationNumber, registeredOn);
  }
}
