import { describe, it } from 'vitest';
import { aReceivedAppeal, aRoutedEvent, startRegistryScenario, waitForStatus, type ErrorBody } from './support/registry-harness.js';

interface ListItem {
  id: string;
  registrationNumber: string;
  channel: string;
  status: string;
  unit?: string;
  receivedAt: string;
}

describe.concurrent('GET /v1/appeals', () => {
  it('filters by channel, status, ids, registration numbers and received range, newest first, without personal data', async ({ expect, onTestFinished }) => {
    const { publisher, registry } = await startRegistryScenario(onTestFinished);
    const first = aReceivedAppeal({ channel: 'open311' });
    const second = aReceivedAppeal({ channel: 'open311' });
    const site = aReceivedAppeal({ channel: 'site' });
    await publisher.publish([
      ...[first, second, site].map((payload) => ({ topic: 'appeals.received' as const, payload })),
      { topic: 'appeals.events', payload: aRoutedEvent(second) },
    ]);
    await Promise.all([waitForStatus(registry, first.appealId, 'received'), waitForStatus(registry, second.appealId, 'routed'), waitForStatus(registry, site.appealId, 'received')]);
    const list = async (query: string) => {
      const response = await registry.get(`/v1/appeals?${query}`);
      expect(response.statusCode).toBe(200);
      for (const personal of [first.author.name, first.author.email, first.text, first.problemAddress]) expect(response.body).not.toContain(personal);
      return response.json<{ appeals: ListItem[] }>().appeals;
    };

    expect((await list('channel=open311')).map((item) => item.id)).toEqual([second.appealId, first.appealId]);
    expect(await list('channel=open311&status=routed')).toEqual([expect.objectContaining({ id: second.appealId, status: 'routed', unit: 'zhkh', channel: 'open311' })]);
    expect((await list(`id=${first.appealId},${site.appealId}`)).map((item) => item.id).sort()).toEqual([first.appealId, site.appealId].sort());
    expect((await list(`registrationNumber=${encodeURIComponent(site.registrationNumber)}`)).map((item) => item.id)).toEqual([site.appealId]);
    expect((await list(`channel=open311&receivedFrom=${encodeURIComponent(second.receivedAt)}&receivedTo=${encodeURIComponent(second.receivedAt)}`)).map((item) => item.id)).toEqual([second.appealId]);
    expect(await list('channel=open311&limit=1')).toHaveLength(1);
  });

  it('when a filter is malformed, answers 400 naming it', async ({ expect, onTestFinished }) => {
    const { registry } = await startRegistryScenario(onTestFinished, { start: false });

    const response = await registry.get('/v1/appeals?limit=5000&id=42');

    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorBody>().fields?.map((fault) => fault.field).sort()).toEqual(['id.0', 'limit']);
  });
});
