import { createTeardown, waitFor } from '@priemnaya/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouterScenario, type RouterScenario } from './support/router-harness.js';

describe('GET /readyz', () => {
  const teardown = createTeardown();
  let scenario: RouterScenario;

  beforeEach(async () => {
    scenario = await createRouterScenario(teardown);
  });
  afterEach(() => teardown.run());

  it('before the consumer has joined its group answers 503, and once it has, answers 200', async () => {
    const readyz = () => scenario.router.http.inject({ method: 'GET', url: '/readyz' });

    const before = await readyz();
    expect(before.statusCode).toBe(503);
    expect(before.json()).toEqual({ status: 'not ready', checks: { database: true, kafka: true, consumer: false } });

    await scenario.router.start();
    const after = await waitFor(async () => {
      const response = await readyz();
      return response.statusCode === 200 ? response : undefined;
    }, { description: 'the router to answer 200 on /readyz' });
    expect(after.json()).toEqual({ status: 'ready', checks: { database: true, kafka: true, consumer: true } });
  });
});
