import { aPlatformItem } from '@priemnaya/pos-simulator';
import { describe, it } from 'vitest';
import { startPosScenario } from './support/pos-adapter-harness.js';

describe.concurrent('platform feed when the platform misbehaves', () => {
  it('when the platform answers slower than the adapter waits, times out, retries and registers the item once', async ({ expect, onTestFinished }) => {
    const scenario = await startPosScenario(onTestFinished);
    const item = aPlatformItem('appeal');
    scenario.simulator.enqueue(item);
    scenario.simulator.delay({ ms: 1_500, times: 2, route: 'items' });
    scenario.simulator.delay({ ms: 1_500, times: 1, route: 'acknowledgement' });

    await scenario.startAdapter({ platformTimeoutMs: 300 });
    const appeal = await scenario.waitForRegistered(item.id);
    await scenario.received.readToEnd();

    expect(scenario.appealsOf(item.id)).toHaveLength(1);
    expect(scenario.simulator.acknowledgements()[0]).toMatchObject({ itemId: item.id, registrationNumber: appeal.registrationNumber });
  });

  it('when the platform answers 500s, then 429 with Retry-After, then 503, retries with backoff, waits the Retry-After, and registers the item', async ({ expect, onTestFinished }) => {
    const scenario = await startPosScenario(onTestFinished);
    const item = aPlatformItem('message');
    scenario.simulator.enqueue(item);
    scenario.simulator.failNext(2, { status: 500, route: 'items' });
    scenario.simulator.failNext(1, { status: 429, retryAfterSeconds: 1, route: 'items' });
    scenario.simulator.failNext(1, { status: 503, route: 'acknowledgement' });

    await scenario.startAdapter();
    const appeal = await scenario.waitForRegistered(item.id);

    const calls = scenario.simulator.requests().filter((request) => request.route === 'items');
    expect(calls.slice(0, 4).map((request) => request.status)).toEqual([500, 500, 429, 200]);
    const [limited, next] = [calls[2], calls[3]];
    expect(next!.at - limited!.at).toBeGreaterThanOrEqual(950);
    const acknowledgements = scenario.simulator.requests().filter((request) => request.route === 'acknowledgement');
    expect(acknowledgements.slice(0, 2).map((request) => request.status)).toEqual([503, 200]);
    expect(scenario.simulator.acknowledgements()).toEqual([expect.objectContaining({ itemId: item.id, registrationNumber: appeal.registrationNumber, calls: 1 })]);
  });

  it('when the access token expires, gets a new token after the 401 and goes on registering', async ({ expect, onTestFinished }) => {
    const scenario = await startPosScenario(onTestFinished);
    const before = aPlatformItem('appeal');
    const after = aPlatformItem('message');
    scenario.simulator.enqueue(before);

    await scenario.startAdapter();
    await scenario.waitForRegistered(before.id);
    scenario.simulator.expireTokens();
    scenario.simulator.enqueue(after);
    await scenario.waitForRegistered(after.id);

    expect(scenario.simulator.tokensIssued()).toBe(2);
    expect(scenario.simulator.requests().filter((request) => request.status === 401)).toHaveLength(1);
  });
});
