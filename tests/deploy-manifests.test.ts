import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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
interface EnvVar { name: string; value?: string; valueFrom?: { secretKeyRef?: { key: string; optional?: boolean } } }
interface EnvSchema { safeParse(env: Record<string, string | undefined>): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }

/** What the Secret priemnaya-secrets holds in a cluster, in the form each key must take. */
const SECRET_SAMPLES: Record<string, string> = {
  MONGO_URL: 'mongodb://priemnaya:password@mongo-0.mongo:27017,mongo-1.mongo:27017,mongo-2.mongo:27017/?replicaSet=rs0&authSource=admin',
  STAFF_TOKEN_SECRET: 'a-staff-token-secret-of-at-least-32-characters',
  POS_BASE_URL: 'https://platform.example.org/api',
};

/** The ENV of each Dockerfile stage, with what it inherits from the stage it is built FROM. */
function imageEnvironments(dockerfile: string): Map<string, Record<string, string>> {
  const stages = new Map<string, Record<string, string>>();
  let current: Record<string, string> = {};
  for (const line of dockerfile.replace(/\\\n\s*/g, ' ').split('\n')) {
    const from = /^FROM (\S+) AS (\S+)/.exec(line);
    if (from) {
      current = { ...stages.get(from[1] as string) };
      stages.set(from[2] as string, current);
    } else if (line.startsWith('ENV ')) {
      for (const pair of line.slice(4).trim().split(/\s+/)) {
        const [key, ...value] = pair.split('=');
        current[key as string] = value.join('=');
      }
    }
  }
  return stages;
}

function envFile(text: string): Record<string, string> {
  return Object.fromEntries(text.split('\n').filter((line) => /^[A-Z_]+=/.test(line)).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

/** The zod schema of a service's environment (services/<name>/src/env.ts), if it has one. */
async function envSchema(service: string): Promise<EnvSchema | undefined> {
  const file = path.join(ROOT, 'services', service, 'src/env.ts');
  if (!existsSync(file)) return undefined;
  const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  return Object.values(exports).find((value): value is EnvSchema => typeof (value as EnvSchema | undefined)?.safeParse === 'function');
}

function problems(schema: EnvSchema, env: Record<string, string | undefined>): string[] {
  const result = schema.safeParse(env);
  return result.success ? [] : (result.error?.issues ?? []).map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`);
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
    const topicLines = [...output.matchAll(/^kafka-topics (\S+): (\d+) resources checked with @kubernetes-models\/strimzi-kafka-operator \S+ - Valid: (\d+), Invalid: (\d+)$/gm)];
    expect(lines.map((line) => line[1])).toEqual(['production', 'base']);
    expect(topicLines.map((line) => line[1])).toEqual(['production', 'base']);
    const topics = production.filter((r) => r.kind === 'KafkaTopic').length;
    expect(topics).toBeGreaterThan(0);
    for (const [index, [, , found, valid, invalid, errors, skipped]] of lines.entries()) {
      expect(Number(found)).toBeGreaterThan(topics);
      // kubeconform skips the KafkaTopics (Strimzi ships no JSON schema) and Strimzi's models check them.
      expect({ valid: Number(valid), invalid: Number(invalid), errors: Number(errors), skipped: Number(skipped) }).toEqual({
        valid: Number(found) - Number(skipped), invalid: 0, errors: 0, skipped: Number(topicLines[index]?.[2]),
      });
      expect({ valid: Number(topicLines[index]?.[3]), invalid: Number(topicLines[index]?.[4]) }).toEqual({ valid: Number(skipped), invalid: 0 });
    }
    expect(Number(lines[0]?.[2])).toBe(production.length);
    expect(Number(topicLines[0]?.[2])).toBe(topics);
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

  it("every service's environment in compose and in the cluster passes its own env.ts schema", async () => {
    const images = imageEnvironments(readFileSync(path.join(ROOT, 'deploy/docker/Dockerfile'), 'utf8'));
    const secretsExample = envFile(readFileSync(path.join(ROOT, 'deploy/secrets.env.example'), 'utf8'));
    const configMap = (named('ConfigMap', 'priemnaya-config') as unknown as { data: Record<string, string> }).data;
    const checked: string[] = [];
    for (const { name } of ALL_SERVICES) {
      const schema = await envSchema(name);
      if (schema === undefined) continue;
      const service = compose.services[name];
      const composed = { ...images.get(name), ...(service?.env_file ? secretsExample : {}), ...service?.environment };
      expect(problems(schema, composed), `compose ${name}`).toEqual([]);
      const deployment = named('Deployment', name);
      if (deployment === undefined) continue;
      const container = podSpec(deployment).containers[0] as Container & { env?: EnvVar[] };
      const clustered: Record<string, string> = { ...images.get(name), ...configMap };
      for (const variable of container.env ?? []) {
        if (variable.value !== undefined) clustered[variable.name] = variable.value;
        // A key the Secret must have gets a value of its kind; an optional one may be absent.
        else if (variable.valueFrom?.secretKeyRef?.optional !== true) clustered[variable.name] = SECRET_SAMPLES[variable.name] ?? 'set';
      }
      expect(problems(schema, clustered), `cluster ${name}`).toEqual([]);
      checked.push(name);
    }
    expect(checked.length).toBeGreaterThan(5);
  });

  it('MongoDB is a replica set of 3 with a headless Service and a Job that initiates it', () => {
    const statefulSet = named('StatefulSet', 'mongo');
    expect(statefulSet?.spec.replicas).toBe(3);
    expect(named('Service', 'mongo')?.spec.clusterIP).toBe('None');
    const job = named('Job', 'mongo-rs-initiate');
    expect(JSON.stringify(job?.spec)).toContain('rs.initiate');
  });
});
