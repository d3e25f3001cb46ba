import { describe, it } from 'vitest';
import { deliverTask, executorOf, startExecutorScenario, supervisorOf, type ErrorBody } from './support/executor-harness.js';
import { act, done } from './support/work-steps.js';

const zhkh = executorOf('zhkh');
const roads = executorOf('roads');

describe.concurrent('the 30-day extension cap (59-ФЗ ст. 12 ч. 2)', () => {
  it('is the appeal\'s: days approved to a unit that handed the appeal back count for the next unit', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const { executor } = scenario;
    const first = await deliverTask(scenario);
    await done(act(executor, zhkh, 'zhkh', first.appealId, 'accept'));
    const requested = await done(act(executor, zhkh, 'zhkh', first.appealId, 'extension-requests', { days: 25, justification: 'нужен выезд' }));
    await done(act(executor, supervisorOf('zhkh'), 'zhkh', first.appealId, `extension-requests/${requested.requestId}/approve`, { why: 'обоснованно' }));
    await done(act(executor, zhkh, 'zhkh', first.appealId, 'hand-back', { reason: 'это дороги', suggestedUnit: 'roads' }));
    await deliverTask(scenario, { ...first, unit: 'roads', topic: 'roads', routedAt: new Date(Date.parse(first.routedAt) + 60_000).toISOString() });
    await done(act(executor, roads, 'roads', first.appealId, 'accept'));

    const tooMany = await act(executor, roads, 'roads', first.appealId, 'extension-requests', { days: 10, justification: 'нужен выезд' });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json<ErrorBody>().message).toBe('cannot request 10 days: only 5 of the 30 days are left (59-ФЗ ст. 12 ч. 2)');
    const rest = await done(act(executor, roads, 'roads', first.appealId, 'extension-requests', { days: 5, justification: 'нужен выезд' }));
    const approved = await done(act(executor, supervisorOf('roads'), 'roads', first.appealId, `extension-requests/${rest.requestId}/approve`, { why: 'обоснованно' }));
    expect(approved.event.type).toBe('appeal.extension-approved');
  });
});
