import { startPrivateKafka } from '@priemnaya/testing';
import { drillDownMs, drillMain, sharedInfra } from './support/drill-main.js';
import { outage, stopStart } from './support/infra-outage.js';

/**
 * Drill: the fleet runs on a Kafka broker of its own (the shared one is never touched), which is
 * stopped under a steady load of appeals for DRILL_DOWN_SECONDS (default 20) and started again.
 */
console.log('starting a private Kafka broker for the drill');
const kafka = await startPrivateKafka();
await drillMain(
  'restart-kafka',
  {
    infra: { ...sharedInfra(), kafkaBrokers: kafka.brokers, replicationFactor: 1 },
    disrupt: (context) => outage('Kafka broker', stopStart(kafka), drillDownMs(20), context),
  },
  () => kafka.remove(),
);
