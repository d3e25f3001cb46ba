import { TaskAssigned } from '@priemnaya/contracts';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { collectTopics } from '@priemnaya/testing';
import { anAppeal } from './support/appeals.js';
import { startRouterScenarioEach, type RouterContext } from './support/router-harness.js';

interface AuditBody {
  entries: { entity: string; key: string; by: { staffId: string; role: string }; at: string; before: unknown; after: unknown }[];
}

describe.concurrent('the routing admin API', () => {
  beforeEach<RouterContext>(startRouterScenarioEach);
  afterEach<RouterContext>(({ teardown }) => teardown.run());

  it<RouterContext>('PUT /v1/routing/table: without an administrator token answers 401 or 403; a bad row 400 naming each field', async ({ scenario, expect }) => {
    const { http } = scenario.router;
    const row = { topic: 'roads', unit: 'zhkh' };
    expect((await http.inject({ method: 'PUT', url: '/v1/routing/table', payload: row })).statusCode).toBe(401);
    const supervisor = await scenario.authorization('supervisor', ['zhkh']);
    expect((await http.inject({ method: 'PUT', url: '/v1/routing/table', headers: supervisor, payload: row })).statusCode).toBe(403);

    const admin = await scenario.authorization('administrator');
    const bad = await http.inject({ method: 'PUT', url: '/v1/routing/table', headers: admin, payload: { topic: 'weather', unit: 'Zhkh!', channel: 'fax' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ fields: { field: string }[] }>().fields.map((f) => f.field).sort()).toEqual(['channel', 'topic', 'unit']);
    const unknownUnit = await http.inject({ method: 'PUT', url: '/v1/routing/table', headers: admin, payload: { topic: 'roads', unit: 'nowhere' } });
    expect(unknownUnit.json<{ fields: { field: string }[] }>().fields).toEqual([{ field: 'unit', message: 'no such unit' }]);
  });

  it<RouterContext>('when an administrator adds a district and its row, an appeal from an address there goes to that unit, and the audit trail says who changed what', async ({ scenario, expect }) => {
    const { http } = scenario.router;
    const admin = await scenario.authorization('administrator', [], 'admin-42');
    const put = (url: string, payload: object) => http.inject({ method: 'PUT', url, headers: admin, payload });
    expect((await put('/v1/routing/units/zhkh-north', { name: 'ЖКХ Северного района' })).statusCode).toBe(200);
    expect((await put('/v1/routing/districts/north', { name: 'Северный район', addressTerms: ['Заречная'] })).statusCode).toBe(200);
    expect((await put('/v1/routing/table', { topic: 'housing', district: 'north', unit: 'zhkh-north' })).statusCode).toBe(200);

    const appeal = anAppeal('В подъезде нет отопления, батареи холодные', { problemAddress: 'ул. Заречная, д. 4' });
    await scenario.publisher.publish([{ topic: 'appeals.received', payload: appeal }]);
    const { kafka, names } = scenario.testKafka;
    const north = await collectTopics(kafka, [names.tasks('zhkh-north')]);
    try {
      expect(TaskAssigned.parse((await north.waitForAppeal(appeal.appealId))[0]?.value)).toMatchObject({ unit: 'zhkh-north', topic: 'housing' });
    } finally {
      await north.stop();
    }

    const audit = (await http.inject({ method: 'GET', url: '/v1/routing/audit?entity=route', headers: admin })).json<AuditBody>();
    expect(audit.entries).toEqual([
      {
        id: expect.any(String) as string,
        entity: 'route',
        key: 'housing|district=north|channel=*',
        by: { staffId: 'admin-42', role: 'administrator' },
        at: expect.any(String) as string,
        before: null,
        after: { _id: 'housing|district=north|channel=*', topic: 'housing', district: 'north', unit: 'zhkh-north' },
      },
    ]);
  });
});
