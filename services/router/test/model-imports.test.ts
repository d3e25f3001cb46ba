import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTeardown, waitFor } from '@priemnaya/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelImportDocument } from '../src/data-access/model-import-repository.js';
import { createRouterScenario, type RouterScenario } from './support/router-harness.js';

/**
 * Invented appeals, a phrase of the topic and a place: no person's words. The corpus is small, so
 * the worker trains on it in seconds.
 */
const PHRASES = {
  housing: ['не работает отопление в квартире', 'протекает крыша над подъездом', 'нет горячей воды в доме', 'не убирают мусор во дворе'],
  roads: ['глубокая яма на проезжей части', 'разбит асфальт на дороге', 'не работает светофор на перекрестке', 'нет разметки на дороге'],
  transport: ['автобус не приходит по расписанию', 'отменили маршрут троллейбуса', 'переполнены автобусы утром', 'водитель маршрутки грубит'],
  education: ['нет мест в детском саду', 'в школе холодно на уроках', 'не хватает учителей в школе', 'закрыли кружок в доме творчества'],
  health: ['не записаться к врачу в поликлинике', 'долго ждать скорую помощь', 'нет лекарств в аптеке больницы', 'закрыли фельдшерский пункт'],
} as const;
const PLACES = ['на улице Ленина', 'на Садовой улице', 'в Заречном районе', 'у школы номер 5', 'возле рынка', 'на проспекте Мира', 'в микрорайоне Северный'];
const appeal = (phrases: readonly string[], i: number, offset: number) => `Прошу разобраться: ${phrases[i % phrases.length]} ${PLACES[(i + offset) % PLACES.length]}`;
const corpusLines = Object.entries(PHRASES).flatMap(([unit, phrases]) => Array.from({ length: 30 }, (_, i) => JSON.stringify({ text: appeal(phrases, i, 0), unit })));

/** The city's own unit names: housing is the test city's `zhkh`; roads and transport are added through the admin API. */
const CITY_UNITS = { housing: 'Управление жилищно-коммунального хозяйства и благоустройства', roads: 'Дорожный комитет', transport: 'МКУ «Городской транспорт»' } as const;
const validExport = [
  'Текст обращения;Исполнитель',
  ...Object.entries(CITY_UNITS).flatMap(([topic, unit]) => Array.from({ length: 16 }, (_, i) => `${appeal(PHRASES[topic as keyof typeof CITY_UNITS], i, 3)};${unit}`)),
].join('\n');

interface ImportBody {
  id: string;
  status: 'running' | 'done' | 'failed';
  appeals: number;
  perTopic: Record<string, number>;
  candidate?: string;
  reason?: string;
  heldOut?: { appeals: number; current: { version: string; accuracy: number }; candidate: { version: string; accuracy: number; macroF1: number } };
}
interface ModelsBody {
  current: string;
  models: { version: string; status: string; labelledExamples: number; comparedWith?: { version: string; evaluation: { folds: number; examples: number } } }[];
}

