import { randomUUID } from 'node:crypto';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import type { Database } from '@priemnaya/database';
import { createGrpcServer, type GrpcServer } from '@priemnaya/grpc';
import { UnavailableError } from '@priemnaya/errors';
import { createHttpServer, RequestError } from '@priemnaya/http';
import { createBrokerProbe, type Kafka, type Publisher, type RunningConsumer } from '@priemnaya/kafka';
import type { TopicNames } from '@priemnaya/contracts';
import { readinessCheck } from '@priemnaya/observability';
import { DEFAULT_SCREENING_POLICY, type IndexedPublishedAnswer } from '@priemnaya/prescreen';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { createAppealRepository } from './data-access/appeal-repository.js';
import { createAttachmentStore } from './data-access/attachment-store.js';
import { createPersonWindow } from './domain/person-window.js';
import { createPersonWindowFeed } from './entry-points/kafka/person-window-feed.js';
import { createAnswersFeed } from './entry-points/kafka/answers-feed.js';
import { createIntakeKeyRepository } from './data-access/intake-key-repository.js';
import { createRegistrationCounter } from './data-access/registration-counter.js';
import type { RegistryClient } from './data-access/registry-client.js';
import type { AttachmentLimits } from './domain/attachment-policy.js';
import { createPreScreen, screenedAuthor } from './domain/pre-screen.js';
import { createSubmitAppeal, type AppealIntake, type Registration } from './domain/submit-appeal.js';
import { intakeService } from './entry-points/grpc/intake-service.js';
import type { IngestRouteDeps } from './entry-points/http/ingest-route-deps.js';
import { createOpenApiRegistry, serveOpenApi } from './entry-points/http/openapi.js';
import { siteAppealRoutes } from './entry-points/http/site/appeal-routes.js';
import { type ChatConfig, chatRoutes } from './entry-points/http/chat/chat-routes.js';
import { type Open311Options, registerOpen311 } from './entry-points/http/open311/open311-routes.js';
import { documentOpen311Routes } from './entry-points/http/open311/open311-openapi.js';
import { documentSiteRoutes } from './entry-points/http/site/site-openapi.js';
import { personKeys } from '@priemnaya/prescreen';
import { createChatOutboxRepository } from './data-access/chat-outbox-repository.js';
import { createNotificationDeliveryLedger } from './data-access/notification-delivery-ledger.js';
import { createTelegramClient } from './data-access/telegram-client.js';
import { createDeliverNotification } from './domain/chat/deliver-notification.js';
import { chatOutboxRoutes, documentChatOutboxRoute } from './entry-points/http/chat/outbox-routes.js';
import { startNotificationsConsumer } from './entry-points/kafka/notifications-consumer.js';

/**
 * Kafka retries of ingest's publisher. A caller waits on them: with the broker down the answer is
 * a 503 within a few seconds, and the caller retries with its key. Only the publisher is bounded:
 * the consumers and the admin client keep kafkajs's longer retries, so a start on a broker still
 * electing leaders or creating its offsets topic waits instead of failing.
 */
export const PUBLISH_RETRY = { retries: 2, initialRetryTime: 200, maxRetryTime: 1_000 };

/** How many of a person's latest appeals the pre-screen compares a new one with. */
const MAX_EARLIER_SCREENED = 30;

export interface IngestDeps {
  logger: Logger;
  database: Database;
  publisher: Publisher;
  registry: RegistryClient;
  timeZone: string;
  clock?: () => Date;
  /** How long one registration may take in all before its caller is answered 503; unbounded when absent. */
  registrationDeadlineMs?: number;
  rateLimitPerMinute?: number;
  attachmentLimits?: AttachmentLimits;
  repeatWindowDays?: number;
  /** The answers published on the administration's site, validated (59-FZ art. 11 part 5.1); none when absent. */
  publishedAnswers?: readonly IndexedPublishedAnswer[];
  /**
   * Where the person window is read from: every replica's appeals on appeals.received, and
   * their answers on the merits on appeals.events (59-FZ art. 11 part 5).
   * `onFatal`: the feed crashed for good (not merely the broker being away).
   */
  appealsFeed: { kafka: Kafka; names: TopicNames; onFatal?: (error: unknown) => void };
  /** How far back the window reaches: the desk's lookups of a citizen's appeals, and repeats. */
  personWindowDays?: number;
  /** The site chat is always on; the Telegram bot only with its token and webhook secret. */
  chat?: ChatConfig;
  /** Client keys and jurisdiction of the Open311 façade. */
  open311?: Open311Options;
  /** Delivery of citizen notifications to the widget's outbox and to Telegram; off when absent. */
  notifications?: NotificationDeliveryConfig;
}

