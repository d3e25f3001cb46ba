import { z } from 'zod';
import { Timestamp } from './timestamp.js';
import { RegistrationNumber } from './registration-number.js';

/** Where an appeal came from. Each channel keeps its own external ids. */
export const Channel = z.enum(['site', 'open311', 'chat', 'telegram', 'pos', 'desk']);
export type Channel = z.infer<typeof Channel>;

const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{4,24}$/, 'must be a phone number of digits, spaces, dashes or brackets');

/** The citizen who wrote. A written appeal needs a way to answer: an e-mail or a phone. */
export const AppealAuthor = z
  .strictObject({
    name: z.string().trim().min(1, 'must not be empty').max(300),
    email: z.email('must be an e-mail address').max(254).optional(),
    phone: Phone.optional(),
    postalAddress: z.string().trim().min(1).max(500).optional(),
  })
  .refine((author) => author.email !== undefined || author.phone !== undefined, {
    message: 'either email or phone is required',
    path: ['email'],
  });
export type AppealAuthor = z.infer<typeof AppealAuthor>;

export const GeoPoint = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
export type GeoPoint = z.infer<typeof GeoPoint>;

export const APPEAL_TEXT_MAX_LENGTH = 20_000;

/** What the public site form submits (`POST /v1/appeals`). */
export const AppealSubmission = z.strictObject({
  text: z.string().trim().min(1, 'must not be empty').max(APPEAL_TEXT_MAX_LENGTH),
  author: AppealAuthor,
  problemAddress: z.string().trim().min(1).max(500).optional(),
  location: GeoPoint.optional(),
});
export type AppealSubmission = z.infer<typeof AppealSubmission>;

export const AppealId = z.uuid();
export type AppealId = z.infer<typeof AppealId>;

/** Payload of `appeals.received`: a validated, registered appeal from any channel. */
export const AppealReceived = z.strictObject({
  version: z.literal(1),
  appealId: AppealId,
  registrationNumber: RegistrationNumber,
  channel: Channel,
  externalId: z.string().min(1).max(200).optional(),
  receivedAt: Timestamp,
  author: AppealAuthor,
  text: z.string().min(1).max(APPEAL_TEXT_MAX_LENGTH),
  problemAddress: z.string().optional(),
  location: GeoPoint.optional(),
});
export type AppealReceived = z.infer<typeof AppealReceived>;

/** The status a citizen and staff see; the executors' work adds accepted, answered, closed and others. */
export const AppealStatus = z.enum(['received', 'triage', 'routed']);
export type AppealStatus = z.infer<typeof AppealStatus>;
