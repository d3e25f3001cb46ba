import { describe, expect, it } from 'vitest';
import { schemaFileName, schemasFromCrd, schemasFromSwagger, strictify } from './json-schemas.js';

describe('schemaFileName', () => {
  it('names a file as kubeconform looks it up', () => {
    expect(schemaFileName('apps/v1', 'Deployment')).toBe('deployment-apps-v1.json');
    expect(schemaFileName('v1', 'Service')).toBe('service-v1.json');
    expect(schemaFileName('autoscaling/v2', 'HorizontalPodAutoscaler')).toBe('horizontalpodautoscaler-autoscaling-v2.json');
    expect(schemaFileName('keda.sh/v1alpha1', 'ScaledObject')).toBe('scaledobject-keda-v1alpha1.json');
    expect(schemaFileName('kafka.strimzi.io/v1beta2', 'KafkaTopic')).toBe('kafkatopic-kafka-v1beta2.json');
  });
});

describe('strictify', () => {
  it('admits no unlisted property where properties are listed, at every depth', () => {
    const schema = strictify({ type: 'object', properties: { spec: { type: 'object', properties: { replicas: { type: 'integer' } } } } });
    expect(schema).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: { spec: { type: 'object', additionalProperties: false, properties: { replicas: { type: 'integer' } } } },
    });
  });

  it('leaves open what Kubernetes leaves open: maps and preserved unknown fields', () => {
    expect(strictify({ type: 'object', additionalProperties: { type: 'string' } })).toEqual({ type: 'object', additionalProperties: { type: 'string' } });
    const preserved = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { a: { type: 'string' } } };
    expect(strictify(preserved)).toEqual(preserved);
  });

  it('takes an int-or-string as either, and a nullable field as null too', () => {
    expect(strictify({ type: 'string', format: 'int-or-string' })).toEqual({ oneOf: [{ type: 'string' }, { type: 'integer' }] });
    expect(strictify({ 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] })).toMatchObject({
      oneOf: [{ type: 'string' }, { type: 'integer' }],
    });
    expect(strictify({ type: 'string', nullable: true })).toEqual({ type: ['string', 'null'], nullable: true });
  });
});

describe('schemasFromSwagger', () => {
  const swagger = {
    definitions: {
      'io.k8s.api.core.v1.Service': {
        type: 'object',
        'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'Service' }],
        properties: { spec: { $ref: '#/definitions/io.k8s.api.core.v1.ServiceSpec' } },
      },
      'io.k8s.api.core.v1.ServiceSpec': { type: 'object', properties: { ports: { type: 'array', items: { $ref: '#/definitions/io.k8s.api.core.v1.ServicePort' } } } },
      'io.k8s.api.core.v1.ServicePort': { type: 'object', properties: { targetPort: { $ref: '#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString' } } },
      'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { type: 'string', format: 'int-or-string' },
      'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions': {
        type: 'object',
        'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'DeleteOptions' }, { group: 'apps', version: 'v1', kind: 'DeleteOptions' }],
      },
      'io.k8s.api.unrelated.v1.Other': { type: 'object' },
    },
  };

  it('writes one schema per kind with exactly the definitions it reaches; shared types are not kinds', () => {
    const files = schemasFromSwagger(swagger);
    expect([...files.keys()]).toEqual(['service-v1.json']);
    const service = files.get('service-v1.json') as { definitions: Record<string, unknown>; additionalProperties: boolean };
    expect(Object.keys(service.definitions).sort()).toEqual([
      'io.k8s.api.core.v1.Service',
      'io.k8s.api.core.v1.ServicePort',
      'io.k8s.api.core.v1.ServiceSpec',
      'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
    ]);
    expect(service.additionalProperties).toBe(false);
    expect(service.definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toEqual({ oneOf: [{ type: 'string' }, { type: 'integer' }] });
  });
});

describe('schemasFromCrd', () => {
  it('writes a schema per version that has one', () => {
    const files = schemasFromCrd({
      spec: {
        group: 'keda.sh',
        names: { kind: 'ScaledObject' },
        versions: [{ name: 'v1alpha1', schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object' } } } } }, { name: 'v1beta9' }],
      },
    });
    expect([...files.keys()]).toEqual(['scaledobject-keda-v1alpha1.json']);
    expect(files.get('scaledobject-keda-v1alpha1.json')).toMatchObject({ additionalProperties: false });
  });
});