export interface NotificationDeliveryConfig {
  groupId: string;
  onFatal?: (error: unknown) => void;
  /** Without it Telegram notifications are recorded undeliverable. */
  telegram?: { botToken: string; apiBaseUrl: string; sendTimeoutMs?: number; sendAttempts?: number; sendBackoffMs?: number };
}

export interface IngestApp {
  /** The public HTTP API, not yet listening. */
  http: FastifyInstance;
  /** The intake gRPC API for other channel services, not yet listening. */
  grpc: GrpcServer;
  /** Starts following appeals.received into the person window; /readyz waits for it. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Builds the ingest service without listening, so tests can start it on port 0. */
export async function buildIngest(deps: IngestDeps): Promise<IngestApp> {
  const appeals = createAppealRepository(deps.database.db);
  const registrationNumbers = createRegistrationCounter(deps.database.db);
  await registrationNumbers.ensureIndexes();
  const clock = deps.clock ?? (() => new Date());
  const windowMs = (deps.personWindowDays ?? 365) * 24 * 60 * 60 * 1000;
  const personWindow = createPersonWindow({ windowMs, clock });
  const personWindowFeed = createPersonWindowFeed({ ...deps.appealsFeed, window: personWindow, windowMs, clock, logger: deps.logger });
  const answersFeed = createAnswersFeed({ ...deps.appealsFeed, window: personWindow, windowMs, clock, logger: deps.logger });
  const preScreen = createPreScreen({
    findByPerson: async (keys, since) => personWindow.recent(keys, { since, limit: MAX_EARLIER_SCREENED }),
    ...(deps.publishedAnswers !== undefined ? { publishedAnswers: deps.publishedAnswers } : {}),
    policy: { ...DEFAULT_SCREENING_POLICY, ...(deps.repeatWindowDays !== undefined ? { repeatWindowDays: deps.repeatWindowDays } : {}) },
  });
  // The publisher retries a broker that is gone for each appeal (a 503 after a few seconds); this says so at once.
  const broker = createBrokerProbe(deps.appealsFeed.kafka);
  const database = readinessCheck(() => deps.database.ping(), { timeoutMs: 1_500, maxAgeMs: 1_000 });
  const register = createSubmitAppeal({
    intakeKeys: createIntakeKeyRepository(deps.database.db),
    appeals,
    registrationNumbers,
    screen: preScreen,
    // At once in this replica; the others file it when they read it from appeals.received.
    async recordPerson(appeal, index) {
      personWindow.add(index.personKeys, {
        appealId: appeal.appealId,
        registrationNumber: appeal.registrationNumber,
        channel: appeal.channel,
        receivedAt: new Date(appeal.receivedAt),
        signature: index.signature,
      });
    },
    publisher: deps.publisher,
    ...(deps.registrationDeadlineMs !== undefined ? { deadlineMs: deps.registrationDeadlineMs } : {}),
    onUnrecordedAcknowledgement: (appealId, error) => deps.logger.warn({ appealId, err: error }, 'appeal published; its acknowledgement was not recorded'),
    clock,
    newId: randomUUID,
    timeZone: deps.timeZone,
  });
  /**
   * While the broker or the database is known to be away (its latest probe, at most a second
   * old, failed), an appeal is refused with 503 at once instead of waiting out their timeouts:
   * during an outage every client retries, and each retry held for seconds piles up work that
   * delays the recovery.
   */
  async function submitAppeal(intake: AppealIntake): Promise<Registration> {
    const away = [database.lastKnown() === false ? 'the database' : undefined, broker.lastKnown() === false ? 'Kafka' : undefined].filter(Boolean);
    if (away.length > 0) throw new UnavailableError(`${away.join(' and ')} cannot be reached; the appeal was not taken, retry later`);
    return register(intake);
  }

  const attachmentLimits = deps.attachmentLimits ?? { maxFiles: 5, maxFileBytes: 10 * 1024 * 1024 };
  const outbox = createChatOutboxRepository(deps.database.db, clock);
  await outbox.ensureIndexes();
  let notificationsConsumer: RunningConsumer | undefined;
  const http = createHttpServer({
    logger: deps.logger,
    // A replica that has not read the window yet would miss repeats: it waits before taking appeals.
    readinessChecks: {
      database,
      kafka: () => broker.reachable(),
      personWindow: () => personWindowFeed.ready() && answersFeed.ready(),
      notifications: () => deps.notifications === undefined || (notificationsConsumer?.healthy() ?? false),
    },
  });
  // Per client address, on every route but the probes and the documentation.
  await http.register(fastifyRateLimit, {
    max: deps.rateLimitPerMinute ?? 120,
    timeWindow: 60_000,
    allowList: (request) => /^\/(healthz|readyz|docs)/.test(request.url),
    errorResponseBuilder: (_request, context) =>
      new RequestError(429, 'rate_limited', `client: more than ${context.max} requests a minute; retry after ${Math.ceil(context.ttl / 1000)} s`, [
        { field: 'client', message: 'rate limit exceeded' },
      ]),
  });
  await http.register(fastifyMultipart, {
    limits: { fileSize: attachmentLimits.maxFileBytes, files: attachmentLimits.maxFiles },
  });

  const openapi = createOpenApiRegistry();
  const routeDeps: IngestRouteDeps = {
    logger: deps.logger,
    submitAppeal,
    appeals,
    attachments: createAttachmentStore(deps.database.db),
    attachmentLimits,
    registry: deps.registry,
    openapi,
  };
  siteAppealRoutes(http, routeDeps);
  chatOutboxRoutes(http, outbox);
  await chatRoutes(http, routeDeps, { db: deps.database.db, ...(deps.clock ? { clock: deps.clock } : {}), ...(deps.chat ? { config: deps.chat } : {}) });
  await registerOpen311(http, routeDeps, { ...deps.open311, ...(deps.clock ? { clock: deps.clock } : {}) });
  documentSiteRoutes(openapi, attachmentLimits);
  documentOpen311Routes(openapi);
  documentChatOutboxRoute(openapi);
  await serveOpenApi(http, openapi);
  await http.ready();

  const grpc = createGrpcServer([
    intakeService({
      logger: deps.logger,
      submitAppeal,
      findByPerson: async (author, limit) => personWindow.recent(personKeys(screenedAuthor(author)), { limit }),
    }),
  ]);
  const delivery = deps.notifications;
  const deliverNotification = createDeliverNotification({
    outbox,
    ledger: createNotificationDeliveryLedger(deps.database.db),
    logger: deps.logger,
    ...(delivery?.telegram
      ? {
          telegram: createTelegramClient({
            baseUrl: delivery.telegram.apiBaseUrl,
            botToken: delivery.telegram.botToken,
            timeoutMs: delivery.telegram.sendTimeoutMs ?? 5_000,
            attempts: delivery.telegram.sendAttempts ?? 3,
            backoffMs: delivery.telegram.sendBackoffMs ?? 300,
          }),
        }
      : {}),
  });
  return {
    http,
    grpc,
    async start() {
      await personWindowFeed.start();
      await answersFeed.start();
      if (delivery !== undefined) {
        notificationsConsumer = await startNotificationsConsumer(
          { ...deps.appealsFeed, groupId: delivery.groupId, logger: deps.logger, ...(delivery.onFatal ? { onFatal: delivery.onFatal } : {}) },
          deliverNotification,
        );
      }
    },
    async stop() {
      await notificationsConsumer?.stop();
      await answersFeed.stop();
      await personWindowFeed.stop();
      await broker.close();
    },
  };
}
