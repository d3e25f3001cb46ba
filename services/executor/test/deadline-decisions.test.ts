import { status, type ServiceError } from '@grpc/grpc-js';
import { callUnary } from '@priemnaya/grpc';
import { ExtensionDecision } from '@priemnaya/grpc/generated/priemnaya/executor/v1/executor.js';
import { waitFor } from '@priemnaya/testing';
import { describe, it } from 'vitest';
import { deliverTask, executorOf, metadataOf, startExecutorScenario, supervisorOf, type ErrorBody, type ExecutorScenario } from './support/executor-harness.js';
import { act, done, producedEvent } from './support/work-steps.js';

const zhkh = executorOf('zhkh');
const head = supervisorOf('zhkh');
const TIMEOUT_MS = 10_000;
/** Registered Friday 10 April 2025, Moscow: the 30 days end on Saturday 10 May, moved to Monday 12 May. */
const REGISTERED = { receivedAt: '2025-04-10T07:00:00.000Z', routedAt: '2025-04-10T07:00:02.000Z' };
const at = (instant: string) => () => new Date(instant);

const failureOf = (call: Promise<unknown>): Promise<ServiceError> =>
  call.then(
    () => {
      throw new Error('the call succeeded');
    },
    (error: unknown) => error as ServiceError,
  );

describe.concurrent('extensions under the deadline policy (POST …/extension-requests, rpc DecideExtension)', () => {
  it('59-ФЗ ст. 12 ч. 2: the approval on appeals.events carries the new due date and the article; the task shows the days left', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished, { now: at('2025-05-05T09:00:00.000Z') });
    const { executor } = scenario;
    const task = await deliverTask(scenario, REGISTERED);
    await done(act(executor, zhkh, 'zhkh', task.appealId, 'accept'));
    const requested = await done(act(executor, zhkh, 'zhkh', task.appealId, 'extension-requests', { days: 20, justification: 'нужен ответ подрядчика' }));
    const approved = await done(act(executor, head, 'zhkh', task.appealId, `extension-requests/${requested.requestId}/approve`, { why: 'обоснованно' }));

    // 10 May (the unmoved end) + 20 days = Friday 30 May 2025.
    expect(await producedEvent(scenario, task.appealId, approved.event.eventId)).toMatchObject({
      type: 'appeal.extension-approved', days: 20, newDueDate: '2025-05-30', basis: '59-ФЗ ст. 12 ч. 2',
    });
    const card = await executor.get(`/v1/units/zhkh/tasks/${task.appealId}`, zhkh);
    expect(card.json()).toMatchObject({ extension: { approvedDays: 20, daysLeft: 10, basis: '59-ФЗ ст. 12 ч. 2' } });
  });

  it('платформа обратной связи: a platform message gets no extension, refused with 409 and over gRPC with FAILED_PRECONDITION', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished, { now: at('2025-04-11T09:00:00.000Z') });
    const { executor } = scenario;
    const task = await deliverTask(scenario, { ...REGISTERED, channel: 'pos', kind: 'platform-message' });
    await done(act(executor, zhkh, 'zhkh', task.appealId, 'accept'));

    const refused = await act(executor, zhkh, 'zhkh', task.appealId, 'extension-requests', { days: 5, justification: 'нужен выезд' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<ErrorBody>()).toMatchObject({ code: 'refused', message: 'cannot request 5 days: policy platform-message allows no extension' });
    const overGrpc = await failureOf(
      callUnary(executor.client.requestExtension.bind(executor.client), { unit: 'zhkh', appealId: task.appealId, days: 5, justification: 'нужен выезд' }, await metadataOf(zhkh), TIMEOUT_MS),
    );
    expect(overGrpc.code).toBe(status.FAILED_PRECONDITION);
    expect(overGrpc.details).toBe('cannot request 5 days: policy platform-message allows no extension');
    const card = await executor.get(`/v1/units/zhkh/tasks/${task.appealId}`, zhkh);
    expect(card.json()).toMatchObject({ extension: { daysLeft: 0, refusal: 'no-extension' } });
    const read = await callUnary(executor.client.getTask.bind(executor.client), { unit: 'zhkh', appealId: task.appealId }, await metadataOf(zhkh), TIMEOUT_MS);
    expect(read.extension).toEqual({ approvedDays: 0, daysLeft: 0, basis: '', refusal: 'no-extension', reason: 'policy platform-message allows no extension' });
  });

  it('59-ФЗ ст. 12 ч. 2: an approval after the term ran out is refused, though the request came in time', async ({ expect, onTestFinished }) => {
    let now = '2025-05-12T09:00:00.000Z';
    const scenario = await startExecutorScenario(onTestFinished, { now: () => new Date(now) });
    const { executor } = scenario;
    const task = await deliverTask(scenario, REGISTERED);
    await done(act(executor, zhkh, 'zhkh', task.appealId, 'accept'));
    const requested = await done(act(executor, zhkh, 'zhkh', task.appealId, 'extension-requests', { days: 10, justification: 'нужен выезд' }));
    now = '2025-05-13T06:00:00.000Z';
    const late = await failureOf(
      callUnary(
        executor.client.decideExtension.bind(executor.client),
        { unit: 'zhkh', appealId: task.appealId, requestId: requested.requestId ?? '', decision: ExtensionDecision.EXTENSION_DECISION_APPROVE, why: 'согласовано' },
        await metadataOf(head),
        TIMEOUT_MS,
      ),
    );
    expect(late.code).toBe(status.FAILED_PRECONDITION);
    expect(late.details).toBe('cannot approve 10 days: the answer term ran out at 2025-05-12T21:00:00.000Z; an expired term is not extended');
  });
});

