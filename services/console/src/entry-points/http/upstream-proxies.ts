import proxy from '@fastify/http-proxy';
import type { ErrorBody } from '@priemnaya/http';
import type { FastifyInstance } from 'fastify';
import type { LevelWithSilent } from 'pino';

export interface Upstreams {
  router: string;
  registry: string;
  executor: string;
  monitor: string;
}

/**
 * `/api/<service>/v1/...` to the service's own `/v1/` HTTP API, headers (the staff token) and
 * streams (server-sent events) as they are, so the web application is same-origin and each
 * service authorises the person itself. A service that does not answer is a 503 naming it.
 */
export async function upstreamProxies(app: FastifyInstance, upstreams: Upstreams): Promise<void> {
  // The proxy's own lines name each path forwarded; the console's request line is enough, so its
  // level is warn, or the server's own when that is quieter.
  const levels: LevelWithSilent[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];
  const logLevel = levels[Math.max(levels.indexOf('warn'), levels.indexOf(app.log.level as LevelWithSilent))] ?? 'warn';
  for (const [name, upstream] of Object.entries(upstreams) as [string, string][]) {
    await app.register(proxy, {
      upstream,
      prefix: `/api/${name}/v1`,
      rewritePrefix: '/v1',
      logLevel,
      replyOptions: {
        onError(reply, { error }) {
          reply.log.warn({ upstream: name, code: (error as { code?: string }).code }, 'service did not answer');
          void reply
            .status(503)
            .header('retry-after', '5')
            .send({ statusCode: 503, code: 'unavailable', message: `${name}: the service did not answer; retry later` } satisfies ErrorBody);
        },
      },
    });
  }
}
