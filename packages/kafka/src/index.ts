export * from './consumer.js';
export * from './dead-letter.js';
export * from './create-kafka.js';
export * from './publisher.js';
export * from './topic-admin.js';
export * from './trace-headers.js';
export type { Kafka } from 'kafkajs';
export * from './kafka-metrics.js';
export * from './broker-probe.js';
