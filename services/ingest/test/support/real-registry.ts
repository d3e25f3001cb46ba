import { connectDatabase } from '@priemnaya/database';
import type { Kafka } from '@priemnaya/kafka';
import type { TopicNames } from '@priemnaya/contracts';
import { type Teardown, testLogger, uniqueName } from '@priemnaya/testing';
import { buildRegistryService } from '../../../registry/src/app.js';
import { infra } from './ingest-harness.js';

/**
 * The real registry on the given topics and a database of its own, consuming and listening on a
 * free port, stopped and dropped by the teardown; answers with its URL.
 */
export async function startRealRegistry(teardown: Teardown, topics: { kafka: Kafka; names: TopicNames }): Promise<string> {
  const database = teardown.add(await connectDatabase(infra.mongoUrl, uniqueName('registry').replace(/-/g, '_')), async (it) => {
    await it.db.dropDatabase();
    await it.close();
  });
  const registry = await buildRegistryService({ ...topics, logger: testLogger(), database, groupId: uniqueName('registry') });
  teardown.add(registry, async (it) => {
    await it.stop();
    await it.http.close();
  });
  const url = await registry.http.listen({ host: '127.0.0.1', port: 0 });
  await registry.start();
  return url;
}
