import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTopicNames } from '@priemnaya/contracts';
import { fleetTopics, SAMPLE_UNITS } from '@priemnaya/reference-data';
import { FLEET_SERVICES } from '../scripts/fleet/fleet.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = process.env.PRIEMNAYA_CACHE ?? path.join(ROOT, '.cache');

/** Stands in for the Gosuslugi platform in development and compose; a cluster uses the real one. */
const NOT_IN_CLUSTER = new Set(['pos-simulator']);
/** Deployed whether or not the local fleet runner starts it. */
const ALSO_DEPLOYED = [{ name: 'console', port: 8090 }];
/** Every process with its HTTP port: the fleet runner's and those above, once each. */
const ALL_SERVICES: readonly { name: string; port: number }[] = [
  ...FLEET_SERVICES,
  ...ALSO_DEPLOYED.filter(({ name }) => !FLEET_SERVICES.some((service) => service.name === name)),
];
/** Reads the platform's feed through one cursor: one replica, no autoscaler (deploy/README.md). */
const NOT_AUTOSCALED = new Set(['pos-adapter']);

interface Resource {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec: Record<string, unknown>;
}
interface Probe { httpGet?: { path: string; port: string | number } }
interface Container {
  name: string;
  ports?: { name: string; containerPort: number }[];
  env?: { name: string; value?: string }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
}
interface PodSpec { containers: Container[]; securityContext?: { runAsNonRoot?: boolean }; terminationGracePeriodSeconds?: number }

/**
 * The deployment files: scripts/deploy/validate.sh renders the Kubernetes overlays and checks every
 * resource against the API's schemas and deploy/compose.yaml against the Compose schema; here, what
 * the schemas cannot say: every service and topic of the fleet is there, and deployed as it must be.
 */
