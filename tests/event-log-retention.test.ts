import { createTopicNames } from '@priemnaya/contracts';
import { createKafka, ensureTopics } from '@priemnaya/kafka';
import { fleetTopicSpecs } from '@priemnaya/reference-data';
import { deleteTopics, silentLogger, testInfra, uniqueName } from '@priemnaya/testing';
import { ConfigResourceTypes } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';

describe('the fleet topics as created', () => {
  const infra = testInfra();
  const prefix = `${uniqueName('retention')}.`;
  const kafka = createKafka({ brokers: infra.kafkaBrokers, clientId: 'retention-test', logger: silentLogger });
  afterAll(() => deleteTopics(kafka, prefix));

  it('keeps the event log (appeals.received, appeals.events) for good, and leaves task queues to the broker', async () => {
    const names = createTopicNames(prefix);
    await ensureTopics(kafka, fleetTopicSpecs(names, ['zhkh']), { partitions: 1, replicationFactor: infra.replicationFactor });

    const admin = kafka.admin();
    await admin.connect();
    try {
      const topics = [names.of('appeals.received'), names.of('appeals.events'), names.tasks('zhkh')];
      const described = await admin.describeConfigs({
        includeSynonyms: false,
        resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['retention.ms'] })),
      });
      const retention = Object.fromEntries(
        described.resources.map((resource) => [resource.resourceName, resource.configEntries.find((entry) => entry.configName === 'retention.ms')]),
      );
      expect(retention[names.of('appeals.received')]?.configValue).toBe('-1');
      expect(retention[names.of('appeals.events')]?.configValue).toBe('-1');
      expect(retention[names.tasks('zhkh')]?.isDefault).toBe(true);
    } finally {
      await admin.disconnect();
    }
  });
});
