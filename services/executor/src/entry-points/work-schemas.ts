import { AppealAnswer, AppealClosed, AppealId, MAX_EXTENSION_DAYS, OutsideAuthority, RoutingTopic, StaffId, Timestamp, UnitCode } from '@priemnaya/contracts';
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
  'start-forwarding': z.strictObject({ authority: OutsideAuthority, why: Why }),
  'mark-forwarded': z.strictObject({ outgoingNumber: z.string().trim().min(1).max(100).optional() }),
  'add-co-executor': z.strictObject({ coExecutorUnit: UnitCode, why: Why }),
  close: z.strictObject({ outcome: AppealClosed.shape.outcome, why: Why.optional() }),
} as const;
export type WorkBodies = typeof WORK_BODIES;

/** The validated body of a command as the use case takes it. */
export function toWorkRequest<K extends keyof WorkBodies>(kind: K, body: z.infer<WorkBodies[K]>): WorkRequest {
  if (kind === 'answer') return { kind: 'answer', answer: body as z.infer<WorkBodies['answer']> };
  return { kind, ...body } as WorkRequest;
}

const Absence = z
  .strictObject({ from: Timestamp, to: Timestamp })
  .refine((absence) => Date.parse(absence.to) > Date.parse(absence.from), { path: ['to'], message: 'must be after from' });

export const ExecutorBody = z.strictObject({ available: z.boolean({ error: 'must be true or false' }), absences: z.array(Absence).max(100).default([]) });
export const ExecutorParams = z.strictObject({ unit: UnitCode, staffId: StaffId });
