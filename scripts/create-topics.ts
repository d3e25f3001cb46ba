/** Creates the fleet's topics for the sample city's units (existing ones are left alone). */
import { createTopicNames } from '@priemnaya/contracts';
import { createKafka, ensureTopics } from '@priemnaya/kafka';
import { createLogger } from '@priemnaya/observability';
import { fleetTopics, SAMPLE_UNITS } from '@priemnaya/reference-data';

const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
if (brokers.length === 0) throw new Error('KAFKA_BROKERS is not set');
const logger = createLogger({ service: 'create-topics', level: 'warn' });
const kafka = createKafka({ brokers, clientId: 'create-topics', logger });
const topics = fleetTopics(createTopicNames(process.env.TOPIC_PREFIX ?? ''), SAMPLE_UNITS.map((unit) => unit.code));
await ensureTopics(kafka, topics.map((name) => ({ name })));
process.stderr.write(`[dev] ${topics.length} topics present\n`);
