import { describe, it } from 'vitest';
import { aTask, deliverTask, executorOf, startExecutorScenario, waitForTask } from './support/executor-harness.js';
import { act, done, producedEvent } from './support/work-steps.js';

const zhkh = executorOf('zhkh');

describe.concurrent('a task routed before channels were recorded', () => {
  it('can be accepted and handed back, its events taking the channel from another task of the appeal', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const { executor } = scenario;
    const { channel: _channel, ...legacy } = aTask();
    await scenario.publisher.publish([{ topic: 'tasks', payload: legacy }]);
    await waitForTask(executor, 'zhkh', legacy.appealId);
    // A later routing of the same appeal (to roads) names the channel.
    await deliverTask(scenario, { ...legacy, unit: 'roads', topic: 'roads', channel: 'telegram', routedAt: new Date(Date.parse(legacy.routedAt) + 60_000).toISOString() });

    await done(act(executor, zhkh, 'zhkh', legacy.appealId, 'accept'));
    const handedBack = await done(act(executor, zhkh, 'zhkh', legacy.appealId, 'hand-back', { reason: 'это дороги', suggestedUnit: 'roads' }));

    expect(await producedEvent(scenario, legacy.appealId, handedBack.event.eventId)).toMatchObject({ type: 'appeal.handed-back', unit: 'zhkh', channel: 'telegram' });
  });

  it('is refused with the reason when no record of the appeal names its channel', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const { channel: _channel, ...legacy } = aTask();
    await scenario.publisher.publish([{ topic: 'tasks', payload: legacy }]);
    await waitForTask(scenario.executor, 'zhkh', legacy.appealId);

    const refused = await act(scenario.executor, zhkh, 'zhkh', legacy.appealId, 'accept');
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ message: string }>().message).toMatch(/^cannot accept: the appeal's channel is not known/);
  });
});
