import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { credentials, Metadata } from '@grpc/grpc-js';
import { createStaffTokens, withStaffToken } from '@priemnaya/auth';
import { callUnary } from '@priemnaya/grpc';
import { aPlatformItem } from '@priemnaya/pos-simulator';
import { DeskServiceClient, type RegisterOralAppealRequest, type RegisterOralAppealResponse } from '@priemnaya/grpc/generated/priemnaya/desk/v1/desk.js';
import { waitFor } from '@priemnaya/testing';
import { devStaffTokenSecret } from '../scripts/auth/dev-secret.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceName } from '../scripts/fleet/fleet.js';
import { startIsolatedFleet, type IsolatedFleet } from '../scripts/fleet/isolated-fleet.js';

/** One span as an OTLP/JSON export carries it, with the service that sent it. */
interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

interface OtlpAnyValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}
interface OtlpAttribute {
  key: string;
  value: OtlpAnyValue;
}
interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: { spans?: { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes?: OtlpAttribute[] }[] }[];
  }[];
}

const SERVER_KIND = 2;
const TRACED: readonly ServiceName[] = ['ingest', 'router', 'executor', 'registry', 'monitor'];

function attributesOf(list: OtlpAttribute[] = []): Record<string, unknown> {
  return Object.fromEntries(list.map(({ key, value }) => [key, value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue]));
}

/**
 * A stand-in for an OpenTelemetry collector: what the services export over OTLP/HTTP with JSON
 * (`POST /v1/traces`), kept in memory. The services are real processes, so the test sees their
 * spans only as a collector would.
 */
