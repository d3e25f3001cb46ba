import { createHttpServer } from '@priemnaya/http';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { DeskClient } from './data-access/desk-client.js';
import { deskRoutes } from './entry-points/http/desk-routes.js';
import { upstreamProxies, type Upstreams } from './entry-points/http/upstream-proxies.js';
import { webApp } from './entry-points/http/web-app.js';

export interface ConsoleDeps {
  logger: Logger;
  desk: DeskClient;
  upstreams: Upstreams;
  /** The built web application's folder. */
  webRoot: string;
  /** `CITY_TIME_ZONE`, given to the web application so staff read times in the city's zone. */
  cityZone: string;
}

/** Builds the console's HTTP server without listening, so tests can start the real thing on port 0. */
export async function buildConsole(deps: ConsoleDeps): Promise<FastifyInstance> {
  // Ready once listening: the services behind it answer for themselves, and the browser shows
  // each one's failure where it happens.
  const http = createHttpServer({ logger: deps.logger });
  deskRoutes(http, { desk: deps.desk });
  http.get('/api/console/settings', async () => ({ cityTimeZone: deps.cityZone }));
  await upstreamProxies(http, deps.upstreams);
  await webApp(http, deps.webRoot);
  // Proxied streams never end by themselves: cut them shortly after close begins, so it can finish.
  http.addHook('preClose', async () => {
    setTimeout(() => http.server.closeAllConnections(), 1_000).unref();
  });
  await http.ready();
  return http;
}
