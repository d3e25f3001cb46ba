import type {
  AppealAuthor,
  AppealKind,
  AppealReceived,
  AttachmentRef,
  Channel,
  GeoPoint,
  OralIntake,
  OutgoingMessage,
  PlatformDetails,
  RawPayload,
  ReceptionCard,
  RegistrationNumber,
  ScreeningFinding,
} from '@priemnaya/contracts';
import { AppError, UnavailableError } from '@priemnaya/errors';
import type { TextSignature } from '@priemnaya/prescreen';
import { fingerprint } from './fingerprint.js';
import { registrationYear } from './registration-year.js';

/** An appeal as ingest keeps it: the Kafka payload, and whether Kafka has acknowledged it. */
export interface StoredAppeal {
  appeal: AppealReceived;
  fingerprint: string;
  acknowledgedAt?: Date;
  /** How the pre-screen finds this appeal again: the author's normalised keys and a text signature. */
  screeningIndex: ScreeningIndex;
  /** The person's earlier appeals on the same matter when it was registered; absent on appeals from before. */
  similarAppealIds?: string[];
}

export interface ScreeningIndex {
  personKeys: string[];
  signature: TextSignature;
}

export interface Screening {
  findings: ScreeningFinding[];
  index: ScreeningIndex;
  /** Not an art. 11 case: the person's earlier appeals on the same matter, most similar first, for the desk's warning. */
  similarAppealIds: string[];
}

/** An appeal as a channel hands it over, before registration. */
export interface AppealIntake {
  channel: Channel;
  kind: AppealKind;
  /** The client's `Idempotency-Key`. */
  idempotencyKey?: string;
  /** The channel's own id of the item; a resend with it gives the same appeal. */
  externalId?: string;
  author: AppealAuthor;
  text: string;
  problemAddress?: string;
  location?: GeoPoint;
  attachments: AttachmentRef[];
  raw: RawPayload;
  reception?: ReceptionCard;
  /** A desk appeal's way in: a personal reception (with its card) or the hotline (without). */
  oral?: OralIntake;
  platform?: PlatformDetails;
}

export interface SubmitAppealPorts {
  /** Binds a dedup key to the first appeal id it was used with, atomically. */
  intakeKeys: { claim(key: string, appealId: string, fingerprint: string): Promise<{ appealId: string; fingerprint: string }> };
  appeals: {
    find(appealId: string): Promise<StoredAppeal | undefined>;
    /** Stores the appeal unless one with its id exists; returns whichever is stored. */
    insertIfAbsent(stored: StoredAppeal): Promise<StoredAppeal>;
    markAcknowledged(appealId: string, at: Date): Promise<void>;
  };
  registrationNumbers: { next(year: number): Promise<RegistrationNumber> };
  /** The art. 11 pre-screen; its findings travel with the appeal and never block it. */
  screen(intake: AppealIntake, receivedAt: Date): Promise<Screening>;
  /**
   * Files an acknowledged appeal under its author's keys for later pre-screens and lookups. A
   * hint, not a record: it never fails the registration that Kafka already has.
   */
  recordPerson(appeal: AppealReceived, index: ScreeningIndex): Promise<void>;
  publisher: { publish(messages: OutgoingMessage[], options?: { withinMs?: number }): Promise<void> };
  /**
   * How long one registration may take in all. Past it the caller is answered 503 at once (a
   * database or broker that froze would hold it for every step's own timeout in turn), and the
   * work left behind stops before publishing, so an appeal whose caller was told to retry is not
   * sent behind its back; the retry with the same key finds it and sends it.
   */
  deadlineMs?: number;
  /** The acknowledgement could not be recorded after Kafka took the appeal; the registration stands. */
  onUnrecordedAcknowledgement?: (appealId: string, error: unknown) => void;
  clock: () => Date;
  newId: () => string;
  timeZone: string;
}

export interface Registration {
  appealId: string;
  registrationNumber: RegistrationNumber;
  receivedAt: string;
  /** True when this intake repeated an earlier one and got its answer back. */
  replayed: boolean;
  screening: ScreeningFinding[];
  /** The person's earlier appeals on the same matter, most similar first, answered or not. */
  similarAppealIds: string[];
}

/**
 * Channels whose external id alone says which item it is: the platform republishes an item after
 * editing its metadata (docs/pos-platform-contract.md), and that is the same appeal, registered
 * once. Elsewhere a different appeal under a used key or id is a client's mistake.
 */
const EXTERNAL_ID_IS_IDENTITY: ReadonlySet<Channel> = new Set(['pos']);

/** The same idempotency key was sent with a different appeal: a client bug, never retried. */
export class IdempotencyKeyConflict extends AppError {
  constructor(readonly field: string) {
    super('IdempotencyKeyConflict', `${field}: this key was already used for a different appeal`, { retriable: false });
  }
}

/** The registration did not finish within its deadline; the same request may succeed later. */
export class RegistrationTimedOut extends UnavailableError {
  constructor(deadlineMs: number) {
    super(`registration: not finished within ${deadlineMs} ms; retry with the same Idempotency-Key`);
  }
}

/**
 * Registers an appeal from any channel and publishes it to `appeals.received`. Resolves only
 * after Kafka has acknowledged it; a resend (same idempotency key, or same channel and external
 * id) returns the first registration and publishes again only if the first publish never completed.
 */
