import { status, type Metadata, type ServiceError } from '@grpc/grpc-js';
import { callUnary } from '@priemnaya/grpc';
import { ExtensionDecision } from '@priemnaya/grpc/generated/priemnaya/executor/v1/executor.js';
import { describe, it } from 'vitest';
import { deliverTask, executorOf, metadataOf, startExecutorScenario, supervisorOf } from './support/executor-harness.js';
import { producedEvent } from './support/work-steps.js';

const zhkh = executorOf('zhkh');
const TIMEOUT_MS = 10_000;

const failureOf = (call: Promise<unknown>): Promise<ServiceError> =>
  call.then(
    () => {
      throw new Error('the call succeeded');
    },
    (error: unknown) => error as ServiceError,
  );

describe.concurrent('rpc ExecutorService actions', () => {
  it('assigns automatically, accepts, extends, answers and closes over gRPC, each call answering the new state and producing its event', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const { client } = scenario.executor;
    const asSupervisor: Metadata = await metadataOf(supervisorOf('zhkh'));
    const asExecutor: Metadata = await metadataOf(zhkh);
    const task = await deliverTask(scenario);
    const ref = { unit: 'zhkh', appealId: task.appealId };

    await callUnary(client.putExecutor.bind(client), { executor: { unit: 'zhkh', staffId: zhkh.staffId, available: true, absences: [] } }, asSupervisor, TIMEOUT_MS);
    const assigned = await callUnary(client.assignTask.bind(client), { ...ref, executorId: '', why: '' }, asSupervisor, TIMEOUT_MS);
    const accepted = await callUnary(client.acceptTask.bind(client), ref, asExecutor, TIMEOUT_MS);
    const requested = await callUnary(client.requestExtension.bind(client), { ...ref, days: 7, justification: 'нужен выезд' }, asExecutor, TIMEOUT_MS);
    const approved = await callUnary(client.decideExtension.bind(client), { ...ref, requestId: requested.requestId, decision: ExtensionDecision.EXTENSION_DECISION_APPROVE, why: 'согласовано' }, asSupervisor, TIMEOUT_MS);
    const answered = await callUnary(client.answerTask.bind(client), { ...ref, text: 'Фонарь заменён', inSubstance: true, attachments: [] }, asExecutor, TIMEOUT_MS);
    const closed = await callUnary(client.closeTask.bind(client), { ...ref, outcome: 'answered', why: '', article11Part: '' }, asExecutor, TIMEOUT_MS);

    expect(assigned.state).toMatchObject({ status: 'assigned', executorId: zhkh.staffId, version: 1 });
    expect(closed.state).toMatchObject({ status: 'closed', version: 6, approvedExtensionDays: 7, extensions: [{ requestId: requested.requestId, days: 7, decision: 'approved' }] });
    const types = [];
    for (const outcome of [assigned, accepted, requested, approved, answered, closed]) types.push((await producedEvent(scenario, task.appealId, outcome.event?.eventId ?? '')).type);
    expect(types).toEqual(['appeal.assigned', 'appeal.accepted', 'appeal.extension-requested', 'appeal.extension-approved', 'appeal.answered', 'appeal.closed']);
    const listed = await callUnary(client.listTasks.bind(client), { unit: 'zhkh', limit: 0 }, asExecutor, TIMEOUT_MS);
    expect(listed.tasks).toEqual([]);

    const late = await failureOf(callUnary(client.answerTask.bind(client), { ...ref, text: 'Ещё ответ', inSubstance: true, attachments: [] }, asExecutor, TIMEOUT_MS));
    expect([late.code, late.details]).toEqual([status.FAILED_PRECONDITION, 'cannot answer: the task is closed']);
  });

  it('answers NOT_FOUND naming appeal_id for a task the unit does not have, and PERMISSION_DENIED naming the unit for another unit', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished, { start: false });
    const { client } = scenario.executor;
    const ref = { unit: 'zhkh', appealId: '6f1c0a52-5d4e-4a43-9d1c-9b8f6b0a4b11' };

    const missing = await failureOf(callUnary(client.acceptTask.bind(client), ref, await metadataOf(zhkh), TIMEOUT_MS));
    const otherUnit = await failureOf(callUnary(client.acceptTask.bind(client), ref, await metadataOf(executorOf('roads')), TIMEOUT_MS));

    expect([missing.code, missing.metadata.get('invalid-fields')[0]]).toEqual([status.NOT_FOUND, 'appeal_id']);
    expect([otherUnit.code, otherUnit.metadata.get('invalid-fields')[0]]).toEqual([status.PERMISSION_DENIED, 'unit']);
  });

  it('when several executors accept the same task at once, one call succeeds and the others fail with ABORTED or FAILED_PRECONDITION', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const { client } = scenario.executor;
    const task = await deliverTask(scenario);
    const metadata = await Promise.all(Array.from({ length: 6 }, (_, index) => metadataOf(executorOf('zhkh', `e-racer-${index}`))));

    const results = await Promise.allSettled(metadata.map((racer) => callUnary(client.acceptTask.bind(client), { unit: 'zhkh', appealId: task.appealId }, racer, TIMEOUT_MS)));

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect([status.ABORTED, status.FAILED_PRECONDITION]).toContain((result.reason as ServiceError).code);
    }
  });
});
