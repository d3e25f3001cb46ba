import { randomBytes } from 'node:crypto';
import { createKafka, ensureTopics, type Kafka } from '@priemnaya/kafka';
import { createTopicNames, type TopicNames, type UnitCode } from '@priemnaya/contracts';
import { pino, type Logger } from 'pino';
import { deleteTopics } from './kafka-probes.js';

export interface TestInfra {
  kafkaBrokers: string[];
  mongoUrl: string;
  /** TOPIC_REPLICATION_FACTOR, for a cluster that needs more than one copy of a topic. */
  replicationFactor: number;
}

/** The Kafka and database the tests run against: those `./scripts/dev test` started or was given. */
export function testInfra(env: NodeJS.ProcessEnv = process.env): TestInfra {
  const brokers = env.KAFKA_BROKERS;
  const mongoUrl = env.MONGO_URL;
  if (!brokers || !mongoUrl) {
    throw new Error(
      'KAFKA_BROKERS and MONGO_URL are not set: run the tests through ./scripts/dev test, which starts Kafka and FerretDB (or set both to existing endpoints)',
    );
  }
  const replicationFactor = Number(env.TOPIC_REPLICATION_FACTOR ?? '1');
  if (!Number.isInteger(replicationFactor) || replicationFactor < 1) throw new Error('TOPIC_REPLICATION_FACTOR must be a positive whole number');
  return { kafkaBrokers: brokers.split(',').map((b) => b.trim()), mongoUrl, replicationFactor };
}

/** A name no other test (or earlier run) uses: for topic prefixes, consumer groups, databases. */
export function uniqueName(label: string): string {
  return `${label}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

export const silentLogger: Logger = pino({ level: 'silent' });

/** A logger for tests: silent unless TEST_LOG_LEVEL asks for more. */
export function testLogger(): Logger {
  return pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
}

export interface TestKafka {
  kafka: Kafka;
  names: TopicNames;
  prefix: string;
  /** Deletes the namespace's topics, so test runs do not pile topics up on the shared broker. */
  dispose(): Promise<void>;
}

/** A Kafka client and a fresh topic namespace with the fleet's topics created in it. */
export async function createTestKafka(infra: TestInfra, units: UnitCode[], label = 'test'): Promise<TestKafka> {
  const prefix = `${uniqueName(label)}.`;
  const names = createTopicNames(prefix);
  const kafka = createKafka({ brokers: infra.kafkaBrokers, clientId: `${label}-test`, logger: silentLogger });
  const topics = [names.of('appeals.received'), names.of('appeals.events'), names.of('appeals.triage'), ...units.map((u) => names.tasks(u))];
  await ensureTopics(kafka, [...topics, ...topics.map((t) => names.deadLetter(t))].map((name) => ({ name, partitions: 2, replicationFactor: infra.replicationFactor })));
  return { kafka, names, prefix, dispose: () => deleteTopics(kafka, prefix) };
}
