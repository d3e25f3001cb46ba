import { env } from '@priemnaya/config';
import { z } from 'zod';

const grpcAddress = (fallback: string) => z.string().regex(/^[^:\s]+:\d{1,5}$/, 'must be host:port').default(fallback);

/**
 * The console keeps nothing of its own: it serves the staff web application and forwards the
 * browser's calls, with the caller's own staff token, to the fleet's public APIs.
 */
export const ConsoleEnv = z.object({
  HTTP_HOST: env.host(),
  HTTP_PORT: env.port(8090),
  /** The desk's gRPC API (browsers cannot speak gRPC, so the console forwards to it). */
  DESK_GRPC_ADDRESS: grpcAddress('127.0.0.1:8184'),
  /** A registration waits for Kafka's acknowledgement behind the desk; the desk's own advice is 15 s. */
  DESK_REGISTER_TIMEOUT_MS: env.milliseconds(15_000),
  /** Suggestions and look-ups: an operator is waiting on them. */
  DESK_LOOKUP_TIMEOUT_MS: env.milliseconds(3_000),
  /** Reverse-proxied under /api/<name>/ so the web application stays same-origin. */
  ROUTER_URL: z.url().default('http://127.0.0.1:8081'),
  REGISTRY_URL: z.url().default('http://127.0.0.1:8082'),
  EXECUTOR_URL: z.url().default('http://127.0.0.1:8083'),
  MONITOR_URL: z.url().default('http://127.0.0.1:8086'),
  /**
   * `auto`: build the web application at start when its build is missing or older than its
   * sources (a few seconds); `never`: serve what is there (a deployment ships it built).
   */
  CONSOLE_WEB_BUILD: z.enum(['auto', 'never']).default('auto'),
  /** The city's zone, shared with every service: the web application shows times in it, wherever the browser is. */
  CITY_TIME_ZONE: env.cityTimeZone(),
  LOG_LEVEL: env.logLevel(),
});
export type ConsoleEnv = z.infer<typeof ConsoleEnv>;
