import { context, propagation, type Context } from '@opentelemetry/api';
import type { Metadata } from '@grpc/grpc-js';

/**
 * The trace context (W3C traceparent) in a call's metadata, written by the caller and read by
 * the server. OpenTelemetry's gRPC instrumentation patches grpc-js when it is loaded by
 * `require`; the services import it as ES modules, which that hook does not see, so the fleet
 * carries the context itself, as it does in Kafka headers.
 */
export function injectTraceMetadata(metadata: Metadata): Metadata {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  for (const [key, value] of Object.entries(carrier)) metadata.set(key, value);
  return metadata;
}

export function extractTraceMetadata(metadata: Metadata | undefined): Context {
  const carrier: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata?.getMap() ?? {})) {
    if (typeof value === 'string') carrier[key] = value;
  }
  return propagation.extract(context.active(), carrier);
}
