import { telemetry } from './telemetry.js';
import { loadEnv } from '@priemnaya/config';
import { createShutdown } from '@priemnaya/lifecycle';
import { createLogger } from '@priemnaya/observability';
import { buildConsole } from './app.js';
import { createDeskClient } from './data-access/desk-client.js';
import { ConsoleEnv } from './env.js';
import { ensureWebBuild, WEB_ROOT } from './web-build.js';

// The console has no broker or database of its own, so it does not use the shared service runtime.
const config = loadEnv('console', ConsoleEnv);
const logger = createLogger({ service: 'console', level: config.LOG_LEVEL });
const shutdown = createShutdown({ logger });
shutdown.trapSignals();

if (config.CONSOLE_WEB_BUILD === 'auto') await ensureWebBuild(logger);
const desk = createDeskClient(config.DESK_GRPC_ADDRESS, { registerMs: config.DESK_REGISTER_TIMEOUT_MS, lookupMs: config.DESK_LOOKUP_TIMEOUT_MS });
const http = await buildConsole({
  cityZone: config.CITY_TIME_ZONE,
  logger,
  desk,
  upstreams: { router: config.ROUTER_URL, registry: config.REGISTRY_URL, executor: config.EXECUTOR_URL, monitor: config.MONITOR_URL },
  webRoot: WEB_ROOT,
});
shutdown.add({ name: 'stop taking requests, finish those in flight', run: () => http.close() });
shutdown.add({ name: 'close the desk client', run: () => desk.close() });
shutdown.add({ name: 'flush telemetry', run: () => telemetry.shutdown() });
const address = await http.listen({ host: config.HTTP_HOST, port: config.HTTP_PORT });
logger.info({ listening: address }, 'console started');
