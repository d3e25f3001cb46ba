import { describe, expect, it } from 'vitest';
import { KAFKA_TOPIC_VERSIONS, kafkaTopicProblems } from './kafka-topics.js';

/** As deploy/k8s/base/kafka-topics.yaml declares a topic. */
const topic = {
  apiVersion: 'kafka.strimzi.io/v1beta2',
  kind: 'KafkaTopic',
  metadata: { name: 'appeals.received', labels: { 'strimzi.io/cluster': 'priemnaya' }, annotations: { note: 'kept' } },
  spec: {
    topicName: 'appeals.received',
    partitions: 12,
    replicas: 3,
    config: { 'min.insync.replicas': '2', 'retention.ms': '-1', 'retention.bytes': '-1' },
  },
};
const withSpec = (spec: Record<string, unknown>) => ({ ...topic, spec: { ...topic.spec, ...spec } });

describe('kafkaTopicProblems', () => {
  it('accepts a topic as the manifests declare it, in both versions Strimzi serves', () => {
    expect([...KAFKA_TOPIC_VERSIONS].sort()).toEqual(['kafka.strimzi.io/v1', 'kafka.strimzi.io/v1beta2']);
    expect(kafkaTopicProblems(topic)).toEqual([]);
    expect(kafkaTopicProblems({ ...topic, apiVersion: 'kafka.strimzi.io/v1' })).toEqual([]);
  });

  it('refuses a value of the wrong type or out of range, naming the field', () => {
    expect(kafkaTopicProblems(withSpec({ replicas: 'three' }))).toEqual(['spec.replicas: must be integer']);
    expect(kafkaTopicProblems(withSpec({ partitions: 0 }))).toEqual(['spec.partitions: must be >= 1']);
    expect(kafkaTopicProblems({ ...topic, metadata: { ...topic.metadata, labels: { 'strimzi.io/cluster': 3 } } })).toEqual([
      'metadata.labels.strimzi.io/cluster: must be string',
    ]);
  });

  it('refuses a field the CRD does not know, at any depth, naming it', () => {
    expect(kafkaTopicProblems(withSpec({ replica: 3 }))).toEqual(['spec.replica: not a field of KafkaTopic kafka.strimzi.io/v1beta2']);
    expect(kafkaTopicProblems({ ...topic, metadata: { ...topic.metadata, label: {} } })).toEqual([
      'metadata.label: not a field of KafkaTopic kafka.strimzi.io/v1beta2',
    ]);
    expect(kafkaTopicProblems({ ...topic, specs: {} })).toEqual(['specs: not a field of KafkaTopic kafka.strimzi.io/v1beta2']);
  });

  it("keeps open what the CRD leaves open: the topic's Kafka configuration, labels and annotations", () => {
    expect(kafkaTopicProblems(withSpec({ config: { 'cleanup.policy': 'compact', 'segment.ms': 3_600_000 } }))).toEqual([]);
    expect(kafkaTopicProblems({ ...topic, metadata: { ...topic.metadata, labels: { 'strimzi.io/cluster': 'priemnaya', tier: 'events' } } })).toEqual([]);
  });

  it('refuses another kind or a version Strimzi does not serve', () => {
    expect(kafkaTopicProblems({ ...topic, kind: 'KafkaUser' })).toEqual(['kind: must be equal to one of the allowed values']);
    expect(kafkaTopicProblems({ ...topic, apiVersion: 'kafka.strimzi.io/v1beta1' })).toEqual([
      'apiVersion: kafka.strimzi.io/v1beta1 is not a KafkaTopic version Strimzi serves (kafka.strimzi.io/v1, kafka.strimzi.io/v1beta2)',
    ]);
  });
});
