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

  const sdk = new NodeSDK({ serviceName, ...(exporterConfigured ? {} : { spanProcessors: [keepSpansLocal] }) });
  sdk.start();
  return {
    async shutdown() {
      await sdk.shutdown();
    },
  };
}
