import { z } from 'zod';
import { Timestamp } from './timestamp.js';
import { RegistrationNumber } from './registration-number.js';
import { ComplaintAbout, LawKind } from './law-kind.js';

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
export const ScreeningFlag = z.enum([
  'anonymous', 'crime-report', 'court-decision', 'obscene', 'threatening', 'unreadable',
  'no-question', 'repeat', 'answer-published', 'state-secret',
]);
export type ScreeningFlag = z.infer<typeof ScreeningFlag>;

/** The part of 59-FZ art. 11 each flag rests on; staff tools and clocks branch on the part. */
export const ART11_PART_OF_FLAG: Readonly<Record<ScreeningFlag, '1' | '2' | '3' | '4' | '4.1' | '5' | '5.1' | '6'>> = Object.freeze({
  'anonymous': '1',
  'crime-report': '1',
  'court-decision': '2',
  'obscene': '3',
  'threatening': '3',
  'unreadable': '4',
  'no-question': '4.1',
  'repeat': '5',
  'answer-published': '5.1',
  'state-secret': '6',
});

export const ScreeningFinding = z.strictObject({
  flag: ScreeningFlag,
  /** For staff; never quotes the citizen's words. */
  reason: z.string().max(300),
  /** The rule cited, e.g. "59-ФЗ ст. 11 ч. 4.1"; optional only so messages from before it still parse. */
  basis: z.string().max(100).optional(),
  relatedAppealIds: z.array(AppealId).max(20).optional(),
});
export type ScreeningFinding = z.infer<typeof ScreeningFinding>;

/** The identity documents a citizen presents at a personal reception (59-FZ ст. 13 ч. 2). */
export const IdentityDocumentKind = z.enum([
  'passport-rf', 'temporary-identity-card-rf', 'international-passport-rf', 'military-id',
  'foreign-passport', 'residence-permit', 'refugee-certificate', 'other',
]);
export type IdentityDocumentKind = z.infer<typeof IdentityDocumentKind>;

/**
 * The document the citizen presented, as read from it. The series and number are personal data:
 * kept on the appeal for the card, never in logs, metrics or traces, and shown to staff masked.
 */
export const IdentityDocument = z.strictObject({
  kind: IdentityDocumentKind,
  /** Series and number as printed ("38 04 123456"); messages never quote it. */
  seriesNumber: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(40, 'must be at most 40 characters')
    .regex(/^[0-9A-Za-zА-Яа-яЁё№ -]+$/, 'must be letters, digits, spaces, dashes or №'),
});
export type IdentityDocument = z.infer<typeof IdentityDocument>;

/** The official who conducted the personal reception, as given; not necessarily the one who typed the card. */
export const ReceptionOfficial = z.strictObject({
  staffId: z.string().trim().min(1, 'must not be empty').max(100),
  name: z.string().trim().min(1, 'must not be empty').max(300),
  position: z.string().trim().min(1, 'must not be empty').max(300),
});
export type ReceptionOfficial = z.infer<typeof ReceptionOfficial>;

/**
 * Art. 13: an oral appeal at a personal reception is recorded on a reception card. The fields
 * added after the first version are optional only so that cards from before them still parse;
 * the desk fills every one of them.
 */
export const ReceptionCard = z.strictObject({
  /** The intake operator who typed it. */
  operatorId: z.string().trim().min(1, 'must not be empty').max(100),
  /** The facts were obvious and the citizen agreed to an oral answer, given there and then (59-FZ ст. 13 ч. 3). */
  answeredOnTheSpot: z.boolean(),
  oralAnswer: z.string().trim().min(1, 'must not be empty').max(APPEAL_TEXT_MAX_LENGTH).optional(),
  /** The citizen agreed to be answered orally instead of in writing (59-FZ ст. 13 ч. 3). */
  citizenConsentedToOralAnswer: z.boolean().optional(),
  conductedBy: ReceptionOfficial.optional(),
  /** 59-FZ ст. 13 ч. 2: the citizen presents a document proving their identity. */
  identityDocument: IdentityDocument.optional(),
});
export type ReceptionCard = z.infer<typeof ReceptionCard>;

/**
 * How an oral appeal came to the desk: at a personal reception (with its card) or on the phone
 * hotline, which is not a personal reception and has no card.
 */
export const OralIntake = z.enum(['personal-reception', 'hotline']);
export type OralIntake = z.infer<typeof OralIntake>;

/** What the Gosuslugi feedback platform says about its own item. */
export const PlatformDetails = z.strictObject({
  /** The platform's category code, which administrators' routing rules may match. */
  category: z.string().min(1).max(100).optional(),
  /** When the citizen filed it on the platform; the registration clock starts there. */
  filedAt: Timestamp.optional(),
  /** When the platform published it (after its moderation); the answer term runs from here. */
  publishedAt: Timestamp.optional(),
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
  /** Set on every desk appeal since it was added: a personal reception has its card, a hotline call never. */
  oral: OralIntake.optional(),
  platform: PlatformDetails.optional(),
  /** 59-FZ ст. 4; absent means undecided (every message before it was added). */
  lawKind: LawKind.optional(),
  /** For a complaint: whom it contests, when intake already knows (59-FZ ст. 8 ч. 6). */
  complaintAbout: ComplaintAbout.optional(),
});
export type AppealReceived = z.infer<typeof AppealReceived>;

/**
 * The status a citizen and staff see. An extension or a co-executor does not change it: they are
 * facts on the appeal card.
 */
export const AppealStatus = z.enum(['received', 'triage', 'routed', 'accepted', 'forwarding', 'forwarded', 'answered', 'closed']);
export type AppealStatus = z.infer<typeof AppealStatus>;
