import { APPEAL_TEXT_MAX_LENGTH, AppealAuthor, IdentityDocument, IdentityDocumentKind, ReceptionOfficial } from '@priemnaya/contracts';
import { parseCall } from '@priemnaya/grpc';
import { z } from 'zod';
import type { HotlineCall, OralAppeal } from '../../domain/oral-appeal.js';

/**
 * The desk's requests as zod schemas over the proto's own (snake_case) field names, so an error
 * names the field as the front-end developer knows it. An optional text sent empty counts as
 * absent: telephony front ends fill unset fields with "".
 */
const blankAsAbsent = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

const Required = (max: number) => z.string().trim().min(1, 'is required').max(max);
/** `*` rather than `+`: an empty key is `is required` alone. */
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;

const CitizenFields = {
  phone: blankAsAbsent(AppealAuthor.shape.phone.unwrap()),
  email: blankAsAbsent(AppealAuthor.shape.email.unwrap()),
  postal_address: blankAsAbsent(AppealAuthor.shape.postalAddress.unwrap()),
};

/** What a hotline call and a reception card both carry. */
const OralAppealFields = {
  operator_id: Required(64).regex(PRINTABLE_ASCII, 'must be printable ASCII without spaces'),
  idempotency_key: Required(128).regex(PRINTABLE_ASCII, 'must be printable ASCII without spaces'),
  citizen: z.object({ name: Required(300), ...CitizenFields }, { error: 'is required' }),
  problem_address: blankAsAbsent(z.string().trim().max(500)),
  text: Required(APPEAL_TEXT_MAX_LENGTH),
};

/** A passport of the RF: series of 4 digits, number of 6, as printed with or without spaces. */
const PASSPORT_RF = /^\d{2} ?\d{2} ?\d{6}$/;

/** Messages name the rule, never the number: it is personal data and errors are logged by clients. */
const IdentityDocumentCall = z
  .object(
    {
      kind: z.preprocess(
        (value) => (value === '' ? undefined : value),
        z.enum(IdentityDocumentKind.options, {
          error: (issue) => (issue.input === undefined ? 'is required' : `must be one of ${IdentityDocumentKind.options.join(', ')}`),
        }),
      ),
      series_number: Required(40).pipe(IdentityDocument.shape.seriesNumber),
    },
    // 59-FZ ст. 13 ч. 2: at a personal reception the citizen presents a document proving their identity.
    { error: 'is required: the citizen presents an identity document at a personal reception (59-ФЗ ст. 13 ч. 2)' },
  )
  .superRefine((document, context) => {
    if (document.kind === 'passport-rf' && !PASSPORT_RF.test(document.series_number)) {
      context.addIssue({ code: 'custom', path: ['series_number'], message: 'must be 10 digits for passport-rf: a series of 4 and a number of 6' });
    }
  });

/** 59-FZ ст. 13 ч. 1: a personal reception is conducted by the head or an authorised official. */
const ReceptionOfficialCall = z.object(
  {
    staff_id: Required(100).pipe(ReceptionOfficial.shape.staffId),
    name: Required(300),
    position: Required(300),
  },
  { error: 'is required: the official who conducted the reception (59-ФЗ ст. 13 ч. 1)' },
);

export const RegisterOralAppealCall = z
  .object({
    ...OralAppealFields,
    answered_on_the_spot: z.boolean(),
    citizen_consented_to_oral_answer: z.boolean(),
    oral_answer: blankAsAbsent(z.string().trim().max(APPEAL_TEXT_MAX_LENGTH)),
    conducted_by: ReceptionOfficialCall,
    identity_document: IdentityDocumentCall,
  })
  // 59-FZ ст. 13 ч. 3: an oral answer only with the citizen's consent, and then it is on the card.
  // Checked also when another field is at fault, so the operator sees every fault of the card at once.
  .superRefine((card, context) => {
    if (card.answered_on_the_spot === true && card.citizen_consented_to_oral_answer !== true) {
      context.addIssue({
        code: 'custom',
        path: ['citizen_consented_to_oral_answer'],
        message: 'must be true when answered_on_the_spot (59-ФЗ ст. 13 ч. 3)',
      });
    }
    if (card.answered_on_the_spot === true && card.oral_answer === undefined) {
      context.addIssue({ code: 'custom', path: ['oral_answer'], message: 'is required when answered_on_the_spot' });
    }
    if (card.answered_on_the_spot === false && card.oral_answer !== undefined) {
      context.addIssue({ code: 'custom', path: ['oral_answer'], message: 'must be empty unless answered_on_the_spot' });
    }
  }, { when: (payload) => typeof payload.value === 'object' && payload.value !== null })
  .transform(
    (card): OralAppeal => ({
      operatorId: card.operator_id,
      idempotencyKey: card.idempotency_key,
      citizen: { ...author(card.citizen), name: card.citizen.name },
      ...(card.problem_address !== undefined ? { problemAddress: card.problem_address } : {}),
      text: card.text,
      answeredOnTheSpot: card.answered_on_the_spot,
      citizenConsentedToOralAnswer: card.citizen_consented_to_oral_answer,
      ...(card.oral_answer !== undefined ? { oralAnswer: card.oral_answer } : {}),
      conductedBy: { staffId: card.conducted_by.staff_id, name: card.conducted_by.name, position: card.conducted_by.position },
      identityDocument: { kind: card.identity_document.kind, seriesNumber: card.identity_document.series_number },
    }),
  );

/** A hotline call: the common fields alone; a card's fields are not part of it. */
export const RegisterHotlineCallCall = z.object(OralAppealFields).transform(
  (call): HotlineCall => ({
    operatorId: call.operator_id,
    idempotencyKey: call.idempotency_key,
    citizen: { ...author(call.citizen), name: call.citizen.name },
    ...(call.problem_address !== undefined ? { problemAddress: call.problem_address } : {}),
    text: call.text,
  }),
);

export const FindCitizenAppealsCall = z
  .object({
    citizen: z
      .object({ name: blankAsAbsent(z.string().trim().max(300)), ...CitizenFields }, { error: 'is required' })
      .refine((c) => c.name !== undefined || c.phone !== undefined || c.email !== undefined, 'needs a phone, an e-mail or a name'),
    limit: z.number().int().min(0).max(100),
  })
  .transform(({ citizen, limit }) => ({ citizen: author(citizen), limit: limit === 0 ? 20 : limit }));

export const SuggestTopicsCall = z.object({ text: z.string().max(APPEAL_TEXT_MAX_LENGTH) });

export const DraftCall = z.object({ draft_seq: z.number().int().min(0), text: z.string().max(APPEAL_TEXT_MAX_LENGTH) });

function author(citizen: { name?: string | undefined; phone?: string | undefined; email?: string | undefined; postal_address?: string | undefined }): AppealAuthor {
  return {
    ...(citizen.name !== undefined ? { name: citizen.name } : {}),
    ...(citizen.phone !== undefined ? { phone: citizen.phone } : {}),
    ...(citizen.email !== undefined ? { email: citizen.email } : {}),
    ...(citizen.postal_address !== undefined ? { postalAddress: citizen.postal_address } : {}),
  };
}

/** Parses a decoded request (ts-proto's camelCase) against a schema of the proto's field names. */
export function parseProtoCall<S extends z.ZodType>(schema: S, request: object): z.infer<S> {
  return parseCall(schema, snakeCaseKeys(request));
}

function snakeCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeCaseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), snakeCaseKeys(inner)]),
  );
}