async function startOtlpReceiver(): Promise<{ server: Server; url: string; spans: ReceivedSpan[] }> {
  const spans: ReceivedSpan[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method === 'POST' && request.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpExport;
        for (const resourceSpans of body.resourceSpans ?? []) {
          const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name']);
          for (const scope of resourceSpans.scopeSpans ?? []) {
            for (const span of scope.spans ?? []) {
              spans.push({
                service,
                traceId: span.traceId,
                spanId: span.spanId,
                ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
                name: span.name,
                kind: span.kind,
                attributes: attributesOf(span.attributes),
              });
            }
          }
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, spans };
}

/**
 * An appeal's way through the fleet is one trace: from the citizen's POST at ingest, through
 * Kafka (the trace context in each message's headers) into the router, the executor's task
 * inbox, the registry and the monitor's clocks, as the services export it over OTLP.
 */
describe('one trace per appeal across the fleet', () => {
  let isolated: IsolatedFleet;
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    isolated = await startIsolatedFleet('trace', {
      only: [...TRACED, 'desk', 'pos-simulator', 'pos-adapter'],
      extraEnv: {
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        // Spans leave each process within a fifth of a second, not the default five seconds.
        OTEL_BSP_SCHEDULE_DELAY: '200',
      },
    });
  });
  afterAll(async () => {
    await isolated?.dispose();
    receiver?.server.close();
  });

  it('when a citizen posts an appeal, ingest, router, executor, registry and monitor all add spans to the trace of that request, with the routing steps', async () => {
    const response = await fetch(`${isolated.fleet.urls.ingest}/v1/appeals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'В подъезде дома 12 по улице Ленина нет отопления, батареи холодные вторую неделю.', author: { name: 'Петрова Анна Сергеевна', email: 'petrova@example.org' } }),
    });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };

    const request = await waitFor(
      () => receiver.spans.find((span) => span.service === 'ingest' && span.kind === SERVER_KIND && span.attributes['http.request.method'] === 'POST' && span.attributes['url.path'] === '/v1/appeals'),
      { description: "ingest's server span of POST /v1/appeals" },
    );
    expect(request.parentSpanId).toBeUndefined();
    const inTrace = () => receiver.spans.filter((span) => span.traceId === request.traceId);
    const spans = await waitFor(
      () => {
        const found = inTrace();
        const services = new Set(found.map((span) => span.service));
        const names = new Set(found.map((span) => span.name));
        // A parent ends after its children, so it may reach the collector in a later export.
        const ids = new Set(found.map((span) => span.spanId));
        const complete = found.every((span) => span === request || ids.has(span.parentSpanId ?? ''));
        return complete && TRACED.every((service) => services.has(service)) && names.has('route') && names.has('classify') && names.has('plan stages') ? found : undefined;
      },
      // Every span but the request's own has its parent in the same trace: nothing started afresh.
      { description: "spans of every service and the routing steps in the request's trace, each with its parent" },
    );

    const perService = TRACED.map((service) => `${service} ${spans.filter((span) => span.service === service).length}`).join(', ');
    console.info(`[figure] spans in the appeal's trace: ${spans.length} (${perService})`);
    const route = spans.find((span) => span.name === 'route');
    expect(route).toMatchObject({ service: 'router', attributes: { 'priemnaya.appeal.id': id, 'priemnaya.route.topic': 'housing', 'priemnaya.route.unit': 'zhkh' } });
    expect(spans.find((span) => span.name === 'classify')?.parentSpanId).toBe(route?.spanId);
    const consumerOf = (service: string, topic: string) => spans.find((span) => span.service === service && span.name === `process ${topic}`);
    // The executor's task arrives from the router, so it continues the router's span, not ingest's.
    const task = consumerOf('executor', isolated.names.tasks('zhkh'));
    expect(task).toBeDefined();
    expect(spans.find((span) => span.spanId === task?.parentSpanId)?.service).toBe('router');
    expect(consumerOf('registry', isolated.names.of('appeals.received'))).toBeDefined();
    expect(spans.find((span) => span.service === 'monitor' && span.name === 'plan stages')).toBeDefined();
    expect(JSON.stringify(spans)).not.toContain('Петрова');
    expect(JSON.stringify(spans)).not.toContain('отопления');
  });

  it('when an intake operator registers an oral appeal at the desk over gRPC, the desk, ingest and the router add spans to the trace of that call', async () => {
    const client = new DeskServiceClient(isolated.fleet.grpcAddresses.desk ?? '', credentials.createInsecure());
    let appealId: string;
    try {
      const token = await createStaffTokens(devStaffTokenSecret()).issue({ staffId: 'operator-trace', role: 'intake-operator', units: [] });
      const request: RegisterOralAppealRequest = {
        operatorId: '',
        idempotencyKey: randomUUID(),
        citizen: { name: 'Орлова Нина Викторовна', phone: '+7 911 000-11-22', email: '', postalAddress: '' },
        problemAddress: 'ул. Садовая, 7',
        text: 'Во дворе дома 7 по улице Садовой не горит фонарь, вечером темно.',
        answeredOnTheSpot: false,
        citizenConsentedToOralAnswer: false,
        oralAnswer: '',
        // 59-ФЗ ст. 13 ч. 2: the official who received the citizen, and the document the citizen presented.
        conductedBy: { staffId: 'head-1', name: 'Соколов Андрей Ильич', position: 'заместитель главы' },
        identityDocument: { kind: 'passport-rf', seriesNumber: '38 04 123456' },
      };
      ({ appealId } = await callUnary<RegisterOralAppealRequest, RegisterOralAppealResponse>(client.registerOralAppeal.bind(client), request, withStaffToken(new Metadata(), token), 20_000));
    } finally {
      client.close();
    }

    const route = await waitFor(() => receiver.spans.find((span) => span.name === 'route' && span.attributes['priemnaya.appeal.id'] === appealId), {
      description: "the router's route span of the desk's appeal",
    });
    const spans = await waitFor(() => {
      const found = receiver.spans.filter((span) => span.traceId === route.traceId);
      return found.some((span) => span.service === 'desk') && found.some((span) => span.service === 'ingest') ? found : undefined;
    }, { description: "the desk's and ingest's spans in the routed appeal's trace", timeoutMs: 10_000 }).catch((error: unknown) => {
      const desk = receiver.spans.filter((span) => span.service === 'desk').map((span) => `${span.name} ${span.traceId} ${span.parentSpanId ?? '-'}`);
      throw new Error(`${String(error)}; the desk's spans: ${desk.join('; ')}; the route's trace ${route.traceId}`);
    });
    const call = spans.find((span) => span.service === 'desk' && span.name === 'RegisterOralAppeal');
    expect(call).toMatchObject({ kind: SERVER_KIND });
    expect(call?.parentSpanId).toBeUndefined();
    const intake = spans.find((span) => span.service === 'ingest' && span.name === 'RegisterAppeal');
    expect(intake).toMatchObject({ kind: SERVER_KIND, attributes: { 'rpc.grpc.status_code': 0 } });
    expect(JSON.stringify(spans)).not.toContain('Орлова');
  });

  it("when the adapter pulls a message filed on the platform, the poll is the root of the trace the appeal follows through ingest and the router", async () => {
    const item = aPlatformItem('message', {
      text: 'На перекрёстке улиц Мира и Садовой не работает светофор.',
      author: { lastName: 'Смирнова', firstName: 'Елена', middleName: 'Андреевна', email: 'smirnova@example.org', phone: '+79110002233' },
      address: { text: 'ул. Садовая, 7' },
    });
    const published = await fetch(`${isolated.fleet.urls['pos-simulator']}/_simulator/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([item]),
    });
    expect(published.ok).toBe(true);

    const route = await waitFor(() => receiver.spans.find((span) => span.name === 'route' && span.attributes['priemnaya.appeal.channel'] === 'pos'), {
      description: "the router's route span of the platform's appeal",
      timeoutMs: 30_000,
    });
    const spans = await waitFor(() => {
      const found = receiver.spans.filter((span) => span.traceId === route.traceId);
      return found.some((span) => span.name === 'poll platform') && found.some((span) => span.service === 'ingest' && span.name === 'RegisterAppeal') ? found : undefined;
    }, { description: "the adapter's poll and ingest's registration in the routed appeal's trace" });
    const poll = spans.find((span) => span.name === 'poll platform');
    expect(poll).toMatchObject({ service: 'pos-adapter' });
    expect(poll?.parentSpanId).toBeUndefined();
    expect(JSON.stringify(spans)).not.toContain('Смирнова');
  });

  it('every service answers GET /metrics in the Prometheus text format, with its requests and Kafka consumption', async () => {
    for (const service of TRACED) {
      const response = await fetch(`${isolated.fleet.urls[service]}/metrics`);
      expect(response.status, service).toBe(200);
      const text = await response.text();
      expect(text, service).toContain('# TYPE priemnaya_http_requests_total counter');
      expect(text, service).toContain('priemnaya_process_cpu_seconds_total');
    }
    const ingest = await (await fetch(`${isolated.fleet.urls.ingest}/metrics`)).text();
    expect(ingest).toMatch(/^priemnaya_http_requests_total\{method="POST",route="\/v1\/appeals",status="202"\} [1-9]/m);
    expect(ingest).toMatch(/^priemnaya_kafka_messages_published_total\{topic="[^"]+appeals\.received"\} [1-9]/m);
    const registry = await (await fetch(`${isolated.fleet.urls.registry}/metrics`)).text();
    expect(registry).toMatch(/^priemnaya_kafka_messages_consumed_total\{topic="[^"]+appeals\.received",outcome="handled"\} [1-9]/m);
  });
});
