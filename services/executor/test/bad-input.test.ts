import { randomUUID } from 'node:crypto';
import type { Metadata, ServiceError } from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import { callUnary } from '@priemnaya/grpc';
import { type ExecutorServiceClient, ExtensionDecision } from '@priemnaya/grpc/generated/priemnaya/executor/v1/executor.js';
import { describe, it } from 'vitest';
import { deliverTask, executorOf, metadataOf, startExecutorScenario, supervisorOf, type ErrorBody, type Staff } from './support/executor-harness.js';
import { act } from './support/work-steps.js';

const zhkh = executorOf('zhkh');
const supervisor = supervisorOf('zhkh');
const SHA = 'a'.repeat(64);
const attachment = { attachmentId: 'f-1', fileName: 'акт.pdf', contentType: 'application/pdf', size: 10, sha256: SHA };

/** Bad bodies of each action over HTTP, and the one field each must name. */
const HTTP_CASES: { condition: string; staff: Staff; path: string; body: unknown; field: string }[] = [
  { condition: 'assign names an empty executor', staff: supervisor, path: 'assign', body: { executorId: '' }, field: 'executorId' },
  { condition: 'accept carries an unknown field', staff: zhkh, path: 'accept', body: { force: true }, field: 'force' },
  { condition: 'the answer has no text', staff: zhkh, path: 'answer', body: { inSubstance: true }, field: 'text' },
  { condition: 'the answer text is blank', staff: zhkh, path: 'answer', body: { text: '   ', inSubstance: true }, field: 'text' },
  { condition: 'inSubstance is not a boolean', staff: zhkh, path: 'answer', body: { text: 'Ответ', inSubstance: 'yes' }, field: 'inSubstance' },
  { condition: 'an attachment has a bad checksum', staff: zhkh, path: 'answer', body: { text: 'Ответ', inSubstance: true, attachments: [{ ...attachment, sha256: 'xyz' }] }, field: 'attachments.0.sha256' },
  { condition: 'the hand-back reason is empty', staff: zhkh, path: 'hand-back', body: { reason: '' }, field: 'reason' },
  { condition: 'the suggested unit is not a unit code', staff: zhkh, path: 'hand-back', body: { reason: 'не наше', suggestedUnit: 'Дороги' }, field: 'suggestedUnit' },
  { condition: 'the suggested topic is unknown', staff: zhkh, path: 'hand-back', body: { reason: 'не наше', suggestedTopic: 'space' }, field: 'suggestedTopic' },
  { condition: 'an extension of 0 days', staff: zhkh, path: 'extension-requests', body: { days: 0, justification: 'x' }, field: 'days' },
  { condition: 'an extension of 31 days', staff: zhkh, path: 'extension-requests', body: { days: 31, justification: 'x' }, field: 'days' },
  { condition: 'an extension of 2.5 days', staff: zhkh, path: 'extension-requests', body: { days: 2.5, justification: 'x' }, field: 'days' },
  { condition: 'an extension without justification', staff: zhkh, path: 'extension-requests', body: { days: 5 }, field: 'justification' },
  { condition: 'an approval of a request id that is not one', staff: supervisor, path: 'extension-requests/abc/approve', body: { why: 'да' }, field: 'requestId' },
  { condition: 'a refusal without why', staff: supervisor, path: 'extension-requests/6f1c0a52-5d4e-4a43-9d1c-9b8f6b0a4b11/refuse', body: {}, field: 'why' },
  { condition: 'forwarding without an authority', staff: zhkh, path: 'forwarding', body: { why: 'не наше' }, field: 'authority' },
  { condition: 'forwarding to an authority without a name', staff: zhkh, path: 'forwarding', body: { authority: { name: ' ' }, why: 'не наше' }, field: 'authority.name' },
  { condition: 'an empty outgoing number', staff: zhkh, path: 'forwarded', body: { outgoingNumber: '' }, field: 'outgoingNumber' },
  { condition: 'a co-executor unit that is not a unit code', staff: zhkh, path: 'co-executors', body: { coExecutorUnit: 'X', why: 'часть' }, field: 'coExecutorUnit' },
  { condition: 'closing with an unknown outcome', staff: zhkh, path: 'close', body: { outcome: 'done' }, field: 'outcome' },
  { condition: '59-ФЗ ст. 12 ч. 1.1: a tag that is not lower-case latin', staff: zhkh, path: 'tags', body: { tags: ['Миграция'] }, field: 'tags.0' },
  { condition: '59-ФЗ ст. 12 ч. 1.1: a tag named twice', staff: supervisor, path: 'tags', body: { tags: ['migration-law', 'migration-law'] }, field: 'tags' },
  { condition: 'the body is not an object', staff: zhkh, path: 'accept', body: [1, 2], field: 'body' },
];

