import { AppealAnswer, AppealClosed, AppealId, AppealTag, ComplaintAbout, LawKind, LeftWithoutAnswerPart, MAX_EXTENSION_DAYS, OutsideAuthority, RoutingTopic, StaffId, Timestamp, UnitCode } from '@priemnaya/contracts';
import { z } from 'zod';
import type { WorkRequest } from '../use-cases/act-on-task.js';

/**
 * The requests of both entry points, in the HTTP API's field names; gRPC requests are mapped onto
 * them and their errors renamed to the proto's fields. Staff words only: no schema logs a value.
 */
const Why = z.string().trim().min(1, 'must not be empty').max(2000);

export const UnitParams = z.strictObject({ unit: UnitCode });
export const TaskParams = z.strictObject({ unit: UnitCode, appealId: AppealId });
export const ListQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) });
/** A cursor is the decimal number of a unit's feed entry; empty means from the start. */
export const Cursor = z
  .string()
  .regex(/^\d{0,15}$/, 'must be a cursor the stream gave')
  .transform((cursor) => (cursor === '' ? 0 : Number(cursor)));

export const WORK_BODIES = {
  assign: z.strictObject({ executorId: StaffId.optional(), why: Why.optional() }),
  accept: z.strictObject({}),
  answer: z.strictObject({ text: AppealAnswer.shape.text, inSubstance: z.boolean({ error: 'must be true or false' }), attachments: AppealAnswer.shape.attachments.default([]) }),
  'hand-back': z.strictObject({ reason: Why, suggestedUnit: UnitCode.optional(), suggestedTopic: RoutingTopic.optional() }),
  'request-extension': z.strictObject({ days: z.number({ error: 'must be a whole number of days' }).int().min(1).max(MAX_EXTENSION_DAYS), justification: Why }),
  'approve-extension': z.strictObject({ requestId: z.uuid(), why: Why }),
  'refuse-extension': z.strictObject({ requestId: z.uuid(), why: Why }),
  // One body as `authority` (as before copies), or several as `authorities` (59-FZ ст. 8 ч. 4).
  'start-forwarding': z
    .strictObject({
      authority: OutsideAuthority.optional(),
      authorities: z.array(OutsideAuthority).min(1, 'must name at least one body').max(10).optional(),
      partial: z.boolean({ error: 'must be true or false' }).default(false),
      why: Why,
    })
    .refine((body) => (body.authority === undefined) !== (body.authorities === undefined), { path: ['authority'], message: 'give either authority (one body) or authorities (several), not both' }),
  'mark-forwarded': z.strictObject({ outgoingNumber: z.string().trim().min(1).max(100).optional() }),
  'decide-law-kind': z.strictObject({ lawKind: LawKind, complaintAbout: ComplaintAbout.optional() }),
  'return-to-citizen': z.strictObject({ why: Why.optional() }),
  /** The whole set after the change; an empty list clears it. */
  'set-tags': z.strictObject({
    tags: z
      .array(AppealTag, { error: 'must be a list of tags' })
      .max(20, 'must name at most 20 tags')
      .refine((tags) => new Set(tags).size === tags.length, 'must not name a tag twice'),
    why: Why.optional(),
  }),
  'add-co-executor': z.strictObject({ coExecutorUnit: UnitCode, why: Why }),
  close: z
    .strictObject({
      outcome: AppealClosed.shape.outcome,
      why: Why.optional(),
      /** The part of 59-FZ art. 11 an appeal left without an answer rests on. */
      article11Part: z.enum(LeftWithoutAnswerPart.options, { error: `must be one of ${LeftWithoutAnswerPart.options.join(', ')}` }).optional(),
    })
    .refine((body) => body.outcome !== 'left-without-answer' || body.article11Part !== undefined, {
      path: ['article11Part'],
      message: 'must name the part of art. 11 of 59-FZ the appeal is left without an answer under',
    })
    .refine((body) => body.outcome === 'left-without-answer' || body.article11Part === undefined, {
      path: ['article11Part'],
      message: 'only an appeal left without an answer names a part of art. 11',
    }),
  /** 59-FZ art. 11 part 5: the same citizen's earlier appeals on the question, answered on the merits. */
  'end-correspondence': z.strictObject({
    earlierAppealIds: z.array(AppealId, { error: 'must be a list of appeal ids' }).min(2, 'must name at least two earlier appeals answered on the merits').max(20),
    why: Why,
  }),
} as const;
export type WorkBodies = typeof WORK_BODIES;

/** The validated body of a command as the use case takes it. */
export function toWorkRequest<K extends keyof WorkBodies>(kind: K, body: z.infer<WorkBodies[K]>): WorkRequest {
  if (kind === 'answer') return { kind: 'answer', answer: body as z.infer<WorkBodies['answer']> };
  if (kind === 'start-forwarding') {
    const { authority, authorities, partial, why } = body as z.infer<WorkBodies['start-forwarding']>;
    const all = authorities ?? (authority !== undefined ? [authority] : []);
    const [first, ...rest] = all;
    // The schema's refinement gives one or the other, so `first` is there.
    if (first === undefined) throw new Error('start-forwarding without a body to forward to');
    return { kind: 'start-forwarding', authorities: [first, ...rest], partial, why };
  }
  return { kind, ...body } as WorkRequest;
}

const Absence = z
  .strictObject({ from: Timestamp, to: Timestamp })
  .refine((absence) => Date.parse(absence.to) > Date.parse(absence.from), { path: ['to'], message: 'must be after from' });

export const ExecutorBody = z.strictObject({ available: z.boolean({ error: 'must be true or false' }), absences: z.array(Absence).max(100).default([]) });
export const ExecutorParams = z.strictObject({ unit: UnitCode, staffId: StaffId });
