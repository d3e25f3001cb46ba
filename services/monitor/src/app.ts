import { randomBytes } from 'node:crypto';
import type { StaffTokens } from '@priemnaya/auth';
import type { Database } from '@priemnaya/database';
import { createGrpcServer, type GrpcServer } from '@priemnaya/grpc';
import { createHttpServer } from '@priemnaya/http';
import { createBrokerProbe, createPublisher, type ConsumerContext, type PausableConsumer, type RunningConsumer } from '@priemnaya/kafka';
import { liveness } from '@priemnaya/observability';
import type { FastifyInstance } from 'fastify';
import { createAlertLedger } from './data-access/alert-ledger.js';
import { createAnswerLog } from './data-access/answer-log.js';
import { createAppealClockStore } from './data-access/appeal-clock-store.js';
import { createRulesStore } from './data-access/rules-store.js';
import { createScheduleStore } from './data-access/schedule-store.js';
import { createAlertFeed } from './delivery/alert-feed.js';
import type { Clock, ShiftedClock } from './domain/clock.js';
import { alertService } from './entry-points/grpc/alert-service.js';
import { alertStreamRoutes } from './entry-points/http/alert-stream-routes.js';
import { digestRoutes } from './entry-points/http/digest-routes.js';
import { serveMonitorOpenApi } from './entry-points/http/monitor-openapi.js';
import { rulesRoutes } from './entry-points/http/rules-routes.js';
import { testClockRoutes } from './entry-points/http/test-clock-routes.js';
import { startAlertFeedConsumer } from './entry-points/kafka/alert-feed-consumer.js';
import { startAppealsConsumer } from './entry-points/kafka/appeals-consumer.js';
import { alertCounter, trackOpenClocks } from './observability/monitor-metrics.js';
import { createDeadlineRules, rulesFrom } from './use-cases/deadline-rules.js';
import { createFireDueStages, type TickReport } from './use-cases/fire-due-stages.js';
import { createForecastAtRisk, type ForecastReport } from './use-cases/forecast-at-risk.js';
import { createRaiseAlerts, type TickFaults } from './use-cases/raise-alerts.js';
import { createRecordLifecycleEvent } from './use-cases/record-lifecycle-event.js';
import { createReplanOpenClocks } from './use-cases/replan-open-clocks.js';
import { createSerializer } from './use-cases/serialize.js';

const DAY = 24 * 60 * 60_000;
const TICK_LIVENESS_BOUND_MS = 300_000;

/** The consumers' context (Kafka, topic names, group, logger, fatal handler) and the monitor's own. */
export interface MonitorDeps extends ConsumerContext {
  database: Database;
  tokens: StaffTokens;
  clock: Clock;
  /** 0: no timer, ticks only when `tick()` is called (tests advance a manual clock and tick). */
  tickIntervalMs: number;
  claimLeaseMs: number;
  /** `CITY_TIME_ZONE`: the production calendar counts in it whatever an older stored calendar says. */
  cityZone: string;
  /** How long after a minute ends its bucket is fired; writes into that minute finish before. */
  bucketGraceMs?: number;
  feedRetentionDays: number;
  /** 0: no timer, forecasts only when `forecast()` is called. */
  forecastIntervalMs?: number;
  /** Completed working days over which a unit's pace of answers is learned (10 by default). */
  paceWindowWorkingDays?: number;
  faults?: TickFaults;
  /** End-to-end tests of the running process only (TEST_CLOCK=on): `clock` itself, movable over HTTP. */
  testClock?: ShiftedClock;
}