describe.concurrent('bad input over HTTP', () => {
  it('answers 400 naming the one field at fault for every case, and the task stays as it was with no event', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const task = await deliverTask(scenario);

    for (const { condition, staff, path, body, field } of HTTP_CASES) {
      const response = await act(scenario.executor, staff, 'zhkh', task.appealId, path, body);
      const error = response.json<ErrorBody>();
      expect([condition, response.statusCode, error.code, error.fields?.map((fault) => fault.field)]).toEqual([condition, 400, 'validation_failed', [field]]);
      expect(error.message.startsWith(`${field}: `)).toBe(true);
    }
    const badAppeal = await act(scenario.executor, zhkh, 'zhkh', 'not-a-uuid', 'accept');
    expect(badAppeal.json<ErrorBody>().fields?.map((fault) => fault.field)).toEqual(['appealId']);
    const unknownAppeal = await act(scenario.executor, zhkh, 'zhkh', '6f1c0a52-5d4e-4a43-9d1c-9b8f6b0a4b11', 'accept');
    expect([unknownAppeal.statusCode, unknownAppeal.json<ErrorBody>().fields?.[0]?.field]).toEqual([404, 'appealId']);
    const absence = await scenario.executor.put('/v1/units/zhkh/executors/e-1', { available: true, absences: [{ from: '2026-12-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' }] }, supervisor);
    expect(absence.json<ErrorBody>().fields?.map((fault) => fault.field)).toEqual(['absences.0.to']);
    const noAvailability = await scenario.executor.put('/v1/units/zhkh/executors/e-1', {}, supervisor);
    expect(noAvailability.json<ErrorBody>().fields?.map((fault) => fault.field)).toEqual(['available']);

    const state = (await scenario.executor.get(`/v1/units/zhkh/tasks/${task.appealId}`, zhkh)).json<{ state: { version: number; status: string } }>().state;
    expect(state).toMatchObject({ version: 0, status: 'new' });
    expect((await scenario.executor.get('/v1/units/zhkh/executors', supervisor)).json<{ executors: unknown[] }>().executors).toEqual([]);
    await scenario.events.readToEnd();
    expect(scenario.events.messages).toEqual([]);
  });
});

type Call = (client: ExecutorServiceClient, appealId: string, metadata: Metadata) => Promise<unknown>;

