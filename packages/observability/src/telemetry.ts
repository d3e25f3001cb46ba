import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { NodeSDK, type tracing } from '@opentelemetry/sdk-node';

export interface Telemetry {
  shutdown(): Promise<void>;
}

/**
 * Keeps spans real (trace ids for logs and Kafka headers) when nothing exports them: the SDK
 * registers no tracer provider at all without a span processor.
 */
const keepSpansLocal: tracing.SpanProcessor = {
  onStart() {},
  onEnd() {},
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

/** Probes and scrapes would fill the traces with nothing: they get no span. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * The official instrumentations for what the fleet uses. Their hooks patch a library when it is
 * loaded by `require`; the services are ES modules, and of their imports the hooks see Node's
 * http module and MongoDB's internal files, not the entry module of fastify or grpc-js. So
 * Fastify's instrumentation is registered by `@priemnaya/http` on each server as a plugin, and
 * gRPC calls carry their context in metadata (`@priemnaya/grpc`). Kafka's context travels in
 * our own message headers (`@priemnaya/kafka`), with a producer span on publishing and a
 * consumer span per message, so the kafkajs instrumentation is left out rather than adding a
 * second pair of spans per message. MongoDB's spans need a parent: a query outside a request or
 * message (a poll, a tick) starts no trace of its own.
 */
/** `{"insert":"appeals"}`: the command's name and, when it names one, its collection. */
export function commandStatement(command: Record<string, unknown>): string {
  const [name] = Object.keys(command);
  if (name === undefined) return '{}';
  const target = command[name];
  return JSON.stringify({ [name]: typeof target === 'string' ? target : '?' });
}

function instrumentations() {
  return [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? '').split('?')[0] ?? ''),
      // Outgoing calls are to the fleet's own services or to an OTLP collector, whose export
      // requests must not be traced themselves.
      requireParentforOutgoingSpans: true,
    }),
    // The statement names the command and its collection only: the instrumentation's default walks
    // every document of the command (a batched insert of hundreds of appeals) to mask its values.
    new MongoDBInstrumentation({ requireParentSpan: true, dbStatementSerializer: commandStatement }),
  ];
}

/**
 * Starts OpenTelemetry's Node SDK for one service. Export is configured by the standard
 * `OTEL_*` variables (OTLP when an endpoint is set); without them spans are still created and
 * their context propagated, but exported nowhere.
 */
export function startTelemetry(serviceName: string, env: NodeJS.ProcessEnv = process.env): Telemetry {
  const exporterConfigured =
    (env.OTEL_TRACES_EXPORTER !== undefined && env.OTEL_TRACES_EXPORTER !== 'none') ||
    env.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined ||
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT !== undefined;
  process.env.OTEL_METRICS_EXPORTER ??= 'none';
  process.env.OTEL_LOGS_EXPORTER ??= 'none';

  const sdk = new NodeSDK({ serviceName, instrumentations: instrumentations(), ...(exporterConfigured ? {} : { spanProcessors: [keepSpansLocal] }) });
  sdk.start();
  return {
    async shutdown() {
      await sdk.shutdown();
    },
  };
}
