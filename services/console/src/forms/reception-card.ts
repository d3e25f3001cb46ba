import { APPEAL_TEXT_MAX_LENGTH, AppealAuthor, IdentityDocument, IdentityDocumentKind } from '@priemnaya/contracts';
import { z } from 'zod';

/**
 * The reception card (59-FZ art. 13) as the console's form sends it. Built from the contracts'
 * own field schemas, so the browser marks a field with the same rule the desk applies, and the
 * console checks the same schema again before it forwards the card. Pure zod: the web
 * application bundles this file.
 */
const blankAsAbsent = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

const Required = (max: number) => z.string().trim().min(1, 'is required').max(max);

export const ReceptionCardForm = z
  .strictObject({
    /** Made once per card by the browser and sent again unchanged on a retry. */
    idempotencyKey: z.string().regex(/^[\x21-\x7e]{1,128}$/, 'must be printable ASCII without spaces'),
    citizen: z.strictObject({
      name: Required(300),
      phone: blankAsAbsent(AppealAuthor.shape.phone.unwrap()),
      email: blankAsAbsent(AppealAuthor.shape.email.unwrap()),
      postalAddress: blankAsAbsent(AppealAuthor.shape.postalAddress.unwrap()),
    }),
    problemAddress: blankAsAbsent(z.string().trim().max(500)),
    text: Required(APPEAL_TEXT_MAX_LENGTH),
    answeredOnTheSpot: z.boolean(),
    citizenConsentedToOralAnswer: z.boolean(),
    oralAnswer: blankAsAbsent(z.string().trim().max(APPEAL_TEXT_MAX_LENGTH)),
    /** 59-FZ ст. 13 ч. 1: the head or an authorised official conducts the reception. */
    conductedBy: z.strictObject({ staffId: Required(100), name: Required(300), position: Required(300) }),
    /** 59-FZ ст. 13 ч. 2: the document the citizen presented. */
    identityDocument: z.strictObject({
      kind: IdentityDocumentKind,
      seriesNumber: Required(40).pipe(IdentityDocument.shape.seriesNumber),
    }),
  })
  // 59-FZ ст. 13 ч. 3: an oral answer only with the citizen's consent, and then it is on the card.
  // Checked also when another field is at fault, so every fault of the card shows at once.
  .superRefine((card, context) => {
    if (card.answeredOnTheSpot === true && card.citizenConsentedToOralAnswer !== true) {
      context.addIssue({ code: 'custom', path: ['citizenConsentedToOralAnswer'], message: 'must be true when answered on the spot (59-ФЗ ст. 13 ч. 3)' });
    }
    if (card.answeredOnTheSpot === true && card.oralAnswer === undefined) {
      context.addIssue({ code: 'custom', path: ['oralAnswer'], message: 'is required when answered on the spot' });
    }
    if (card.answeredOnTheSpot === false && card.oralAnswer !== undefined) {
      context.addIssue({ code: 'custom', path: ['oralAnswer'], message: 'must be empty unless answered on the spot' });
    }
    const document = card.identityDocument as { kind?: unknown; seriesNumber?: unknown } | undefined;
    if (document?.kind === 'passport-rf' && typeof document.seriesNumber === 'string' && !/^\d{2} ?\d{2} ?\d{6}$/.test(document.seriesNumber.trim())) {
      context.addIssue({ code: 'custom', path: ['identityDocument', 'seriesNumber'], message: 'must be 10 digits for passport-rf: a series of 4 and a number of 6' });
    }
  }, { when: (payload) => typeof payload.value === 'object' && payload.value !== null });
export type ReceptionCardForm = z.infer<typeof ReceptionCardForm>;

/**
 * A call to the phone hotline: the hotline is not a personal reception, so there is no card, no
 * identity document and no answer on the spot; the appeal is answered in writing.
 */
export const HotlineCallForm = z.strictObject({
  idempotencyKey: z.string().regex(/^[\x21-\x7e]{1,128}$/, 'must be printable ASCII without spaces'),
  citizen: z.strictObject({
    name: Required(300),
    phone: blankAsAbsent(AppealAuthor.shape.phone.unwrap()),
    email: blankAsAbsent(AppealAuthor.shape.email.unwrap()),
    postalAddress: blankAsAbsent(AppealAuthor.shape.postalAddress.unwrap()),
  }),
  problemAddress: blankAsAbsent(z.string().trim().max(500)),
  text: Required(APPEAL_TEXT_MAX_LENGTH),
});
export type HotlineCallForm = z.infer<typeof HotlineCallForm>;

/** A look-up of the citizen's earlier appeals while the card is filled in. */
export const CitizenLookupForm = z
  .strictObject({
    name: blankAsAbsent(z.string().trim().max(300)),
    phone: blankAsAbsent(AppealAuthor.shape.phone.unwrap()),
    email: blankAsAbsent(AppealAuthor.shape.email.unwrap()),
  })
  .refine((c) => c.name !== undefined || c.phone !== undefined || c.email !== undefined, 'needs a phone, an e-mail or a name');

export const SuggestionRequest = z.strictObject({ text: z.string().max(APPEAL_TEXT_MAX_LENGTH) });
