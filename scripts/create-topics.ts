/** Creates the fleet's topics for the sample city's units (existing ones are left alone). */
import { env, loadEnv } from '@priemnaya/config';
import { createTopicNames } from '@priemnaya/contracts';
import { createKafka, ensureTopics } from '@priemnaya/kafka';
import { createLogger } from '@priemnaya/observability';
import { fleetTopicSpecs, SAMPLE_UNITS } from '@priemnaya/reference-data';
import { z } from 'zod';

const config = loadEnv(
  'create-topics',
  z.object({
    KAFKA_BROKERS: env.kafkaBrokers(),
    TOPIC_PREFIX: env.topicPrefix(),
    TOPIC_REPLICATION_FACTOR: env.replicationFactor(),
  }),
);
const logger = createLogger({ service: 'create-topics', level: 'warn' });
const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'create-topics', logger });
const topics = fleetTopicSpecs(createTopicNames(config.TOPIC_PREFIX), SAMPLE_UNITS.map((unit) => unit.code));
await ensureTopics(kafka, topics, { partitions: 3, replicationFactor: config.TOPIC_REPLICATION_FACTOR });
process.stderr.write(`[dev] ${topics.length} topics present\n`);
