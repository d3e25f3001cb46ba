import { describe, it } from 'vitest';
import { ADMINISTRATOR, deliverTask, executorOf, startExecutorScenario, supervisorOf, type ErrorBody } from './support/executor-harness.js';
import { act, done, producedEvent } from './support/work-steps.js';

const zhkhExecutor = executorOf('zhkh');
const zhkhSupervisor = supervisorOf('zhkh');

// Each case has its own topics, consumer group and database, so the cases run side by side.
describe.concurrent('POST /v1/units/:unit/tasks/:appealId/tags', () => {
  it('59-ФЗ ст. 12 ч. 1.1: a supervisor tags an appeal migration-law, the executor replaces the set, and each change is an event on appeals.events', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const task = await deliverTask(scenario);
    const tagged = await done(act(scenario.executor, zhkhSupervisor, 'zhkh', task.appealId, 'tags', { tags: ['migration-law'], why: 'вопрос о регистрации иностранца' }));
    expect(tagged.state.tags).toEqual(['migration-law']);
    expect(await producedEvent(scenario, task.appealId, tagged.event.eventId)).toMatchObject({ type: 'appeal.tags-set', tags: ['migration-law'], by: zhkhSupervisor.staffId, unit: 'zhkh' });

    await done(act(scenario.executor, zhkhExecutor, 'zhkh', task.appealId, 'accept'));
    const retagged = await done(act(scenario.executor, zhkhExecutor, 'zhkh', task.appealId, 'tags', { tags: ['migration-law', 'repeat-question'] }));
    expect(retagged.state.tags).toEqual(['migration-law', 'repeat-question']);
    const state = (await scenario.executor.get(`/v1/units/zhkh/tasks/${task.appealId}`, zhkhExecutor)).json<{ state: { tags: string[] } }>().state;
    expect(state.tags).toEqual(['migration-law', 'repeat-question']);
  });

  it('59-ФЗ ст. 12 ч. 1.1: refuses tagging a closed task with 409, and an administrator with 403', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const task = await deliverTask(scenario);
    await done(act(scenario.executor, zhkhExecutor, 'zhkh', task.appealId, 'accept'));
    await done(act(scenario.executor, zhkhExecutor, 'zhkh', task.appealId, 'close', { outcome: 'withdrawn' }));
    const closed = await act(scenario.executor, zhkhExecutor, 'zhkh', task.appealId, 'tags', { tags: ['migration-law'] });
    expect([closed.statusCode, closed.json<ErrorBody>().message]).toEqual([409, 'cannot set the tags: the task is closed']);
    const administrator = await act(scenario.executor, ADMINISTRATOR, 'zhkh', task.appealId, 'tags', { tags: [] });
    expect(administrator.statusCode).toBe(403);
  });

  it('lists the tags route in the OpenAPI document', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const document = (await scenario.executor.get('/docs/json', zhkhExecutor)).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(document.paths)).toContain('/v1/units/{unit}/tasks/{appealId}/tags');
  });
});
