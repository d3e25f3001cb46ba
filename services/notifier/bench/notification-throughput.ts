/**
 * Benchmark: how fast one notifier turns appeals and answers into notifications on the real
 * broker and database: `count` appeals and one answer each, already on the topics, read by a
 * fresh notifier; prints notifications per second and the time to the last one.
 *
 *   node --import tsx services/notifier/bench/notification-throughput.ts [count]
 */
import { performance } from 'node:perf_hooks';
import { connectDatabase } from '@priemnaya/database';
import { createPublisher, ensureTopics } from '@priemnaya/kafka';
import { collectTopics, createTestKafka, silentLogger, testInfra, uniqueName, waitFor } from '@priemnaya/testing';
import { buildNotifierService } from '../src/app.js';
import { aReceivedAppeal, lifeOf } from '../test/support/notifier-harness.js';

const count = Number(process.argv[2] ?? 300);
const infra = testInfra();
const testKafka = await createTestKafka(infra, [], 'notifier-bench');
const outbound = testKafka.names.of('notifications.outbound');
await ensureTopics(testKafka.kafka, [outbound, testKafka.names.deadLetter(outbound)].map((name) => ({ name, partitions: 3, replicationFactor: infra.replicationFactor })));
const database = await connectDatabase(infra.mongoUrl, uniqueName('notifier-bench'));
const publisher = createPublisher({ kafka: testKafka.kafka, names: testKafka.names });
await publisher.connect();
const collector = await collectTopics(testKafka.kafka, [outbound]);
try {
  const appeals = Array.from({ length: count }, () => aReceivedAppeal());
  const answers = appeals.map((appeal) => lifeOf(appeal).find((event) => event.type === 'appeal.answered')!);
  for (let i = 0; i < count; i += 100) {
    await publisher.publish(appeals.slice(i, i + 100).map((payload) => ({ topic: 'appeals.received' as const, payload })));
    await publisher.publish(answers.slice(i, i + 100).map((payload) => ({ topic: 'appeals.events' as const, payload })));
  }
  const notifier = await buildNotifierService({ kafka: testKafka.kafka, names: testKafka.names, groupId: uniqueName('notifier-bench'), logger: silentLogger, database, timeZone: 'Europe/Moscow', graceMs: 86_400_000 });
  const started = performance.now();
  await notifier.start();
  await waitFor(() => collector.messages.length >= 2 * count, { timeoutMs: 600_000, intervalMs: 50, description: `${2 * count} notifications` });
  const seconds = (performance.now() - started) / 1000;
  await notifier.stop();
  process.stdout.write(`notifier: ${2 * count} notifications (${count} registered, ${count} answered) in ${seconds.toFixed(1)} s, ${((2 * count) / seconds).toFixed(0)}/s (consumer start included)\n`);
} finally {
  await collector.stop();
  await publisher.disconnect();
  await database.db.dropDatabase();
  await database.close();
  await testKafka.dispose();
}