export interface MonitorService {
  http: FastifyInstance;
  grpc: GrpcServer;
  /** This process's id in its claims and schedule buckets. */
  session: string;
  tick(): Promise<TickReport>;
  /** One run of the at-risk forecast over every unit with a recent pace. */
  forecast(): Promise<ForecastReport>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Builds the monitor without listening, consuming or ticking, so tests can start the real thing. */
export async function buildMonitorService(deps: MonitorDeps): Promise<MonitorService> {
  const session = randomBytes(6).toString('hex');
  const db = deps.database.db;
  const clocks = createAppealClockStore(db);
  const schedule = createScheduleStore(db, session);
  const ledger = createAlertLedger(db, session);
  const rulesStore = createRulesStore(db);
  const rules = createDeadlineRules(rulesFrom(await rulesStore.load(), deps.cityZone));
  const publisher = createPublisher({ kafka: deps.kafka, names: deps.names });
  const feed = createAlertFeed({ clock: deps.clock, retentionMs: deps.feedRetentionDays * DAY });
  const alertsCounted = feed.follow(undefined, alertCounter(deps.clock.now()));
  const stopCountingOpenClocks = trackOpenClocks(db);
  const serialize = createSerializer();
  const graceMs = deps.bucketGraceMs ?? 5_000;
  const planning = { clocks, schedule, rules, clock: deps.clock, graceMs, serialize };
  const record = createRecordLifecycleEvent(planning);
  const replan = createReplanOpenClocks(planning);
  const raise = createRaiseAlerts({ ledger, publisher, session, leaseMs: deps.claimLeaseMs, ...(deps.faults ? { faults: deps.faults } : {}) });
  let alerts: PausableConsumer | undefined;
  const ticks = createFireDueStages({
    schedule, raise, clock: deps.clock, graceMs, logger: deps.logger,
    // Reading back the alerts a tick is producing took a quarter of the process's time during a
    // burst: the feed waits (uncommitted) until they are all on Kafka, then catches up.
    whileRaising: async (work) => {
      const feedConsumer = alerts;
      feedConsumer?.pause();
      try {
        return await work();
      } finally {
        feedConsumer?.resume();
      }
    },
  });
  const forecasts = createForecastAtRisk({
    clocks, answers: createAnswerLog(db), raise, rules, clock: deps.clock, paceWindowWorkingDays: deps.paceWindowWorkingDays ?? 10, logger: deps.logger,
  });

  let appeals: RunningConsumer | undefined;
  let timer: NodeJS.Timeout | undefined;
  let forecastTimer: NodeJS.Timeout | undefined;
  // A consumer still looks healthy while kafkajs retries a broker that is gone; this asks the broker.
  const broker = createBrokerProbe(deps.kafka);
  const http = createHttpServer({
    logger: deps.logger,
    readinessChecks: { database: () => deps.database.ping(), kafka: () => broker.reachable(), appeals: () => appeals?.healthy() ?? false, alerts: () => alerts?.healthy() ?? false },
  });
  alertStreamRoutes(http, { tokens: deps.tokens, feed });
  digestRoutes(http, { tokens: deps.tokens, feed, clocks, rules });
  rulesRoutes(http, { tokens: deps.tokens, rules, store: rulesStore, clock: deps.clock, cityZone: deps.cityZone, replan });
  if (deps.testClock) testClockRoutes(http, { tokens: deps.tokens, clock: deps.testClock, tick: () => ticks.tick() });
  serveMonitorOpenApi(http);
  await http.ready();

  // A tick that fires a backlog (after downtime, thousands of stages) takes a while; one that has
  // not ended in this long is wedged, and the process is better restarted.
  const tickProgress = liveness.watch('fire due stages', { boundMs: TICK_LIVENESS_BOUND_MS });
  const forecastProgress = liveness.watch('forecast at-risk appeals', { boundMs: TICK_LIVENESS_BOUND_MS });
  const watch = alertService({ logger: deps.logger, tokens: deps.tokens, feed });
  const server = createGrpcServer([watch.binding]);
  const grpc: GrpcServer = {
    listen: (host, port) => server.listen(host, port),
    async close(graceMs) {
      // Watches never end by themselves.
      watch.closeAll();
      await server.close(graceMs);
    },
  };

  return {
    http,
    grpc,
    session,
    tick: () => ticks.tick(),
    forecast: () => forecasts.forecast(),
    async start() {
      await publisher.connect();
      alerts = await startAlertFeedConsumer({ ...deps, groupId: `${deps.groupId}.feed.${session}` }, feed);
      appeals = await startAppealsConsumer(deps, { record, recordAnswer: forecasts.recordAnswer });
      if (deps.tickIntervalMs > 0) {
        timer = setInterval(() => {
          tickProgress.run(() => ticks.tick()).catch((error: unknown) => deps.logger.warn({ err: error }, 'tick failed; the next one retries'));
        }, deps.tickIntervalMs);
      }
      if ((deps.forecastIntervalMs ?? 0) > 0) {
        forecastTimer = setInterval(() => {
          forecastProgress.run(() => forecasts.forecast()).catch((error: unknown) => deps.logger.warn({ err: error }, 'at-risk forecast failed; the next one retries'));
        }, deps.forecastIntervalMs);
      }
    },
    async stop() {
      clearInterval(timer);
      clearInterval(forecastTimer);
      watch.closeAll();
      await ticks.settled();
      await forecasts.settled();
      tickProgress.close();
      forecastProgress.close();
      await appeals?.stop();
      await alerts?.stop();
      await publisher.disconnect();
      alertsCounted.unsubscribe();
      stopCountingOpenClocks();
      await broker.close();
    },
  };
}
