import { createTopicNames, type TopicNames } from '@priemnaya/contracts';
import { createKafka, ensureTopics, type Kafka } from '@priemnaya/kafka';
import { fleetTopicSpecs, SAMPLE_UNITS } from '@priemnaya/reference-data';
import { deleteTopics, freePorts, silentLogger, testInfra, uniqueName, type TestInfra } from '@priemnaya/testing';
import { MongoClient } from 'mongodb';
import { FLEET_SERVICES, isolatedDatabase, startFleet, type FleetOptions, type RunningFleet, type ServiceName } from './fleet.js';

export interface IsolatedFleet {
  fleet: RunningFleet;
  /** A client of the same broker, for reading and writing the fleet's topics. */
  kafka: Kafka;
  names: TopicNames;
  /** The broker and database the fleet runs on. */
  infra: TestInfra;
  /** The database a service of this fleet keeps its data in (on `infra.mongoUrl`). */
  databaseOf(service: ServiceName): string;
  /** Stops the fleet and removes its topics and databases: it shares nothing, and leaves nothing. */
  dispose(): Promise<void>;
}

/**
 * The whole fleet as real processes on the test infrastructure (KAFKA_BROKERS and MONGO_URL, or
 * the local defaults), on topics and databases of its own and free ports for every process, so
 * it never meets another run or a fleet started by `./scripts/dev up`. For tests and benchmarks.
 */
export async function startIsolatedFleet(
  label: string,
  options: Pick<FleetOptions, 'extraEnv' | 'onLine' | 'onExit' | 'readyTimeoutMs' | 'only'> & {
    /** A broker and database other than the shared ones (a drill's private ones, to restart). */
    infra?: TestInfra;
  } = {},
): Promise<IsolatedFleet> {
  const { infra = testInfra(), ...fleetOptions } = options;
  const isolation = { topicPrefix: `${uniqueName(label)}.`, databaseSuffix: uniqueName(label).replace(/-/g, '_') };
  const names = createTopicNames(isolation.topicPrefix);
  const kafka = createKafka({ brokers: infra.kafkaBrokers, clientId: label, logger: silentLogger });
  await ensureTopics(kafka, fleetTopicSpecs(names, SAMPLE_UNITS.map((unit) => unit.code)), {
    partitions: 3,
    replicationFactor: infra.replicationFactor,
  });
  async function removeWhatItMade(): Promise<void> {
    await deleteTopics(kafka, isolation.topicPrefix);
    const client = await MongoClient.connect(infra.mongoUrl);
    try {
      for (const { name } of FLEET_SERVICES) await client.db(isolatedDatabase(name, isolation.databaseSuffix)).dropDatabase();
    } finally {
      await client.close();
    }
  }
  const ports = await freePorts(FLEET_SERVICES.length);
  let fleet: RunningFleet;
  try {
    fleet = await startFleet({
      kafkaBrokers: infra.kafkaBrokers.join(','),
      mongoUrl: infra.mongoUrl,
      isolation,
      ports: Object.fromEntries(FLEET_SERVICES.map(({ name }, i) => [name, ports[i]])),
      ...fleetOptions,
    });
  } catch (error) {
    await removeWhatItMade();
    throw error;
  }
  return {
    fleet,
    kafka,
    names,
    infra,
    databaseOf: (service) => isolatedDatabase(service, isolation.databaseSuffix),
    async dispose() {
      await fleet.stop();
      await removeWhatItMade();
    },
  };
}