describe('POST /v1/models/imports', () => {
  const teardown = createTeardown();
  let scenario: RouterScenario;
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'router-imports-'));
    teardown.add(directory, (it) => rm(it, { recursive: true, force: true }));
    const corpus = join(directory, 'corpus.jsonl');
    await writeFile(corpus, `${corpusLines.join('\n')}\n`);
    scenario = await createRouterScenario(teardown, { classifierCorpus: corpus });
    await scenario.start();
    const admin = await scenario.authorization('administrator');
    const put = async (url: string, payload: object) => expect((await scenario.router.http.inject({ method: 'PUT', url, headers: admin, payload })).statusCode).toBe(200);
    await put('/v1/routing/units/roads', { name: CITY_UNITS.roads });
    await put('/v1/routing/units/transport', { name: CITY_UNITS.transport });
    await put('/v1/routing/table', { topic: 'roads', unit: 'roads' });
    await put('/v1/routing/table', { topic: 'transport', unit: 'transport' });
  });
  afterAll(() => teardown.run());

  const upload = async (body: string, options: { file?: string; role?: 'administrator' | 'supervisor'; contentType?: string } = {}) =>
    scenario.router.http.inject({
      method: 'POST',
      url: `/v1/models/imports?file=${encodeURIComponent(options.file ?? 'export.csv')}&name=tula`,
      headers: { ...(await scenario.authorization(options.role ?? 'administrator', options.role === 'supervisor' ? ['zhkh'] : [])), 'content-type': options.contentType ?? 'text/csv' },
      payload: Buffer.from(body, 'utf8'),
    });
  const storedModels = async () => {
    const headers = await scenario.authorization('administrator');
    return (await scenario.router.http.inject({ method: 'GET', url: '/v1/models', headers })).json<ModelsBody>();
  };
  const importState = async (location: string) => {
    const headers = await scenario.authorization('administrator');
    return (await scenario.router.http.inject({ method: 'GET', url: location, headers })).json<ImportBody>();
  };

  it('for a supervisor answers 403, without a token 401, for a body sent as JSON 415', async () => {
    expect((await upload(validExport, { role: 'supervisor' })).statusCode).toBe(403);
    const anonymous = await scenario.router.http.inject({ method: 'POST', url: '/v1/models/imports?file=export.csv&name=tula', headers: { 'content-type': 'text/csv' }, payload: validExport });
    expect(anonymous.statusCode).toBe(401);
    expect((await upload('{"text":"Яма","unit":"roads"}', { file: 'export.jsonl', contentType: 'application/json' })).statusCode).toBe(415);
  });

  it('when the query names no file or a city that is not a slug, answers 400 naming those fields', async () => {
    const headers = { ...(await scenario.authorization('administrator')), 'content-type': 'text/csv' };
    const response = await scenario.router.http.inject({ method: 'POST', url: '/v1/models/imports?name=Тула', headers, payload: validExport });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ fields: { field: string }[] }>().fields.map((f) => f.field).sort()).toEqual(['query.file', 'query.name']);
  });

  it('when a line names an unknown unit or has no text, answers 400 naming each line and column, and nothing is stored or trained', async () => {
    const rows = ['Текст обращения;Исполнитель', `Яма у подъезда;${CITY_UNITS.roads}`, `;${CITY_UNITS.housing}`, 'Нет воды в колонке;Отдел водопроводов'];
    const response = await upload(rows.join('\n'), { file: 'bad.csv' });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ code: string; message: string; problems: number; fields: { field: string; message: string }[] }>();
    expect(body).toMatchObject({ code: 'invalid_history', problems: 2 });
    expect(body.message).toMatch(/2 problem\(s\) in bad\.csv, nothing was trained/);
    expect(body.fields).toEqual([
      { field: 'line 3: Текст обращения', message: 'the appeal text is empty' },
      { field: 'line 4: Исполнитель', message: expect.stringMatching(/^unknown unit "Отдел водопроводов"/) as string },
    ]);
    expect(response.headers.location).toBeUndefined();
    expect((await storedModels()).models).toEqual([]);
    expect(await scenario.database.db.collection('classifier_imports').countDocuments()).toBe(0);
  });

  it('when the export is valid, answers 202 at once and trains in a worker while the router goes on answering; the import ends done with the stored candidate and both held-out figures', async () => {
    const response = await upload(validExport, { file: 'Выгрузка.csv' });
    expect(response.statusCode).toBe(202);
    const started = response.json<ImportBody>();
    expect(started).toMatchObject({ status: 'running', appeals: 48, perTopic: { housing: 16, roads: 16, transport: 16 } });
    const location = response.headers.location as string;
    expect(location).toBe(`/v1/models/imports/${started.id}`);

    // Training is in the worker: this thread answers, and a second import waits its turn.
    const suggestion = await scenario.router.http.inject({ method: 'POST', url: '/v1/suggestions', payload: { text: 'Во дворе не горят фонари' } });
    expect(suggestion.statusCode).toBe(200);
    expect((await upload(validExport)).statusCode).toBe(409);
    expect((await importState(location)).status).toBe('running');

    const done = await waitFor(async () => {
      const state = await importState(location);
      return state.status === 'running' ? undefined : state;
    }, { description: 'the import to finish training' });
    expect(done.reason).toBeUndefined();
    expect(done.status).toBe('done');
    expect(done.candidate).toMatch(/^tula-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}$/);
    const listed = await storedModels();
    expect(done.heldOut).toMatchObject({ appeals: 12, current: { version: listed.current }, candidate: { version: done.candidate } });
    expect(done.heldOut?.candidate.accuracy).toBeGreaterThanOrEqual(0);
    expect(listed.models).toHaveLength(1);
    expect(listed.models[0]).toMatchObject({
      version: done.candidate,
      status: 'candidate',
      labelledExamples: 48,
      comparedWith: { version: listed.current, evaluation: { folds: 1, examples: 12 } },
    });
    // Stored, not promoted: routing goes on with the model it had.
    expect(listed.current).not.toBe(done.candidate);
  });

  it('GET /v1/models/imports/{id}: for an import left running by a router that stopped beating, answers failed with the reason', async () => {
    const id = '0d4f5c2a-2b8e-4f61-9c3b-7a1e2d3c4b5a';
    const longAgo = new Date(Date.now() - 3_600_000);
    await scenario.database.db.collection<ModelImportDocument>('classifier_imports').insertOne({
      _id: id,
      status: 'running',
      name: 'tula',
      file: 'export.csv',
      format: 'csv',
      encoding: 'utf-8',
      appeals: 48,
      perTopic: { housing: 48 },
      startedAt: longAgo,
      startedBy: 'admin-1',
      stage: 'training the candidate on the corpus and three quarters of the city',
      heartbeatAt: longAgo,
    });
    expect(await importState(`/v1/models/imports/${id}`)).toMatchObject({ status: 'failed', reason: expect.stringMatching(/no heartbeat/) as unknown });
  });

  it('GET /v1/models/imports/{id}: for an import that does not exist answers 404; for a supervisor 403', async () => {
    const admin = await scenario.authorization('administrator');
    const url = '/v1/models/imports/6f1c1b1e-6c1a-4d55-9a43-3d1f0d2b9a10';
    expect((await scenario.router.http.inject({ method: 'GET', url, headers: admin })).statusCode).toBe(404);
    const supervisor = await scenario.authorization('supervisor', ['zhkh']);
    expect((await scenario.router.http.inject({ method: 'GET', url, headers: supervisor })).statusCode).toBe(403);
  });
});

describe('POST /v1/models/imports without a training corpus', () => {
  const teardown = createTeardown();
  let scenario: RouterScenario;

  beforeAll(async () => {
    scenario = await createRouterScenario(teardown, { classifierCorpus: undefined });
  });
  afterAll(() => teardown.run());

  it('answers 503 naming CLASSIFIER_CORPUS, before reading the upload', async () => {
    const headers = { ...(await scenario.authorization('administrator')), 'content-type': 'text/csv' };
    const response = await scenario.router.http.inject({ method: 'POST', url: '/v1/models/imports?file=export.csv&name=tula', headers, payload: validExport });
    expect(response.statusCode).toBe(503);
    expect(response.json<{ code: string; message: string }>()).toMatchObject({ code: 'not_configured', message: expect.stringMatching(/^CLASSIFIER_CORPUS: /) as unknown });
  });
});
