import { createTeardown, createTestKafka, collectTopics, uniqueName } from '@priemnaya/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { dropDatabase, infra, startIngest } from './support/ingest-harness.js';

const KEY = 'civic-app-2026-key-0001';

describe('POST /open311/v2/requests.json with client keys configured', () => {
  const teardown = createTeardown();
  afterAll(() => teardown.run());

  it('when api_key is missing answers 400 naming it, when it is not listed 403, when it is listed registers; only the last is published', async () => {
    const testKafka = teardown.add(await createTestKafka(infra, [], 'open311-keys'), (it) => it.dispose());
    const dbName = teardown.add(uniqueName('ingest'), dropDatabase);
    const ingest = teardown.add(
      await startIngest({ ...testKafka, dbName, registryUrl: 'http://127.0.0.1:9', open311: { apiKeys: [KEY] } }),
      (it) => it.close(),
    );
    const received = teardown.add(await collectTopics(testKafka.kafka, [testKafka.names.of('appeals.received')]), (it) => it.stop());
    const post = (form: Record<string, string>) =>
      ingest.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(form).toString(),
      });
    const form = {
      service_code: 'roads',
      lat: '55.75',
      long: '37.61',
      description: 'Глубокая яма на проезжей части у остановки, машины объезжают по встречной.',
      email: 'reporter@example.org',
      first_name: 'Анна',
      last_name: 'Смирнова',
    };

    const missing = await post(form);
    const wrong = await post({ ...form, api_key: 'someone-elses-key-0000' });
    const listed = await post({ ...form, api_key: KEY });

    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ code: number; description: string }[]>()[0]?.description).toMatch(/^api_key: /);
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json<{ code: number; description: string }[]>()[0]?.description).toMatch(/^api_key: /);
    expect(listed.statusCode).toBe(200);
    const [accepted] = listed.json<{ service_request_id: string }[]>();
    await received.readToEnd();
    expect(received.messages.map((m) => (m.value as { appealId: string }).appealId)).toEqual([accepted?.service_request_id]);
    // The key is the client's credential: it never travels with the appeal.
    expect(JSON.stringify(received.messages[0]?.value)).not.toContain(KEY);
  });
});