/** Bad requests of each call over gRPC, and the field each must name in the proto's words. */
const GRPC_CASES: { condition: string; staff: Staff; call: Call; field: string }[] = [
  { condition: 'answer text is empty', staff: zhkh, call: (c, id, md) => callUnary(c.answerTask.bind(c), { unit: 'zhkh', appealId: id, text: '', inSubstance: true, attachments: [] }, md, 10_000), field: 'text' },
  { condition: 'extension of 0 days', staff: zhkh, call: (c, id, md) => callUnary(c.requestExtension.bind(c), { unit: 'zhkh', appealId: id, days: 0, justification: 'x' }, md, 10_000), field: 'days' },
  { condition: 'suggested unit is not a unit code', staff: zhkh, call: (c, id, md) => callUnary(c.handBackTask.bind(c), { unit: 'zhkh', appealId: id, reason: 'не наше', suggestedUnit: 'Bad', suggestedTopic: '' }, md, 10_000), field: 'suggested_unit' },
  { condition: 'forwarding without an authority', staff: zhkh, call: (c, id, md) => callUnary(c.startForwarding.bind(c), { unit: 'zhkh', appealId: id, why: 'не наше', authorities: [], partial: false }, md, 10_000), field: 'authority' },
  { condition: '59-ФЗ ст. 4: a kind outside the law’s list', staff: zhkh, call: (c, id, md) => callUnary(c.decideLawKind.bind(c), { unit: 'zhkh', appealId: id, lawKind: 'petition', complaintUnit: '', complaintOfficial: '' }, md, 10_000), field: 'law_kind' },
  { condition: '59-ФЗ ст. 8 ч. 4: a copy to a body without a name', staff: zhkh, call: (c, id, md) => callUnary(c.startForwarding.bind(c), { unit: 'zhkh', appealId: id, why: 'копии', authorities: [{ name: '', address: '', unit: '' }], partial: true }, md, 10_000), field: 'authorities.0.name' },
  { condition: '59-ФЗ ст. 12 ч. 1.1: a tag named twice', staff: supervisor, call: (c, id, md) => callUnary(c.setTags.bind(c), { unit: 'zhkh', appealId: id, tags: ['migration-law', 'migration-law'], why: '' }, md, 10_000), field: 'tags' },
  { condition: 'co-executor unit is empty', staff: zhkh, call: (c, id, md) => callUnary(c.addCoExecutor.bind(c), { unit: 'zhkh', appealId: id, coExecutorUnit: '', why: 'часть' }, md, 10_000), field: 'co_executor_unit' },
  { condition: 'close without an outcome', staff: zhkh, call: (c, id, md) => callUnary(c.closeTask.bind(c), { unit: 'zhkh', appealId: id, outcome: '', why: '', article11Part: '' }, md, 10_000), field: 'outcome' },
  { condition: 'a decision on a request id that is not one', staff: supervisor, call: (c, id, md) => callUnary(c.decideExtension.bind(c), { unit: 'zhkh', appealId: id, requestId: 'x', decision: ExtensionDecision.EXTENSION_DECISION_APPROVE, why: 'да' }, md, 10_000), field: 'request_id' },
  { condition: 'a decision left unset', staff: supervisor, call: (c, id, md) => callUnary(c.decideExtension.bind(c), { unit: 'zhkh', appealId: id, requestId: randomUUID(), decision: ExtensionDecision.EXTENSION_DECISION_UNSPECIFIED, why: 'да' }, md, 10_000), field: 'decision' },
  { condition: 'the appeal id is not one', staff: zhkh, call: (c, _id, md) => callUnary(c.acceptTask.bind(c), { unit: 'zhkh', appealId: 'x' }, md, 10_000), field: 'appeal_id' },
  { condition: 'an executor without a unit', staff: supervisor, call: (c, _id, md) => callUnary(c.putExecutor.bind(c), { executor: { unit: '', staffId: 'e-1', available: true, absences: [] } }, md, 10_000), field: 'unit' },
];

describe.concurrent('bad input over gRPC', () => {
  it('answers INVALID_ARGUMENT naming the proto field for every case, and the task stays as it was', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const task = await deliverTask(scenario);

    for (const { condition, staff, call, field } of GRPC_CASES) {
      const error = await call(scenario.executor.client, task.appealId, await metadataOf(staff)).then(
        () => undefined,
        (failure: unknown) => failure as ServiceError,
      );
      expect([condition, error?.code, error?.metadata.get('invalid-fields')[0]]).toEqual([condition, status.INVALID_ARGUMENT, field]);
      expect(error?.details.startsWith(`${field}: `)).toBe(true);
    }
    const state = (await scenario.executor.get(`/v1/units/zhkh/tasks/${task.appealId}`, zhkh)).json<{ state: { version: number } }>().state;
    expect(state.version).toBe(0);
  });
});
