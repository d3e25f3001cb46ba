import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * The built web application: its files, and its index for every other path that is not an API
 * (the application routes in the browser). Assets carry content hashes, so they are cached long;
 * the index never is, so a new build is picked up at once.
 */
export async function webApp(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    setHeaders(reply, filePath) {
      reply.header('cache-control', filePath.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
    },
  });
  app.get('/*', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith('/api/')) {
      return reply.status(404).send({ statusCode: 404, code: 'not_found', message: `no route ${request.method} ${path}` });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
