import { Server, ServerCredentials, type ServiceDefinition, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { streamTelemetry } from './stream-telemetry.js';

export interface GrpcServiceBinding {
  definition: ServiceDefinition;
  implementation: UntypedServiceImplementation;
}

export interface GrpcServer {
  /** Binds and starts serving; resolves with the bound port (useful with port 0 in tests). */
  listen(host: string, port: number): Promise<number>;
  /** Stops taking calls, lets those in flight finish for up to `graceMs`, then cuts the rest. */
  close(graceMs?: number): Promise<void>;
}

/**
 * A gRPC server with the fleet's limits, and a span and metrics for every streamed answer (unary
 * calls get theirs from `unary`). Plaintext on the given host: in a deployment TLS ends at the
 * mesh or ingress in front, as for HTTP.
 */
export function createGrpcServer(services: GrpcServiceBinding[], options: { maxMessageBytes?: number } = {}): GrpcServer {
  const server = new Server({
    'grpc.max_receive_message_length': options.maxMessageBytes ?? 4 * 1024 * 1024,
    'grpc.keepalive_permit_without_calls': 1,
    interceptors: [streamTelemetry],
  });
  for (const { definition, implementation } of services) server.addService(definition, implementation);

  return {
    listen(host, port) {
      return new Promise((resolve, reject) => {
        server.bindAsync(`${host}:${port}`, ServerCredentials.createInsecure(), (error, boundPort) => {
          if (error) reject(error);
          else resolve(boundPort);
        });
      });
    },
    async close(graceMs = 5_000) {
      await new Promise<void>((resolve) => {
        const deadline = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, graceMs);
        server.tryShutdown(() => {
          clearTimeout(deadline);
          resolve();
        });
      });
    },
  };
}
