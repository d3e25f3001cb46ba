import { startPrivateDatabase, startPrivateKafka } from '@priemnaya/testing';
import { drillDownMs, drillMain } from './support/drill-main.js';
import { killStart, outage } from './support/infra-outage.js';

/**
 * Drill: the fleet runs on a Kafka broker and a FerretDB of its own (the shared ones are never
 * touched); under a steady load of appeals both are killed at once with SIGKILL (nothing flushed
 * or closed), left down DRILL_DOWN_SECONDS (default 20) and started again from their data.
 */
console.log('starting a private Kafka broker and a private FerretDB for the drill');
const [startingKafka, startingDatabase] = await Promise.allSettled([startPrivateKafka(), startPrivateDatabase()]);
if (startingKafka.status === 'rejected' || startingDatabase.status === 'rejected') {
  // The one that did start is not left behind.
  for (const started of [startingKafka, startingDatabase]) if (started.status === 'fulfilled') await started.value.remove();
  throw startingKafka.status === 'rejected' ? startingKafka.reason : (startingDatabase as PromiseRejectedResult).reason;
}
const [kafka, database] = [startingKafka.value, startingDatabase.value];
await drillMain(
  'kill-infra',
  {
    infra: { kafkaBrokers: kafka.brokers, mongoUrl: database.mongoUrl, replicationFactor: 1 },
    disrupt: (context) => outage('Kafka broker and the database', killStart(kafka, database), drillDownMs(20), context),
  },
  async () => {
    await Promise.all([kafka.remove(), database.remove()]);
  },
);
