import { describe, it } from 'vitest';
import { deliverTask, executorOf, startExecutorScenario, tasksOf, waitForTask, type ErrorBody } from './support/executor-harness.js';
import { act, done } from './support/work-steps.js';

const zhkh = executorOf('zhkh');
const roads = executorOf('roads');

// Each case has its own topics, consumer group and database, so the cases run side by side.
describe.concurrent('co-executor tasks over an appeal\'s life', () => {
  it('a unit that handed the appeal back and is then added as co-executor by the new lead starts over and can work its part', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const { executor } = scenario;
    const first = await deliverTask(scenario);
    await done(act(executor, zhkh, 'zhkh', first.appealId, 'accept'));
    await done(act(executor, zhkh, 'zhkh', first.appealId, 'hand-back', { reason: 'это дороги', suggestedUnit: 'roads' }));
    // The router routes the appeal to roads.
    await deliverTask(scenario, { ...first, unit: 'roads', topic: 'roads', routedAt: new Date(Date.parse(first.routedAt) + 60_000).toISOString() });
    await done(act(executor, roads, 'roads', first.appealId, 'accept'));
    await done(act(executor, roads, 'roads', first.appealId, 'co-executors', { coExecutorUnit: 'zhkh', why: 'часть про двор' }));

    await waitForTask(executor, 'zhkh', first.appealId);
    const accepted = await done(act(executor, zhkh, 'zhkh', first.appealId, 'accept'));
    expect(accepted.state).toMatchObject({ role: 'co-executor', leadUnit: 'roads', status: 'accepted', executorId: zhkh.staffId });
    const part = await done(act(executor, zhkh, 'zhkh', first.appealId, 'answer', { text: 'Двор уберём', inSubstance: true, attachments: [] }));
    expect(part.event.type).toBe('appeal.co-executor-answered');
    expect((await tasksOf(executor, 'zhkh')).map((task) => task.appealId)).not.toContain(first.appealId);
  });

  it('when the lead hands the appeal back, its co-executor\'s task is withdrawn: it leaves the inbox and refuses further actions', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const { executor } = scenario;
    const task = await deliverTask(scenario);
    await done(act(executor, zhkh, 'zhkh', task.appealId, 'accept'));
    await done(act(executor, zhkh, 'zhkh', task.appealId, 'co-executors', { coExecutorUnit: 'roads', why: 'часть про тротуар' }));
    await waitForTask(executor, 'roads', task.appealId);
    await done(act(executor, roads, 'roads', task.appealId, 'accept'));

    const early = await act(executor, zhkh, 'zhkh', task.appealId, 'answer', { text: 'Фонарь заменён', inSubstance: true, attachments: [] });
    expect(early.statusCode).toBe(409);
    expect(early.json<ErrorBody>().message).toBe('cannot answer: the co-executor units roads have not answered their parts yet');

    await done(act(executor, zhkh, 'zhkh', task.appealId, 'hand-back', { reason: 'это дороги', suggestedUnit: 'roads' }));
    const refused = await act(executor, roads, 'roads', task.appealId, 'answer', { text: 'Тротуар отремонтируем', inSubstance: true, attachments: [] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<ErrorBody>().message).toBe("cannot answer: the task is withdrawn (the lead unit's work on the appeal ended)");
    expect((await tasksOf(executor, 'roads')).map((listed) => listed.appealId)).not.toContain(task.appealId);
    const read = await executor.get(`/v1/units/roads/tasks/${task.appealId}`, roads);
    expect(read.json<{ state: { status: string } }>().state.status).toBe('withdrawn');
  });

  it('the lead answers once every co-executor unit has answered its part, and closing leaves none open', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const { executor } = scenario;
    const task = await deliverTask(scenario);
    await done(act(executor, zhkh, 'zhkh', task.appealId, 'accept'));
    await done(act(executor, zhkh, 'zhkh', task.appealId, 'co-executors', { coExecutorUnit: 'roads', why: 'часть про тротуар' }));
    await waitForTask(executor, 'roads', task.appealId);
    await done(act(executor, roads, 'roads', task.appealId, 'accept'));
    await done(act(executor, roads, 'roads', task.appealId, 'answer', { text: 'Тротуар отремонтируем', inSubstance: true, attachments: [] }));

    await done(act(executor, zhkh, 'zhkh', task.appealId, 'answer', { text: 'Фонарь заменён, тротуар отремонтируют', inSubstance: true, attachments: [] }));
    await done(act(executor, zhkh, 'zhkh', task.appealId, 'close', { outcome: 'answered' }));
    const read = await executor.get(`/v1/units/roads/tasks/${task.appealId}`, roads);
    expect(read.json<{ state: { status: string } }>().state.status).toBe('answered');
  });
});
