import { describe, it } from 'vitest';
import { deliverTask, executorOf, startExecutorScenario, type ErrorBody } from './support/executor-harness.js';
import { act, done, producedEvent } from './support/work-steps.js';

const zhkhExecutor = executorOf('zhkh', 'e-petrova');
const PROSECUTOR = { name: 'Прокуратура города' };
const INSPECTION = { name: 'Государственная жилищная инспекция' };
const GORSVET = { name: 'МКУ «Горсвет»', unit: 'gorsvet' };

// Each case has its own topics, consumer group and database, so the cases run side by side.
describe.concurrent('POST /v1/units/:unit/tasks/:appealId/forwarding, /law-kind, /return-to-citizen', () => {
  it('59-ФЗ ст. 8 ч. 4: forwards part of an appeal to several bodies, and the rest is answered here', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const task = await deliverTask(scenario);
    const on = (path: string, body?: unknown) => act(scenario.executor, zhkhExecutor, 'zhkh', task.appealId, path, body);
    await done(on('accept'));

    const started = await done(on('forwarding', { authorities: [PROSECUTOR, INSPECTION], partial: true, why: 'вопросы о нарушениях управляющей компании' }));
    const sent = await done(on('forwarded', { outgoingNumber: '01-12/346' }));
    const answered = await done(on('answer', { text: 'По вопросу освещения: фонарь заменён.', inSubstance: true }));

    expect(await producedEvent(scenario, task.appealId, started.event.eventId)).toMatchObject({ type: 'appeal.forwarding-started', authority: PROSECUTOR, authorities: [PROSECUTOR, INSPECTION], partial: true });
    expect(await producedEvent(scenario, task.appealId, sent.event.eventId)).toMatchObject({ type: 'appeal.forwarded', authorities: [PROSECUTOR, INSPECTION], partial: true, outgoingNumber: '01-12/346' });
    expect(sent.state.status).toBe('accepted');
    expect(answered.event.type).toBe('appeal.answered');
  });

  it('59-ФЗ ст. 8 ч. 6: refuses to forward a complaint to the body it contests with 409 naming the rule, then returns it to the citizen (ч. 7)', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const task = await deliverTask(scenario);
    const on = (path: string, body?: unknown) => act(scenario.executor, zhkhExecutor, 'zhkh', task.appealId, path, body);
    await done(on('accept'));
    const decided = await done(on('law-kind', { lawKind: 'complaint', complaintAbout: { unit: 'gorsvet', official: 'Петров П. П., директор' } }));

    const refused = await on('forwarding', { authority: GORSVET, why: 'их компетенция' });
    const returned = await done(on('return-to-citizen', { why: 'иного компетентного органа нет' }));

    expect(refused.statusCode).toBe(409);
    expect(refused.json<ErrorBody>().message).toMatch(/^cannot forward to МКУ «Горсвет»: .*59-ФЗ ст\. 8 ч\. 6/);
    expect(await producedEvent(scenario, task.appealId, decided.event.eventId)).toMatchObject({
      type: 'appeal.law-kind-decided', lawKind: 'complaint', decidedBy: { kind: 'staff', staffId: 'e-petrova' }, complaintAbout: { unit: 'gorsvet' }, unit: 'zhkh',
    });
    expect(await producedEvent(scenario, task.appealId, returned.event.eventId)).toMatchObject({ type: 'appeal.returned-to-citizen', reason: 'complaint-against-addressee', basis: '59-ФЗ ст. 8 ч. 7' });
    expect(returned.state.status).toBe('closed');
  });

  it('59-ФЗ ст. 8 ч. 6: a complaint the router marked on the task is refused for its addressee from the start', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const task = await deliverTask(scenario, { lawKind: 'complaint', complaintAbout: { unit: 'gorsvet' } });
    const on = (path: string, body?: unknown) => act(scenario.executor, zhkhExecutor, 'zhkh', task.appealId, path, body);
    await done(on('accept'));

    const refused = await on('forwarding', { authorities: [PROSECUTOR, GORSVET], why: 'копии' });

    expect(refused.statusCode).toBe(409);
    expect(refused.json<ErrorBody>().message).toMatch(/59-ФЗ ст\. 8 ч\. 6/);
  });

  it.for([
    [{ authority: PROSECUTOR, authorities: [INSPECTION], why: 'x' }, 'authority'],
    [{ authorities: [], why: 'x' }, 'authorities'],
    [{ authority: PROSECUTOR, partial: 'yes', why: 'x' }, 'partial'],
  ] as const)('59-ФЗ ст. 8 ч. 4: a forwarding body %j answers 400 naming %s', async ([body, field], { expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const task = await deliverTask(scenario);
    await done(act(scenario.executor, zhkhExecutor, 'zhkh', task.appealId, 'accept'));
    const response = await act(scenario.executor, zhkhExecutor, 'zhkh', task.appealId, 'forwarding', body);
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorBody>().fields?.map((fault) => fault.field)).toEqual([field]);
  });

  it('59-ФЗ ст. 4: a kind outside the law’s list answers 400 naming lawKind', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const task = await deliverTask(scenario);
    await done(act(scenario.executor, zhkhExecutor, 'zhkh', task.appealId, 'accept'));
    const response = await act(scenario.executor, zhkhExecutor, 'zhkh', task.appealId, 'law-kind', { lawKind: 'petition' });
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorBody>().fields?.map((fault) => fault.field)).toEqual(['lawKind']);
  });
});
