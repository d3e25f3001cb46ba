import { SEED_EXAMPLES, train } from '@priemnaya/classifier';
import { createTeardown, waitFor } from '@priemnaya/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelRepository } from '../src/data-access/model-repository.js';
import { createRouterScenario, type RouterScenario } from './support/router-harness.js';

const UNSURE = 'Прошу сообщить, когда будет рассмотрено моё предложение';

interface SuggestionsBody {
  suggestions: { topic: string; reason: { kind: string; modelVersion?: string } }[];
}

describe('model versions', () => {
  const teardown = createTeardown();
  let scenario: RouterScenario;
  // A small model trained on the seed examples alone: a version of its own, built in a second.
  const candidate = train(SEED_EXAMPLES, { corpus: 'seeds', calibrationFolds: 2, epochs: 3 });

  beforeAll(async () => {
    scenario = await createRouterScenario(teardown, { modelPollMs: 200 });
    await scenario.start();
    await createModelRepository(scenario.database.db).saveCandidate(candidate, { labelledExamples: 0 });
  });
  afterAll(() => teardown.run());

  const modelVersionOfSuggestions = async () => {
    const response = await scenario.router.http.inject({ method: 'POST', url: '/v1/suggestions', payload: { text: UNSURE } });
    return response.json<SuggestionsBody>().suggestions[0]?.reason.modelVersion;
  };

  it('GET /v1/models: lists the stored candidate beside the version routing now', async () => {
    const headers = await scenario.authorization('administrator');
    const body = (await scenario.router.http.inject({ method: 'GET', url: '/v1/models', headers })).json<{ current: string; models: { version: string; status: string }[] }>();
    expect(body.current).not.toBe(candidate.version);
    expect(body.models).toEqual([expect.objectContaining({ version: candidate.version, status: 'candidate' })]);
  });

  it('POST /v1/models/{version}/promote: for a supervisor answers 403; for a version not stored 404', async () => {
    const supervisor = await scenario.authorization('supervisor', ['zhkh']);
    expect((await scenario.router.http.inject({ method: 'POST', url: `/v1/models/${candidate.version}/promote`, headers: supervisor })).statusCode).toBe(403);
    const admin = await scenario.authorization('administrator');
    expect((await scenario.router.http.inject({ method: 'POST', url: '/v1/models/seeds-2020-01-01-00000000/promote', headers: admin })).statusCode).toBe(404);
  });

  it('POST /v1/models/{version}/promote: for a version whose word vectors the router does not have answers 409 naming them, and routing goes on with the model it has', async () => {
    const routingBefore = await modelVersionOfSuggestions();
    const foreign = {
      ...candidate,
      version: 'seeds-2020-01-01-0000f00d',
      embedding: { id: 'other_vectors', sha256: 'f'.repeat(64), dimensions: 1, weight: 1, smoothing: 1e-4, l2: 1e-3, weights: candidate.topics.map(() => 0) },
    };
    await createModelRepository(scenario.database.db).saveCandidate(foreign, { labelledExamples: 0 });
    const admin = await scenario.authorization('administrator');
    const response = await scenario.router.http.inject({ method: 'POST', url: `/v1/models/${foreign.version}/promote`, headers: admin });
    expect(response.statusCode).toBe(409);
    expect(response.json<{ message: string }>().message).toMatch(/other_vectors/);
    expect(await modelVersionOfSuggestions()).toBe(routingBefore);
    const listed = (await scenario.router.http.inject({ method: 'GET', url: '/v1/models', headers: admin })).json<{ current: string }>();
    expect(listed.current).toBe(routingBefore);
  });

  it('when another process promotes a stored version, the running router routes with it without a restart', async () => {
    expect(await modelVersionOfSuggestions()).not.toBe(candidate.version);
    // As `./scripts/dev retrain promote` does it: straight in the database, not through this router.
    await createModelRepository(scenario.database.db).promote(candidate.version, 'admin-1', new Date());
    await waitFor(async () => (await modelVersionOfSuggestions()) === candidate.version, { description: 'the router to route with the promoted model' });
  });
});
