import { NodeSDK } from '@opentelemetry/sdk-node';

export interface Telemetry {
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry's Node SDK for one service. Export is configured by the standard
 * `OTEL_*` variables; with no exporter endpoint configured, spans are still created and
 * propagated (trace ids reach logs and Kafka headers) but not exported anywhere.
 */
export function startTelemetry(serviceName: string, env: NodeJS.ProcessEnv = process.env): Telemetry {
  const exporterConfigured =
    env.OTEL_TRACES_EXPORTER !== undefined ||
    env.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined ||
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT !== undefined;
  if (!exporterConfigured) process.env.OTEL_TRACES_EXPORTER = 'none';
  process.env.OTEL_METRICS_EXPORTER ??= 'none';
  process.env.OTEL_LOGS_EXPORTER ??= 'none';
  process.env.OTEL_SERVICE_NAME ??= serviceName;

  const sdk = new NodeSDK({ serviceName });
  sdk.start();
  return {
    async shutdown() {
      await sdk.shutdown();
    },
  };
}