describe.concurrent('art. 11 decisions (POST …/close, …/correspondence-end, rpc EndCorrespondence)', () => {
  it('59-ФЗ ст. 11 ч. 1: closes an accepted appeal as left without an answer, with no answer document, recording the part', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const { executor } = scenario;
    const task = await deliverTask(scenario);
    await done(act(executor, zhkh, 'zhkh', task.appealId, 'accept'));

    const unnamed = await act(executor, zhkh, 'zhkh', task.appealId, 'close', { outcome: 'left-without-answer' });
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.json<ErrorBody>().fields).toEqual([{ field: 'article11Part', message: 'must name the part of art. 11 of 59-FZ the appeal is left without an answer under' }]);
    const closed = await done(act(executor, zhkh, 'zhkh', task.appealId, 'close', { outcome: 'left-without-answer', article11Part: '1', why: 'не указаны фамилия и адрес' }));
    expect(closed.state.status).toBe('closed');
    expect(await producedEvent(scenario, task.appealId, closed.event.eventId)).toMatchObject({ type: 'appeal.closed', outcome: 'left-without-answer', article11Part: '1' });
  });

  it('59-ФЗ ст. 11 ч. 5: the head ends the correspondence on two appeals answered on the merits; the decision, then the closing, reach appeals.events', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const { executor } = scenario;
    const earlier = [await deliverTask(scenario), await deliverTask(scenario)];
    for (const { appealId } of earlier) {
      await done(act(executor, zhkh, 'zhkh', appealId, 'accept'));
      await done(act(executor, zhkh, 'zhkh', appealId, 'answer', { text: 'Начисления проверены, ошибок нет', inSubstance: true }));
    }
    const repeated = await deliverTask(scenario);
    const earlierAppealIds = earlier.map(({ appealId }) => appealId);

    const byExecutor = await act(executor, zhkh, 'zhkh', repeated.appealId, 'correspondence-end', { earlierAppealIds, why: 'тот же вопрос, новых доводов нет' });
    expect(byExecutor.statusCode).toBe(403);
    const tooFew = await act(executor, head, 'zhkh', repeated.appealId, 'correspondence-end', { earlierAppealIds: [earlierAppealIds[0]], why: 'повтор' });
    expect(tooFew.json<ErrorBody>().fields).toEqual([{ field: 'earlierAppealIds', message: 'must name at least two earlier appeals answered on the merits' }]);

    const ended = await done(act(executor, head, 'zhkh', repeated.appealId, 'correspondence-end', { earlierAppealIds, why: 'тот же вопрос, новых доводов нет' }));
    expect(ended.state.status).toBe('closed');
    expect(ended.event.type).toBe('appeal.correspondence-ended');
    const events = await waitForTypes(scenario, repeated.appealId, ended.event.eventId, ['appeal.correspondence-ended', 'appeal.closed']);
    expect(events[0]).toMatchObject({ by: head.staffId, decidedAs: 'supervisor', earlierAppealIds, why: 'тот же вопрос, новых доводов нет' });
    expect(events[1]).toMatchObject({ by: head.staffId, outcome: 'left-without-answer', article11Part: '5' });
  });

  it('59-ФЗ ст. 11 ч. 5: over gRPC, refuses when an earlier appeal was not answered on the merits, naming it', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const { executor } = scenario;
    const answered = await deliverTask(scenario);
    await done(act(executor, zhkh, 'zhkh', answered.appealId, 'accept'));
    await done(act(executor, zhkh, 'zhkh', answered.appealId, 'answer', { text: 'Начисления проверены', inSubstance: true }));
    const unanswered = await deliverTask(scenario);
    const repeated = await deliverTask(scenario);

    const failure = await failureOf(
      callUnary(
        executor.client.endCorrespondence.bind(executor.client),
        { unit: 'zhkh', appealId: repeated.appealId, earlierAppealIds: [answered.appealId, unanswered.appealId], why: 'повтор' },
        await metadataOf(head),
        TIMEOUT_MS,
      ),
    );
    expect(failure.code).toBe(status.FAILED_PRECONDITION);
    expect(failure.details).toBe(`cannot end the correspondence: no answer on the merits is recorded for ${unanswered.appealId} (59-FZ art. 11 part 5 rests on earlier answers on the merits)`);
  });
});

/** The appeal's events of these types from the one with `eventId` on, once all are there, in the order produced. */
function waitForTypes(scenario: ExecutorScenario, appealId: string, eventId: string, types: string[]): Promise<Record<string, unknown>[]> {
  return waitFor(
    () => {
      const events = scenario.events.ofAppeal(appealId).map((message) => message.value as Record<string, unknown> & { type: string; eventId: string });
      const tail = events.slice(Math.max(0, events.findIndex((event) => event.eventId === eventId)));
      const found = tail.filter((event) => types.includes(event.type));
      return types.every((type) => found.some((event) => event.type === type)) ? found : undefined;
    },
    { description: `${types.join(', ')} on appeals.events` },
  );
}
