/**
 * Strimzi's KafkaTopic, checked with the models that @kubernetes-models/strimzi-kafka-operator
 * (npm) generates from Strimzi's own CRDs. The package ships each CRD version's schema compiled
 * into a validator, not as JSON, so kubeconform cannot read it: validate.sh has kubeconform skip
 * the KafkaTopics and checks them here, with the validator of each resource's apiVersion.
 *
 * The CRD, like every CRD, does not forbid unknown fields in its schema: the API server drops them,
 * or refuses them under kubectl's strict field validation. The compiled validator looks up every
 * field its schema lists, by name, and enumerates the keys of the maps it checks (labels); a field
 * it never looked up, in an object whose fields it did look up, is one the CRD does not know, and is
 * refused here as kubeconform's strict mode refuses one elsewhere. An object whose fields the
 * schema leaves open (`spec.config`, the topic's Kafka configuration) is neither looked into nor
 * enumerated, and keeps any key.
 */
import { KafkaTopic as KafkaTopicV1 } from '@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1/KafkaTopic';
import { KafkaTopic as KafkaTopicV1beta2 } from '@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1beta2/KafkaTopic';

/** The served versions of Strimzi's KafkaTopic (v1alpha1 and v1beta1 are long gone from Strimzi). */
const MODELS: Record<string, { prototype: { validate(): void } }> = {
  [KafkaTopicV1.apiVersion]: KafkaTopicV1,
  [KafkaTopicV1beta2.apiVersion]: KafkaTopicV1beta2,
};
export const KAFKA_TOPIC_VERSIONS = Object.keys(MODELS);

interface Visited {
  path: string;
  value: object;
  looked: Set<string>;
  enumerated: boolean;
}

/** A copy of the value whose objects note which of their keys the validator reads or lists. */
function watched(value: unknown, path: string, visits: Visited[]): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item, index) => watched(item, `${path}[${index}]`, visits));
  const visit: Visited = { path, value, looked: new Set(), enumerated: false };
  visits.push(visit);
  const target = Object.fromEntries(Object.entries(value).map(([key, field]) => [key, watched(field, path === '' ? key : `${path}.${key}`, visits)]));
  return new Proxy(target, {
    get(object, key, receiver) {
      if (typeof key === 'string') visit.looked.add(key);
      return Reflect.get(object, key, receiver) as unknown;
    },
    ownKeys(object) {
      visit.enumerated = true;
      return Reflect.ownKeys(object);
    },
  });
}

/** "/metadata/labels/strimzi.io~1cluster" as "metadata.labels.strimzi.io/cluster". */
function fieldName(instancePath: string): string {
  return instancePath.split('/').slice(1).map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~')).join('.') || '(the resource)';
}

interface ValidationFailure {
  errors?: { instancePath: string; message?: string }[];
}

/** What is wrong with one KafkaTopic, each problem naming its field; empty when it is valid. */
export function kafkaTopicProblems(resource: unknown): string[] {
  const apiVersion = (resource as { apiVersion?: unknown } | null)?.apiVersion;
  const model = typeof apiVersion === 'string' ? MODELS[apiVersion] : undefined;
  if (model === undefined) return [`apiVersion: ${String(apiVersion)} is not a KafkaTopic version Strimzi serves (${KAFKA_TOPIC_VERSIONS.join(', ')})`];
  const visits: Visited[] = [];
  const problems: string[] = [];
  try {
    model.prototype.validate.call(watched(resource, '', visits));
  } catch (error) {
    const errors = (error as ValidationFailure).errors;
    if (errors === undefined) throw error;
    for (const { instancePath, message } of errors) problems.push(`${fieldName(instancePath)}: ${message ?? 'invalid'}`);
  }
  for (const { path, value, looked, enumerated } of visits) {
    if (enumerated || looked.size === 0) continue;
    for (const key of Object.keys(value)) {
      if (!looked.has(key)) problems.push(`${path === '' ? key : `${path}.${key}`}: not a field of KafkaTopic ${apiVersion as string}`);
    }
  }
  return problems;
}
