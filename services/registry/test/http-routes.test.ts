import { randomUUID } from 'node:crypto';
import { waitFor } from '@priemnaya/testing';
import { describe, it } from 'vitest';
import { aReceivedAppeal, aRoutedEvent, startRegistryScenario, waitForStatus, type ErrorBody } from './support/registry-harness.js';

for (const view of ['status', 'history'] as const) {
  // Each case has its own topics, consumer group and database, so the cases run side by side.
  describe.concurrent(`GET /v1/appeals/:id/${view}`, () => {
    it('when no appeal has the id, answers 404 naming id', async ({ expect, onTestFinished }) => {
      const { publisher, registry } = await startRegistryScenario(onTestFinished);
      const known = aReceivedAppeal();
      await publisher.publish([{ topic: 'appeals.received', payload: known }]);
      await waitForStatus(registry, known.appealId, 'received');
      const unknown = randomUUID();

      const response = await registry.get(`/v1/appeals/${unknown}/${view}`);

      expect(response.statusCode).toBe(404);
      expect(response.json<ErrorBody>()).toEqual({
        statusCode: 404,
        code: 'not_found',
        message: `id: no appeal ${unknown}`,
        fields: [{ field: 'id', message: 'no such appeal' }],
      });
    });

    it('when the id is not a UUID, answers 400 naming id', async ({ expect, onTestFinished }) => {
      // The answer does not depend on what was consumed, so the consumer is not started.
      const { registry } = await startRegistryScenario(onTestFinished, { start: false });

      const response = await registry.get(`/v1/appeals/00042-2026/${view}`);

      expect(response.statusCode).toBe(400);
      const error = response.json<ErrorBody>();
      expect(error.code).toBe('validation_failed');
      expect(error.fields?.map((fault) => fault.field)).toEqual(['id']);
      expect(error.message).toMatch(/^id: /);
    });

    it('when the appeal is known, answers without its author, contacts, address or text', async ({ expect, onTestFinished }) => {
      const { publisher, registry } = await startRegistryScenario(onTestFinished);
      const appeal = aReceivedAppeal();
      await publisher.publish([
        { topic: 'appeals.received', payload: appeal },
        { topic: 'appeals.events', payload: aRoutedEvent(appeal) },
      ]);
      await waitForStatus(registry, appeal.appealId, 'routed');

      const response = await registry.get(`/v1/appeals/${appeal.appealId}/${view}`);

      expect(response.statusCode).toBe(200);
      expect(response.body).toContain(appeal.appealId);
      for (const personal of [appeal.author.name, appeal.author.email, appeal.author.phone, appeal.text, appeal.problemAddress]) {
        expect(response.body).not.toContain(personal);
      }
      expect(response.body).not.toMatch(/author|text|email|phone|address/i);
    });
  });
}

describe.concurrent('GET /readyz', () => {
  it('answers 503 naming the consumer until it has joined its group, then 200', async ({ expect, onTestFinished }) => {
    const { registry } = await startRegistryScenario(onTestFinished, { start: false });

    const before = await registry.get('/readyz');
    expect(before.statusCode).toBe(503);
    expect(before.json()).toEqual({ status: 'not ready', checks: { database: true, kafka: true, consumer: false } });

    await registry.service.start();
    const ready = await waitFor(
      async () => {
        const response = await registry.get('/readyz');
        return response.statusCode === 200 ? response : undefined;
      },
      { description: 'the registry to report ready' },
    );
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: true, kafka: true, consumer: true } });
  });
});
