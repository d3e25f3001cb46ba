import { createTeardown, startPrivateDatabase, startPrivateKafka, testInfra, waitFor } from '@priemnaya/testing';
import { afterAll, describe, expect, it } from 'vitest';
import type { ServiceName } from '../scripts/fleet/fleet.js';
import { startIsolatedFleet } from '../scripts/fleet/isolated-fleet.js';

interface Readiness {
  status: number;
  checks: Record<string, boolean>;
}

/** A site-form appeal under `key`: its status, Retry-After and the seconds it took (a hang fails the fetch). */
async function submit(ingestUrl: string, key: string): Promise<{ status: number; retryAfter: string | null; seconds: number }> {
  const from = Date.now();
  const response = await fetch(`${ingestUrl}/v1/appeals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ text: 'Во дворе не вывозят мусор уже неделю', author: { name: 'Заявитель Проверки', email: `${key}@example.org` } }),
    // A citizen's browser gives up long before this; an answer only after it would be a hang.
    signal: AbortSignal.timeout(60_000),
  });
  await response.arrayBuffer();
  return { status: response.status, retryAfter: response.headers.get('retry-after'), seconds: (Date.now() - from) / 1000 };
}

/** What a wait ends with when the service exited by itself instead of answering. */
const STOPPED: Readiness = { status: 0, checks: {} };

async function readiness(url: string): Promise<Readiness | undefined> {
  try {
    const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(10_000) });
    const body = (await response.json()) as { checks?: Record<string, boolean> };
    return { status: response.status, checks: body.checks ?? {} };
  } catch {
    // Not listening (stopped by itself, or starting again): neither answer yet.
    return undefined;
  }
}

/**
 * Services on the appeal's path with a database and a broker: each has a consumer group, and
 * ingest a producer too, whose clients keep retrying a broker that is gone and say nothing of it.
 */
const SERVICES: readonly ServiceName[] = ['registry', 'router', 'executor', 'ingest'];

describe('GET /readyz of the fleet', () => {
  const teardown = createTeardown();
  afterAll(() => teardown.run(), 120_000);

  it('answers 503 naming the database while a private FerretDB is stopped or frozen and naming kafka while a private broker is, 200 once each is back, with /healthz 200 and every service up throughout', async () => {
    const shared = testInfra();
    const database = teardown.add(await startPrivateDatabase(), (it) => it.remove());
    const kafka = teardown.add(await startPrivateKafka(), (it) => it.remove());
    // Each service stays up through either outage, saying so on /readyz: a consumer kafkajs gives
    // up on because the broker was away is started again in the process, not by an orchestrator.
    const exitedByThemselves = new Map<ServiceName, number | null>();
    const isolated = teardown.add(
      await startIsolatedFleet('readyz', {
        infra: { ...shared, kafkaBrokers: kafka.brokers, mongoUrl: database.mongoUrl, replicationFactor: 1 },
        only: SERVICES,
        readyTimeoutMs: 180_000,
        onExit: (service, code) => exitedByThemselves.set(service, code),
      }),
      (it) => it.dispose(),
    );
    const { urls } = isolated.fleet;

    // Stopped (connections refused), then frozen with SIGSTOP: the port still accepts connections
    // and nothing is ever answered, the case where only the services' own bounds help.
    const outages = [
      ['database', database, 'stopped'],
      ['kafka', kafka, 'stopped'],
      ['database', database, 'frozen'],
      ['kafka', kafka, 'frozen'],
    ] as const;
    for (const [dependency, server, how] of outages) {
      await (how === 'stopped' ? server.stop() : server.freeze());
      const stoppedAt = Date.now();
      // Watched side by side, so each one's figure is its own.
      await Promise.all(
        SERVICES.map(async (service) => {
          const answer = await waitFor(
            async () => {
              if (exitedByThemselves.has(service)) return STOPPED;
              const now = await readiness(urls[service]);
              return now?.status === 503 && now.checks[dependency] === false ? now : undefined;
            },
            { timeoutMs: 120_000, intervalMs: 250, description: `${service}'s /readyz to answer 503 naming ${dependency} ${how}` },
          );
          expect(answer, `${service} with its ${dependency} ${how}`).not.toBe(STOPPED);
          expect(answer.checks[dependency], `${service} with its ${dependency} ${how}`).toBe(false);
          console.info(`[figure] readiness: ${service} answered 503 naming ${dependency} ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s after the ${dependency} was ${how}`);
          expect((await fetch(`${urls[service]}/healthz`)).status).toBe(200);
        }),
      );
      // An appeal sent meanwhile is refused with 503 and Retry-After, never held without an answer.
      const key = `readyz-${dependency}-${how}-${Date.now()}`;
      const refused = await submit(urls.ingest, key);
      console.info(`[figure] readiness: ingest answered ${refused.status} to an appeal in ${refused.seconds.toFixed(1)} s with the ${dependency} ${how}`);
      expect(refused.status, `an appeal with the ${dependency} ${how}`).toBe(503);
      expect(refused.retryAfter).not.toBeNull();

      await (how === 'stopped' ? server.start() : server.thaw());
      const backAt = Date.now();
      for (const service of SERVICES) {
        const answer = await waitFor(
          async () => {
            if (exitedByThemselves.has(service)) return STOPPED;
            const now = await readiness(urls[service]);
            return now?.status === 200 ? now : undefined;
          },
          { timeoutMs: 300_000, intervalMs: 500, description: `${service}'s /readyz to answer 200 once the ${dependency} is back` },
        );
        expect(answer, `${service} once the ${dependency} is back`).not.toBe(STOPPED);
        expect(Object.values(answer.checks).every(Boolean), `${service}: ${JSON.stringify(answer.checks)}`).toBe(true);
        expect(answer.checks[dependency]).toBe(true);
        console.info(`[figure] readiness: ${service} ready by ${((Date.now() - backAt) / 1000).toFixed(1)} s after the ${dependency} was no longer ${how}`);
        expect((await fetch(`${urls[service]}/healthz`)).status, `${service}'s /healthz once the ${dependency} is back`).toBe(200);
      }
      // The same appeal sent again once everything is ready is taken.
      expect((await submit(urls.ingest, key)).status, `the refused appeal sent again once the ${dependency} is back`).toBe(202);
      expect(Object.fromEntries(exitedByThemselves), `services that stopped themselves while the ${dependency} was gone`).toEqual({});
    }
  }, 900_000);
});
