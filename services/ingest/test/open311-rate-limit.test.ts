import { createTeardown, createTestKafka, uniqueName } from '@priemnaya/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { dropDatabase, infra, startIngest } from './support/ingest-harness.js';

describe('GET /open311/v2/services.json under the rate limit', () => {
  const teardown = createTeardown();
  afterAll(() => teardown.run());

  it('when the client is over its limit, answers 429 with Retry-After in the standard error format', async () => {
    const testKafka = teardown.add(await createTestKafka(infra, [], 'open311-limit'), (it) => it.dispose());
    const dbName = teardown.add(uniqueName('ingest'), dropDatabase);
    // Nothing here asks the registry; an address nobody listens on is enough.
    const ingest = teardown.add(
      await startIngest({ ...testKafka, dbName, registryUrl: 'http://127.0.0.1:9', rateLimitPerMinute: 1 }),
      (it) => it.close(),
    );

    expect((await ingest.app.inject({ method: 'GET', url: '/open311/v2/services.json' })).statusCode).toBe(200);
    const refused = await ingest.app.inject({ method: 'GET', url: '/open311/v2/services.xml' });

    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(refused.body).toMatch(/<errors>\s*<error>\s*<code>429<\/code>\s*<description>client: more than 1 requests a minute/);
  });
});
