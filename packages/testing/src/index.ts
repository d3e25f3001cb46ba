export * from './free-port.js';
export * from './infra.js';
export * from './kafka-probes.js';
export * from './teardown.js';
export * from './topic-collector.js';
export * from './wait-for.js';
export * from './private-infra.js';
export * from './sample-messages.js';
