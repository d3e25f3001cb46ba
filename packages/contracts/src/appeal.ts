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

/**
 * The citizen who wrote, as far as the channel tells. Every field is optional on the appeal: a
 * chat may give only a first name, the platform a name and an e-mail. Whether that is enough to
 * answer is for the pre-screen (art. 11) to flag, never a reason to refuse intake.
 */
export const AppealAuthor = z.strictObject({
  /** The full name as given, surname first when the citizen wrote it so ("Иванов Иван Иванович"). */
  name: z.string().trim().min(1, 'must not be empty').max(300).optional(),
  email: z.email('must be an e-mail address').max(254).optional(),
  phone: Phone.optional(),
  postalAddress: z.string().trim().min(1, 'must not be empty').max(500).optional(),
});
export type AppealAuthor = z.infer<typeof AppealAuthor>;

/** The author of a written appeal on the site form: a name and a way to answer. */
export const SiteAuthor = AppealAuthor.extend({
  name: z.string().trim().min(1, 'must not be empty').max(300),
}).refine((author) => author.email !== undefined || author.phone !== undefined || author.postalAddress !== undefined, {
  message: 'either email, phone or postalAddress is required',
  path: ['email'],
});
export type SiteAuthor = z.infer<typeof SiteAuthor>;

export const GeoPoint = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
export type GeoPoint = z.infer<typeof GeoPoint>;

export const APPEAL_TEXT_MAX_LENGTH = 20_000;
const AppealText = z.string().trim().min(1, 'must not be empty').max(APPEAL_TEXT_MAX_LENGTH);

/** What the public site form submits (`POST /v1/appeals`), apart from attached files. */
export const AppealSubmission = z.strictObject({
  text: AppealText,
  author: SiteAuthor,
  problemAddress: z.string().trim().min(1, 'must not be empty').max(500).optional(),
  location: GeoPoint.optional(),
});
export type AppealSubmission = z.infer<typeof AppealSubmission>;

export const AppealId = z.uuid();
export type AppealId = z.infer<typeof AppealId>;

/**
 * Platform messages (ПОС «сообщения») run on working-day clocks; appeals (обращения) on the
 * calendar days of 59-FZ. Every other channel brings appeals.
 */
export const AppealKind = z.enum(['appeal', 'platform-message']);
export type AppealKind = z.infer<typeof AppealKind>;

/** A file stored by ingest; the appeal carries only the reference. */
export const AttachmentRef = z.strictObject({
  attachmentId: z.string().min(1).max(100),
  fileName: z.string().min(1).max(255),
  contentType: z.string().min(1).max(100),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AttachmentRef = z.infer<typeof AttachmentRef>;

/** The channel's payload exactly as it arrived, for audit and for re-reading a disputed intake. */
export const RawPayload = z.strictObject({
  format: z.enum(['json', 'form', 'multipart', 'grpc']),
  body: z.json(),
});
export type RawPayload = z.infer<typeof RawPayload>;

/** Art. 11 cases the intake pre-screen flags for a person to confirm; a flag never blocks intake. */
export const ScreeningFlag = z.enum(['anonymous', 'obscene', 'threatening', 'no-question', 'repeat']);
export type ScreeningFlag = z.infer<typeof ScreeningFlag>;

export const ScreeningFinding = z.strictObject({
  flag: ScreeningFlag,
  /** For staff; never quotes the citizen's words. */
  reason: z.string().max(300),
  relatedAppealIds: z.array(AppealId).max(20).optional(),
});
export type ScreeningFinding = z.infer<typeof ScreeningFinding>;

/** Art. 13: an oral appeal at a personal reception is recorded on a reception card. */
export const ReceptionCard = z.strictObject({
  /** The intake operator who took it. */
  operatorId: z.string().trim().min(1, 'must not be empty').max(100),
  /** The facts were obvious and the citizen agreed to an oral answer, given there and then. */
  answeredOnTheSpot: z.boolean(),
  oralAnswer: z.string().trim().min(1, 'must not be empty').max(APPEAL_TEXT_MAX_LENGTH).optional(),
});
export type ReceptionCard = z.infer<typeof ReceptionCard>;

/** What the Gosuslugi feedback platform says about its own item. */
export const PlatformDetails = z.strictObject({
  /** The platform's category code, which administrators' routing rules may match. */
  category: z.string().min(1).max(100).optional(),
  /** When the citizen filed it on the platform; the legal clock may start there. */
  filedAt: Timestamp.optional(),
});
export type PlatformDetails = z.infer<typeof PlatformDetails>;

/** Payload of `appeals.received`: a validated, registered appeal from any channel. */
export const AppealReceived = z.strictObject({
  version: z.literal(2),
  appealId: AppealId,
  registrationNumber: RegistrationNumber,
  channel: Channel,
  kind: AppealKind,
  externalId: z.string().min(1).max(200).optional(),
  receivedAt: Timestamp,
  author: AppealAuthor,
  text: z.string().min(1).max(APPEAL_TEXT_MAX_LENGTH),
  problemAddress: z.string().optional(),
  location: GeoPoint.optional(),
  attachments: z.array(AttachmentRef).max(20),
  raw: RawPayload,
  screening: z.array(ScreeningFinding),
  reception: ReceptionCard.optional(),
  platform: PlatformDetails.optional(),
});
export type AppealReceived = z.infer<typeof AppealReceived>;

/**
 * The status a citizen and staff see. An extension or a co-executor does not change it: they are
 * facts on the appeal card.
 */
export const AppealStatus = z.enum(['received', 'triage', 'routed', 'accepted', 'forwarding', 'forwarded', 'answered', 'closed']);
export type AppealStatus = z.infer<typeof AppealStatus>;
  /** When the platform published it (after its moderation); the answer term runs from here. */
  publishedAt: Timestamp.optional(),