export function createSubmitAppeal(ports: SubmitAppealPorts) {
  return async function submitAppeal(intake: AppealIntake): Promise<Registration> {
    const { deadlineMs } = ports;
    const progress = { until: deadlineMs === undefined ? Infinity : performance.now() + deadlineMs, published: false };
    if (deadlineMs === undefined) return attempt(intake, progress);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_resolve, reject) => {
      // Once Kafka has the appeal the caller gets its 202, which the work gives within the deadline.
      timer = setTimeout(() => progress.published || reject(new RegistrationTimedOut(deadlineMs)), deadlineMs);
    });
    const work = attempt(intake, progress);
    // Once the caller has its 503 the work's own failure has nobody to go to.
    work.catch(() => undefined);
    try {
      return await Promise.race([work, late]);
    } finally {
      clearTimeout(timer);
    }
  };

  async function attempt(intake: AppealIntake, progress: { until: number; published: boolean }): Promise<Registration> {
    // The raw payload may differ between resends (timestamps, signatures), and a resent file is
    // stored again under a new id; what is said, and the files' contents, may not differ.
    const { raw: _raw, idempotencyKey: _key, attachments, ...meaning } = intake;
    const print = fingerprint({ ...meaning, attachments: attachments.map(({ attachmentId: _id, ...file }) => file) });
    const dedup =
      intake.idempotencyKey !== undefined
        ? // Each channel's clients have their own keys: a public client cannot take the desk's.
          { key: `key:${intake.channel}:${intake.idempotencyKey}`, field: 'Idempotency-Key' }
        : intake.externalId !== undefined
          ? { key: `external:${intake.channel}:${intake.externalId}`, field: 'externalId' }
          : undefined;

    const newId = ports.newId();
    let appealId = newId;
    if (dedup !== undefined) {
      const claim = await ports.intakeKeys.claim(dedup.key, appealId, print);
      const sameItem = dedup.field === 'externalId' && EXTERNAL_ID_IS_IDENTITY.has(intake.channel);
      if (claim.fingerprint !== print && !sameItem) throw new IdempotencyKeyConflict(dedup.field);
      appealId = claim.appealId;
    }

    // Only a resend can find its appeal stored already; a fresh id saves the read.
    const existing = appealId === newId ? undefined : await ports.appeals.find(appealId);
    if (existing?.acknowledgedAt !== undefined) return toRegistration(existing, true);

    const stored = existing ?? (await register(appealId, intake, print));
    const left = progress.until - performance.now();
    if (left <= 0) throw new RegistrationTimedOut(ports.deadlineMs ?? 0);
    await ports.publisher.publish([{ topic: 'appeals.received', payload: stored.appeal }], left === Infinity ? undefined : { withinMs: left });
    progress.published = true;
    // Kafka has the appeal: from here on it is registered whatever the database does. A mark that
    // fails or is late leaves it looking unsent to a resend, which sends it again (consumers dedupe).
    await settleWithin(ports.appeals.markAcknowledged(appealId, ports.clock()), progress.until - performance.now()).catch((error: unknown) =>
      ports.onUnrecordedAcknowledgement?.(appealId, error),
    );
    await ports.recordPerson(stored.appeal, stored.screeningIndex);
    return toRegistration(stored, existing !== undefined);
  }

  async function register(appealId: string, intake: AppealIntake, print: string): Promise<StoredAppeal> {
    const now = ports.clock();
    const screening = await ports.screen(intake, now);
    const registrationNumber = await ports.registrationNumbers.next(registrationYear(now, ports.timeZone));
    const appeal: AppealReceived = {
      version: 2,
      appealId,
      registrationNumber,
      channel: intake.channel,
      kind: intake.kind,
      ...(intake.externalId !== undefined ? { externalId: intake.externalId } : {}),
      receivedAt: now.toISOString(),
      author: intake.author,
      text: intake.text,
      ...(intake.problemAddress !== undefined ? { problemAddress: intake.problemAddress } : {}),
      ...(intake.location !== undefined ? { location: intake.location } : {}),
      attachments: intake.attachments,
      raw: intake.raw,
      screening: screening.findings,
      ...(intake.reception !== undefined ? { reception: intake.reception } : {}),
      ...(intake.oral !== undefined ? { oral: intake.oral } : {}),
      ...(intake.platform !== undefined ? { platform: intake.platform } : {}),
    };
    // A concurrent repeat may have registered the same id first; its number wins.
    return ports.appeals.insertIfAbsent({ appeal, fingerprint: print, screeningIndex: screening.index, similarAppealIds: screening.similarAppealIds });
  }
}

/** `work`, or a rejection once `ms` has passed (the work goes on, unwatched). */
async function settleWithin(work: Promise<void>, ms: number): Promise<void> {
  if (ms === Infinity) return work;
  let timer: NodeJS.Timeout | undefined;
  work.catch(() => undefined);
  try {
    await Promise.race([work, new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`not done within ${Math.round(ms)} ms`)), Math.max(0, ms))))]);
  } finally {
    clearTimeout(timer);
  }
}

function toRegistration(stored: StoredAppeal, replayed: boolean): Registration {
  return {
    appealId: stored.appeal.appealId,
    registrationNumber: stored.appeal.registrationNumber,
    receivedAt: stored.appeal.receivedAt,
    replayed,
    screening: stored.appeal.screening,
    similarAppealIds: stored.similarAppealIds ?? [],
  };
}
