import { z } from 'zod';
import { Timestamp } from './timestamp.js';
import { AppealAuthor, AppealId, Channel } from './appeal.js';
import { AppealAnswer, OutsideAuthority } from './events.js';
import { RegistrationNumber } from './registration-number.js';

/** The status changes a citizen is told about (59-FZ art. 8, 12 and the platform's statuses). */
export const CitizenNoticeKind = z.enum(['registered', 'forwarded', 'extended', 'answered', 'returned', 'correspondence-ended']);
export type CitizenNoticeKind = z.infer<typeof CitizenNoticeKind>;

/**
 * Payload of `notifications.outbound`: one thing to tell one citizen, through the channel the
 * appeal came by. Produced at least once; `notificationId` is stable, so every adapter delivers
 * each notification once.
 */
export const CitizenNotification = z.strictObject({
  version: z.literal(1),
  /** A UUID v5 of the appeal, the kind and the event that caused it. */
  notificationId: z.uuid(),
  appealId: AppealId,
  registrationNumber: RegistrationNumber,
  /** The channel to deliver through: the one the appeal came by. */
  channel: Channel,
  kind: CitizenNoticeKind,
  occurredAt: Timestamp,
  /** Where in the channel: the chat conversation, the Telegram chat, the platform's item. */
  externalId: z.string().min(1).max(200).optional(),
  /** How to reach the citizen outside the channel (e-mail, post), as they gave it. */
  contacts: AppealAuthor.pick({ name: true, email: true, phone: true, postalAddress: true }),
  /** What the citizen reads, in Russian. */
  message: z.string().min(1).max(4_000),
  answer: AppealAnswer.optional(),
  forwardedTo: OutsideAuthority.optional(),
  /** Every body a forwarding went to (`forwardedTo` first) and whether only part of the appeal went (59-FZ ст. 8 ч. 4). */
  forwarding: z.strictObject({ authorities: z.array(OutsideAuthority).min(1).max(10), partial: z.boolean() }).optional(),
  extension: z
    .strictObject({
      days: z.number().int().min(1),
      newDueAt: Timestamp.optional(),
      /** The new last day (`YYYY-MM-DD`, city calendar), as the extension rule gave it on the event. */
      newDueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD').optional(),
    })
    .optional(),
});
export type CitizenNotification = z.infer<typeof CitizenNotification>;
