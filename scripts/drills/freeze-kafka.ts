import { startPrivateKafka } from '@priemnaya/testing';
import { drillDownMs, drillMain, sharedInfra } from './support/drill-main.js';
import { freezeThaw, outage } from './support/infra-outage.js';

/**
 * Drill: the fleet runs on a Kafka broker of its own (the shared one is never touched), which is
 * frozen (SIGSTOP: it accepts connections and never answers, as a hung broker) under a steady
 * load of appeals for DRILL_DOWN_SECONDS (default 30) and thawed (SIGCONT). A call to it must
 * fail within its bound, never hang: callers get 503, not silence.
 */
console.log('starting a private Kafka broker for the drill');
const kafka = await startPrivateKafka();
await drillMain(
  'freeze-kafka',
  {
    infra: { ...sharedInfra(), kafkaBrokers: kafka.brokers, replicationFactor: 1 },
    disrupt: (context) => outage('Kafka broker', freezeThaw(kafka), drillDownMs(30), context),
  },
  () => kafka.remove(),
);
