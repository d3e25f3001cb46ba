import { describe, it } from 'vitest';
import { deliverTask, executorOf, startExecutorScenario, tasksOf, waitForTask } from './support/executor-harness.js';
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
});