describe('deployment manifests', () => {
  let output = '';
  let production: Resource[] = [];
  let compose: { services: Record<string, { ports?: string[]; env_file?: string[]; environment?: Record<string, string> }> };

  beforeAll(async () => {
    // The first run installs kubeconform and kustomize from the Go module proxy (a few minutes).
    const result = await promisify(execFile)('bash', [path.join(ROOT, 'scripts/deploy/validate.sh')], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    output = result.stdout;
    production = JSON.parse(readFileSync(path.join(CACHE, 'deploy/production.json'), 'utf8')) as Resource[];
    [compose] = JSON.parse(readFileSync(path.join(CACHE, 'deploy/compose.json'), 'utf8')) as [typeof compose];
  }, 900_000);

  const named = (kind: string, name: string) => production.find((r) => r.kind === kind && r.metadata.name === name);
  const deployments = () => production.filter((r) => r.kind === 'Deployment');
  const podSpec = (deployment: Resource) => (deployment.spec.template as { spec: PodSpec }).spec;

  it('every overlay validates against the schemas with no error, and compose.yaml against its own', () => {
    const lines = [...output.matchAll(/^k8s (\S+): (\d+) resources? found in \d+ files? - Valid: (\d+), Invalid: (\d+), Errors: (\d+), Skipped: (\d+)$/gm)];
    expect(lines.map((line) => line[1])).toEqual(['production', 'base']);
    for (const [, , found, valid, invalid, errors, skipped] of lines) {
      expect(Number(found)).toBeGreaterThan(0);
      expect({ valid: Number(valid), invalid: Number(invalid), errors: Number(errors), skipped: Number(skipped) }).toEqual({
        valid: Number(found), invalid: 0, errors: 0, skipped: 0,
      });
    }
    expect(Number(lines[0]?.[2])).toBe(production.length);
    expect(output).toMatch(/^compose: valid, \d+ services$/m);
  });

  it('every service of the fleet has a Deployment, a Service, a PodDisruptionBudget and a compose entry', () => {
    const clustered = ALL_SERVICES.filter(({ name }) => !NOT_IN_CLUSTER.has(name));
    for (const { name } of clustered) {
      for (const kind of ['Deployment', 'Service', 'PodDisruptionBudget']) expect(named(kind, name), `${kind} ${name}`).toBeDefined();
    }
    for (const { name, port } of ALL_SERVICES) {
      const service = compose.services[name];
      expect(service, `compose service ${name}`).toBeDefined();
      expect(service?.ports ?? [], `compose ports of ${name}`).toContain(`127.0.0.1:${port}:${port}`);
    }
    expect(deployments().map((d) => d.metadata.name).sort()).toEqual(clustered.map(({ name }) => name).sort());
  });

  it('every Deployment listens on its own port and has probes on /readyz and /healthz, resources and a locked-down container', () => {
    const ports = new Map(ALL_SERVICES.map(({ name, port }) => [name, port]));
    for (const deployment of deployments()) {
      const name = deployment.metadata.name;
      const spec = podSpec(deployment);
      expect(spec.securityContext?.runAsNonRoot, name).toBe(true);
      // Longer than the services' own 15 s shutdown deadline plus the preStop pause.
      expect(spec.terminationGracePeriodSeconds, name).toBeGreaterThanOrEqual(25);
      for (const container of spec.containers) {
        expect(container.ports?.find((p) => p.name === 'http')?.containerPort, name).toBe(ports.get(name));
        expect(container.env?.find((e) => e.name === 'HTTP_PORT')?.value, name).toBe(String(ports.get(name)));
        expect(container.readinessProbe?.httpGet, name).toEqual({ path: '/readyz', port: 'http' });
        expect(container.livenessProbe?.httpGet, name).toEqual({ path: '/healthz', port: 'http' });
        for (const bound of ['requests', 'limits'] as const) {
          expect(Object.keys(container.resources?.[bound] ?? {}).sort(), `${name} ${bound}`).toEqual(['cpu', 'memory']);
        }
        expect(container.securityContext, name).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
      }
    }
  });

  it('every Deployment but the platform adapter is autoscaled, consumers on their lag within their partitions', () => {
    const partitions = new Map(production.filter((r) => r.kind === 'KafkaTopic').map((r) => [r.spec.topicName as string, r.spec.partitions as number]));
    for (const deployment of deployments()) {
      const name = deployment.metadata.name;
      const hpa = named('HorizontalPodAutoscaler', name);
      const scaled = named('ScaledObject', name);
      if (NOT_AUTOSCALED.has(name)) {
        expect(hpa ?? scaled, name).toBeUndefined();
        expect(deployment.spec.replicas, name).toBe(1);
        continue;
      }
      expect([hpa, scaled].filter(Boolean), name).toHaveLength(1);
      // The autoscaler owns the count; a count in the Deployment would be reset by every apply.
      expect(deployment.spec.replicas, name).toBeUndefined();
      if (hpa) expect((hpa.spec.scaleTargetRef as { name: string }).name).toBe(name);
      if (scaled) {
        expect((scaled.spec.scaleTargetRef as { name: string }).name).toBe(name);
        const triggers = scaled.spec.triggers as { type: string; metadata: Record<string, string> }[];
        const kafka = triggers.filter((t) => t.type === 'kafka');
        expect(kafka.length, name).toBeGreaterThan(0);
        for (const trigger of kafka) {
          expect(trigger.metadata.allowIdleConsumers, name).toBe('false');
          const topic = trigger.metadata.topic;
          if (topic !== undefined) expect(scaled.spec.maxReplicaCount as number, `${name} on ${topic}`).toBeLessThanOrEqual(partitions.get(topic) ?? 0);
        }
      }
    }
  });

  it('every topic of the catalog and its dead-letter topic is declared with 3 replicas and min.insync.replicas 2', () => {
    const declared = new Map(production.filter((r) => r.kind === 'KafkaTopic').map((r) => [r.spec.topicName as string, r]));
    const expected = fleetTopics(createTopicNames(''), SAMPLE_UNITS.map((unit) => unit.code));
    expect(expected.some((topic) => topic.endsWith('.dlq'))).toBe(true);
    expect([...declared.keys()].sort()).toEqual([...expected].sort());
    for (const topic of expected) {
      const resource = declared.get(topic);
      expect(resource?.metadata.labels?.['strimzi.io/cluster'], topic).toBe('priemnaya');
      expect(resource?.spec.replicas, topic).toBe(3);
      expect((resource?.spec.config as Record<string, string> | undefined)?.['min.insync.replicas'], topic).toBe('2');
    }
  });

  it('MongoDB is a replica set of 3 with a headless Service and a Job that initiates it', () => {
    const statefulSet = named('StatefulSet', 'mongo');
    expect(statefulSet?.spec.replicas).toBe(3);
    expect(named('Service', 'mongo')?.spec.clusterIP).toBe('None');
    const job = named('Job', 'mongo-rs-initiate');
    expect(JSON.stringify(job?.spec)).toContain('rs.initiate');
  });
});
