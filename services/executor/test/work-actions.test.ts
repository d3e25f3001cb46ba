import { AppealEvent } from '@priemnaya/contracts';
import { waitFor } from '@priemnaya/testing';
import { describe, it } from 'vitest';
import { addExecutor, deliverTask, executorOf, metadataOf, startExecutorScenario, supervisorOf, tasksOf, waitForTask, type ErrorBody } from './support/executor-harness.js';
import { watchTasks } from './support/stream-clients.js';
import { act, done, producedEvent } from './support/work-steps.js';

const ANSWER = { text: 'Фонарь заменён 21 ноября', inSubstance: true, attachments: [] };
const zhkhExecutor = executorOf('zhkh', 'e-ivanova');
const zhkhSupervisor = supervisorOf('zhkh');

// Each case has its own topics, consumer group and database, so the cases run side by side.
describe.concurrent('POST /v1/units/:unit/tasks/:appealId/<action>', () => {
  it('walks assign, accept, extension request and approval, co-executor, answer and close, each producing its event with who, when and the task\'s facts', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const { executor } = scenario;
    await addExecutor(executor, 'zhkh', 'e-ivanova');
    const task = await deliverTask(scenario);
    const on = (staff: typeof zhkhExecutor, path: string, body?: unknown) => done(act(executor, staff, 'zhkh', task.appealId, path, body));

    const assigned = await on(zhkhSupervisor, 'assign', { executorId: 'e-ivanova' });
    const accepted = await on(zhkhExecutor, 'accept');
    const requested = await on(zhkhExecutor, 'extension-requests', { days: 10, justification: 'нужен ответ ресурсоснабжающей организации' });
    const approved = await on(zhkhSupervisor, `extension-requests/${requested.requestId}/approve`, { why: 'обоснованно' });
    const coAdded = await on(zhkhExecutor, 'co-executors', { coExecutorUnit: 'roads', why: 'часть вопроса про тротуар' });
    // The lead answers for all parts once the co-executor unit has answered its own.
    await waitForTask(executor, 'roads', task.appealId);
    await done(act(executor, executorOf('roads'), 'roads', task.appealId, 'accept'));
    await done(act(executor, executorOf('roads'), 'roads', task.appealId, 'answer', { ...ANSWER, text: 'Тротуар отремонтируем в мае' }));
    const answered = await on(zhkhExecutor, 'answer', ANSWER);
    const closed = await on(zhkhExecutor, 'close', { outcome: 'answered' });

    expect(closed.state).toMatchObject({ status: 'closed', executorId: 'e-ivanova', version: 7, approvedExtensionDays: 10, coExecutorUnits: ['roads'] });
    const facts = { appealId: task.appealId, registrationNumber: task.registrationNumber, channel: 'site', receivedAt: task.receivedAt, unit: 'zhkh', version: 1 };
    const expected = [
      [assigned, { type: 'appeal.assigned', by: zhkhSupervisor.staffId, executorId: 'e-ivanova', mode: 'named' }],
      [accepted, { type: 'appeal.accepted', by: 'e-ivanova' }],
      [requested, { type: 'appeal.extension-requested', by: 'e-ivanova', days: 10, requestId: requested.requestId, justification: 'нужен ответ ресурсоснабжающей организации' }],
      [approved, { type: 'appeal.extension-approved', by: zhkhSupervisor.staffId, days: 10, requestId: requested.requestId, why: 'обоснованно' }],
      [coAdded, { type: 'appeal.co-executor-added', by: 'e-ivanova', coExecutorUnit: 'roads' }],
      [answered, { type: 'appeal.answered', by: 'e-ivanova', answer: ANSWER }],
      [closed, { type: 'appeal.closed', by: 'e-ivanova', outcome: 'answered' }],
    ] as const;
    for (const [outcome, fields] of expected) {
      const event = await producedEvent(scenario, task.appealId, outcome.event.eventId);
      expect(AppealEvent.safeParse(event).success).toBe(true);
      expect(event).toMatchObject({ ...facts, ...fields, eventId: outcome.event.eventId, occurredAt: outcome.event.occurredAt });
    }
    const ofLead = scenario.events.ofAppeal(task.appealId).map((message) => message.value as AppealEvent).filter((event) => 'unit' in event && event.unit === 'zhkh');
    expect(ofLead.map((event) => event.type)).toEqual(expected.map(([, fields]) => fields.type));
  });

  it('gives a co-executor unit its own task, which it accepts and answers its part of as appeal.co-executor-answered', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const { executor } = scenario;
    const task = await deliverTask(scenario);
    await done(act(executor, zhkhExecutor, 'zhkh', task.appealId, 'accept'));
    await done(act(executor, zhkhExecutor, 'zhkh', task.appealId, 'co-executors', { coExecutorUnit: 'roads', why: 'тротуар' }));

    const coTask = await waitForTask(executor, 'roads', task.appealId);
    expect(coTask).toMatchObject({ unit: 'roads', role: 'co-executor', leadUnit: 'zhkh', status: 'new', registrationNumber: task.registrationNumber });
    const roadsExecutor = executorOf('roads');
    await done(act(executor, roadsExecutor, 'roads', task.appealId, 'accept'));
    const part = await done(act(executor, roadsExecutor, 'roads', task.appealId, 'answer', { ...ANSWER, text: 'Тротуар отремонтируем в мае' }));

    expect(await producedEvent(scenario, task.appealId, part.event.eventId)).toMatchObject({
      type: 'appeal.co-executor-answered',
      unit: 'roads',
      leadUnit: 'zhkh',
      by: roadsExecutor.staffId,
      answer: { text: 'Тротуар отремонтируем в мае' },
    });
    const lead = await executor.get(`/v1/units/zhkh/tasks/${task.appealId}`, zhkhExecutor);
    expect(lead.json<{ state: { status: string } }>().state.status).toBe('accepted');
  });

  it('hands back with the reason and suggestion, filling channel and receivedAt from the task', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const task = await deliverTask(scenario, { channel: 'telegram' });
    await done(act(scenario.executor, zhkhExecutor, 'zhkh', task.appealId, 'accept'));

    const handedBack = await done(act(scenario.executor, zhkhExecutor, 'zhkh', task.appealId, 'hand-back', { reason: 'вопрос о ремонте дороги', suggestedUnit: 'roads', suggestedTopic: 'roads' }));

    expect(await producedEvent(scenario, task.appealId, handedBack.event.eventId)).toMatchObject({
      type: 'appeal.handed-back',
      channel: 'telegram',
      receivedAt: task.receivedAt,
      unit: 'zhkh',
      by: zhkhExecutor.staffId,
      reason: 'вопрос о ремонте дороги',
      suggestedUnit: 'roads',
      suggestedTopic: 'roads',
    });
    expect(handedBack.state.status).toBe('handed-back');
  });

  it('when the router gives the unit an appeal it handed back again, its work starts over and the task is delivered again; the old routing redelivered changes nothing', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const { executor } = scenario;
    const task = await deliverTask(scenario);
    await done(act(executor, zhkhExecutor, 'zhkh', task.appealId, 'accept'));
    await done(act(executor, zhkhExecutor, 'zhkh', task.appealId, 'hand-back', { reason: 'вопрос о дороге', suggestedUnit: 'roads' }));
    expect(await tasksOf(executor, 'zhkh')).toEqual([]);

    const again = { ...task, routedAt: new Date(Date.parse(task.routedAt) + 3_600_000).toISOString(), reason: { kind: 'triage-decision' as const, decidedBy: 'o-1' } };
    await scenario.publisher.publish([{ topic: 'tasks', payload: again }]);
    await scenario.publisher.publish([{ topic: 'tasks', payload: task }]);
    expect(await waitForTask(executor, 'zhkh', task.appealId)).toMatchObject({ status: 'new', routedAt: again.routedAt });
    await scenario.caughtUp();

    const state = (await executor.get(`/v1/units/zhkh/tasks/${task.appealId}`, zhkhExecutor)).json<{ state: { status: string; version: number; executorId?: string } }>().state;
    expect(state).toEqual(expect.objectContaining({ status: 'new', version: 3 }));
    expect(state.executorId).toBeUndefined();
    const reaccepted = await done(act(executor, executorOf('zhkh', 'e-petrov'), 'zhkh', task.appealId, 'accept'));
    expect(await producedEvent(scenario, task.appealId, reaccepted.event.eventId)).toMatchObject({ type: 'appeal.accepted', by: 'e-petrov' });
    const stream = watchTasks(executor.client, 'zhkh', '', await metadataOf(zhkhExecutor));
    await waitFor(() => stream.received.length >= 2, { description: 'both routings on the stream' });
    stream.cancel();
    expect(stream.received.map((response) => [response.task?.appealId, response.task?.routedAt])).toEqual([
      [task.appealId, task.routedAt],
      [task.appealId, again.routedAt],
    ]);
  });

  it('forwards outside the administration in two steps, refuses the extension decision twice, and refuses a total beyond 30 days', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const { executor } = scenario;
    const task = await deliverTask(scenario);
    const on = (staff: typeof zhkhExecutor, path: string, body?: unknown) => act(executor, staff, 'zhkh', task.appealId, path, body);
    await done(on(zhkhExecutor, 'accept'));
    const requested = await done(on(zhkhExecutor, 'extension-requests', { days: 25, justification: 'запрос в областное ведомство' }));
    const refused = await done(on(zhkhSupervisor, `extension-requests/${requested.requestId}/refuse`, { why: 'не обосновано' }));
    expect(await producedEvent(scenario, task.appealId, refused.event.eventId)).toMatchObject({ type: 'appeal.extension-refused', requestId: requested.requestId, by: zhkhSupervisor.staffId, why: 'не обосновано' });
    const twice = await on(zhkhSupervisor, `extension-requests/${requested.requestId}/approve`, { why: 'передумал' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json<ErrorBody>()).toMatchObject({ code: 'refused', message: 'cannot approve the extension: the request was already refused' });
    const second = await done(on(zhkhExecutor, 'extension-requests', { days: 25, justification: 'повторно' }));
    await done(on(zhkhSupervisor, `extension-requests/${second.requestId}/approve`, { why: 'согласовано' }));
    const beyond = await on(zhkhExecutor, 'extension-requests', { days: 6, justification: 'ещё' });
    expect(beyond.statusCode).toBe(409);
    expect(beyond.json<ErrorBody>().message).toBe('cannot request 6 days: only 5 of the 30 days are left (59-ФЗ ст. 12 ч. 2)');

    const authority = { name: 'Государственная жилищная инспекция', address: 'г. Курск, ул. Ленина, 1' };
    const started = await done(on(zhkhExecutor, 'forwarding', { authority, why: 'надзор за управляющими компаниями' }));
    const sent = await done(on(zhkhExecutor, 'forwarded', { outgoingNumber: '01-12/345' }));

    expect(await producedEvent(scenario, task.appealId, started.event.eventId)).toMatchObject({ type: 'appeal.forwarding-started', authority, why: 'надзор за управляющими компаниями' });
    expect(await producedEvent(scenario, task.appealId, sent.event.eventId)).toMatchObject({ type: 'appeal.forwarded', authority, outgoingNumber: '01-12/345' });
    expect(sent.state.status).toBe('forwarded');
  });

  it('assigns automatically to the available executor with the fewest open tasks, skipping the absent, and reassigns on a supervisor\'s word', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const { executor } = scenario;
    await addExecutor(executor, 'zhkh', 'e-busy');
    await addExecutor(executor, 'zhkh', 'e-free');
    const away = await executor.put('/v1/units/zhkh/executors/e-away', { available: true, absences: [{ from: '2026-01-01T00:00:00.000Z', to: '2099-01-01T00:00:00.000Z' }] }, zhkhSupervisor);
    expect(away.statusCode).toBe(200);
    const first = await deliverTask(scenario);
    await done(act(executor, zhkhSupervisor, 'zhkh', first.appealId, 'assign', { executorId: 'e-busy' }));
    const second = await deliverTask(scenario);

    const auto = await done(act(executor, zhkhSupervisor, 'zhkh', second.appealId, 'assign', {}));
    expect(auto.state.executorId).toBe('e-free');
    expect(await producedEvent(scenario, second.appealId, auto.event.eventId)).toMatchObject({ type: 'appeal.assigned', mode: 'least-loaded', executorId: 'e-free' });
    const moved = await done(act(executor, zhkhSupervisor, 'zhkh', second.appealId, 'assign', { executorId: 'e-busy', why: 'e-free в отпуске с завтра' }));
    expect(await producedEvent(scenario, second.appealId, moved.event.eventId)).toMatchObject({ mode: 'reassigned', executorId: 'e-busy', previousExecutorId: 'e-free' });
    const toAbsent = await act(executor, zhkhSupervisor, 'zhkh', second.appealId, 'assign', { executorId: 'e-away' });
    expect(toAbsent.statusCode).toBe(409);
    expect(toAbsent.json<ErrorBody>().message).toBe('cannot assign: e-away is not available');
  });

  it('when an action is not allowed in the state, answers 409 with the reason, records nothing and produces nothing', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const { executor } = scenario;
    const task = await deliverTask(scenario);
    const accepted = await done(act(executor, zhkhExecutor, 'zhkh', task.appealId, 'accept'));

    const otherExecutor = executorOf('zhkh', 'e-petrov');
    const answerOthers = await act(executor, otherExecutor, 'zhkh', task.appealId, 'answer', ANSWER);
    const closeUnanswered = await act(executor, zhkhExecutor, 'zhkh', task.appealId, 'close', { outcome: 'answered' });
    const forwardedTooSoon = await act(executor, zhkhExecutor, 'zhkh', task.appealId, 'forwarded', {});

    expect([answerOthers, closeUnanswered, forwardedTooSoon].map((response) => [response.statusCode, response.json<ErrorBody>().message])).toEqual([
      [409, 'cannot answer: the task is assigned to another executor'],
      [409, 'cannot close as answered: the task is accepted'],
      [409, 'cannot mark as forwarded: the task is accepted'],
    ]);
    const after = await executor.get(`/v1/units/zhkh/tasks/${task.appealId}`, zhkhExecutor);
    expect(after.json<{ state: { version: number; status: string } }>().state).toMatchObject({ version: 1, status: 'accepted' });
    await producedEvent(scenario, task.appealId, accepted.event.eventId);
    await scenario.events.readToEnd();
    expect(scenario.events.ofAppeal(task.appealId)).toHaveLength(1);
  });

  it('when several executors accept the same task at once, exactly one wins; the others get 409 and one event is produced', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const { executor } = scenario;
    const task = await deliverTask(scenario);
    const racers = Array.from({ length: 6 }, (_, index) => executorOf('zhkh', `e-racer-${index}`));

    const responses = await Promise.all(racers.map((racer) => act(executor, racer, 'zhkh', task.appealId, 'accept')));

    const winners = responses.filter((response) => response.statusCode === 200);
    expect(winners).toHaveLength(1);
    expect(responses.filter((response) => response.statusCode === 409)).toHaveLength(racers.length - 1);
    for (const loser of responses.filter((response) => response.statusCode === 409)) expect(['conflict', 'refused']).toContain(loser.json<ErrorBody>().code);
    const winner = winners[0]?.json<{ state: { executorId: string; version: number } }>();
    expect(winner?.state.version).toBe(1);
    const state = (await executor.get(`/v1/units/zhkh/tasks/${task.appealId}`, zhkhExecutor)).json<{ state: { executorId: string; version: number } }>().state;
    expect(state).toEqual(expect.objectContaining({ executorId: winner?.state.executorId, version: 1 }));
    await scenario.events.readToEnd();
    expect(scenario.events.ofAppeal(task.appealId).map((message) => (message.value as AppealEvent).type)).toEqual(['appeal.accepted']);
  });
});
