import type { Database } from '@priemnaya/database';
import { createHttpServer } from '@priemnaya/http';
import { createBrokerProbe, type ConsumerContext, type RunningConsumer } from '@priemnaya/kafka';
import { inSpan, liveness, type LoopWatch } from '@priemnaya/observability';
import type { FastifyInstance } from 'fastify';
import type { RetryPolicy } from './domain/retry-delay.js';
import { createFeedCursorStore } from './data-access/feed-cursor-store.js';
import { createHeldCloseStore } from './data-access/held-close-store.js';
import type { IntakeClient } from './data-access/intake-client.js';
import type { PlatformClient } from './data-access/platform-client.js';
import { createNotificationDeliveryLedger } from './data-access/notification-delivery-ledger.js';
import { createPlatformItemRepository } from './data-access/platform-item-repository.js';
import { startAppealsEventsConsumer } from './entry-points/kafka/appeals-events-consumer.js';
import { PAGE_LIVENESS_BOUND_MS, startFeedPoller, type FeedPoller } from './entry-points/poller/feed-poller.js';
import { createDeliverNotification } from './use-cases/deliver-notification.js';
import { createPostHeldClose } from './use-cases/post-held-close.js';
import { createPostStatusChange } from './use-cases/post-status-change.js';
import { createPullItemsPage } from './use-cases/pull-items-page.js';
import { createRetry } from './use-cases/retry-with-backoff.js';

/** The consumer's context (Kafka, topic names, group, logger, fatal handler) and the adapter's own. */
export interface PosAdapterDeps extends ConsumerContext {
  database: Database;
  platform: PlatformClient;
  intake: IntakeClient;
  pollIntervalMs: number;
  pageSize: number;
  retryPolicy: RetryPolicy;
  /** How long stop() lets the page in flight retry before cutting it (it is then read again). */
  stopGraceMs: number;
  /** Who signs answers posted to the platform. */
  answerSignedBy: string;
  /** How long a closing waits for its answer or forwarding to be posted before it is posted anyway. */
  closeHoldMs: number;
}

export interface PosAdapter {
  http: FastifyInstance;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Builds the adapter without listening, polling or consuming, so tests can start the real thing. */
export async function buildPosAdapter(deps: PosAdapterDeps): Promise<PosAdapter> {
  const items = createPlatformItemRepository(deps.database.db);
  const cursors = createFeedCursorStore(deps.database.db);
  const retry = createRetry(deps.retryPolicy, deps.logger);
  let consumer: RunningConsumer | undefined;
  let poller: FeedPoller | undefined;
  let sweeper: NodeJS.Timeout | undefined;
  let sweeps: LoopWatch | undefined;
  const heldClose = createPostHeldClose({ platform: deps.platform, items, held: createHeldCloseStore(deps.database.db), retry, holdMs: deps.closeHoldMs, logger: deps.logger });

  // A consumer still looks healthy while kafkajs retries a broker that is gone; this asks the broker.
  const broker = createBrokerProbe(deps.kafka);
  const http = createHttpServer({
    logger: deps.logger,
    readinessChecks: { database: () => deps.database.ping(), kafka: () => broker.reachable(), consumer: () => consumer?.healthy() ?? false },
  });
  await http.ready();

  return {
    http,
    async start() {
      consumer = await startAppealsEventsConsumer(
        deps,
        createPostStatusChange({ platform: deps.platform, items, retry, heldClose, logger: deps.logger }),
        createDeliverNotification({
          platform: deps.platform,
          items,
          ledger: createNotificationDeliveryLedger(deps.database.db),
          retry,
          heldClose,
          signedBy: deps.answerSignedBy,
          logger: deps.logger,
        }),
      );
      const pullPage = createPullItemsPage({ platform: deps.platform, intake: deps.intake, cursors, items, retry, pageSize: deps.pageSize, logger: deps.logger });
      poller = startFeedPoller({
        // Each page pulled is the root of the trace its appeals follow into ingest and beyond.
        pullPage: (signal) => inSpan('poll platform', {}, () => pullPage(signal)),
        intervalMs: deps.pollIntervalMs,
        graceMs: deps.stopGraceMs,
        logger: deps.logger,
      });
      // A closing held past its hold is posted anyway; a failed sweep is tried again at the next.
      let sweeping = false;
      sweeps = liveness.watch('sweep held closings', { boundMs: PAGE_LIVENESS_BOUND_MS });
      const watchedSweeps = sweeps;
      sweeper = setInterval(() => {
        if (sweeping) return;
        sweeping = true;
        watchedSweeps
          .run(() => heldClose.sweep())
          .catch((error: unknown) => deps.logger.warn({ err: error }, 'held closings not swept; the next sweep tries again'))
          .finally(() => (sweeping = false));
      }, Math.max(100, Math.min(deps.closeHoldMs / 4, 30_000)));
    },
    async stop() {
      clearInterval(sweeper);
      sweeps?.close();
      await poller?.stop();
      await consumer?.stop();
      deps.intake.close();
      await broker.close();
    },
  };
}
