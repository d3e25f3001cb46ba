import type { Database } from '@priemnaya/database';
import { createHttpServer } from '@priemnaya/http';
import { createBrokerProbe, createPublisher, type ConsumerContext, type RunningConsumer } from '@priemnaya/kafka';
import type { FastifyInstance } from 'fastify';
import { createAppealAddressStore } from './data-access/appeal-address-store.js';
import { createNotificationLedger } from './data-access/notification-ledger.js';
import { createNotifyingSinceStore } from './data-access/notifying-since-store.js';
import { createParkedNoticeStore } from './data-access/parked-notice-store.js';
import { notifyCutOff } from './domain/notify-cut-off.js';
import { startAppealsConsumer } from './entry-points/kafka/appeals-consumer.js';
import { createNotifyCitizen } from './use-cases/notify-citizen.js';

/** The consumer's context (Kafka, topic names, group, logger, fatal handler) and the notifier's own. */
export interface NotifierDeps extends ConsumerContext {
  database: Database;
  timeZone: string;
  /** Facts this much older than the notifier's first start are still told (NOTIFY_GRACE_MS). */
  graceMs: number;
  /** The operator's cut-off, replacing the first start less the grace (NOTIFY_SINCE). */
  notifySince?: Date;
  clock?: () => Date;
}

export interface NotifierService {
  http: FastifyInstance;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Builds the notifier without listening or consuming, so tests can start the real thing. */
export async function buildNotifierService(deps: NotifierDeps): Promise<NotifierService> {
  const db = deps.database.db;
  const parked = createParkedNoticeStore(db);
  await parked.ensureIndexes();
  const publisher = createPublisher({ kafka: deps.kafka, names: deps.names });
  const since = createNotifyingSinceStore(db);
  const clock = deps.clock ?? (() => new Date());

  let appeals: RunningConsumer | undefined;
  // A consumer still looks healthy while kafkajs retries a broker that is gone; this asks the broker.
  const broker = createBrokerProbe(deps.kafka);
  const http = createHttpServer({
    logger: deps.logger,
    readinessChecks: { database: () => deps.database.ping(), kafka: () => broker.reachable(), appeals: () => appeals?.healthy() ?? false },
  });
  await http.ready();

  return {
    http,
    async start() {
      await publisher.connect();
      const firstStart = await since.firstStart(clock());
      const cutOff = notifyCutOff(firstStart, deps.graceMs, deps.notifySince);
      deps.logger.info({ firstStart: firstStart.toISOString(), cutOff: cutOff.toISOString(), operatorSet: deps.notifySince !== undefined }, 'notifying of facts from the cut-off on');
      const notify = createNotifyCitizen({
        addresses: createAppealAddressStore(db),
        parked,
        ledger: createNotificationLedger(db),
        publisher,
        timeZone: deps.timeZone,
        cutOff,
        logger: deps.logger,
      });
      appeals = await startAppealsConsumer(deps, notify);
    },
    async stop() {
      await appeals?.stop();
      await publisher.disconnect();
      await broker.close();
    },
  };
}
