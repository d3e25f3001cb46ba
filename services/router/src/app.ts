import { randomBytes, randomUUID } from 'node:crypto';
import { createStaffTokens, type StaffTokens } from '@priemnaya/auth';
import { loadDefaultModel, type ClassifierModel } from '@priemnaya/classifier';
import type { Database } from '@priemnaya/database';
import { createHttpServer } from '@priemnaya/http';
import { createBrokerProbe, createPublisher, ensureTopics, type ConsumerContext, type RunningConsumer } from '@priemnaya/kafka';
import { fleetTopicSpecs } from '@priemnaya/reference-data';
import type { FastifyInstance } from 'fastify';
import { createAuditRepository } from './data-access/audit-repository.js';
import { createCurrentModel } from './data-access/current-model.js';
import { createDecisionRepository } from './data-access/decision-repository.js';
import { createExampleRepository } from './data-access/example-repository.js';
import { createModelImportRepository } from './data-access/model-import-repository.js';
import { createModelRepository } from './data-access/model-repository.js';
import { createPrecisionRepository } from './data-access/precision-repository.js';
import { createRoutingRepository } from './data-access/routing-repository.js';
import { createTriageRepository } from './data-access/triage-repository.js';
import { createDecideTriage } from './domain/decide-triage.js';
import { createHandleHandBack } from './domain/hand-back.js';
import { createRecordLawKind } from './domain/record-law-kind.js';
import { createImportCityHistory } from './domain/import-city-history.js';
import { DEFAULT_PRECISION_POLICY, policyProblem, type PrecisionPolicy } from './domain/precision-guard.js';
import { createPrecisionWatch } from './domain/precision-watch.js';
import { createRouteAppeal } from './domain/route-appeal.js';
import { unitTopicsOf } from './domain/routing-table.js';
import { adminRoutes } from './entry-points/http/admin-routes.js';
import { modelImportRoutes } from './entry-points/http/model-import-routes.js';
import { modelRoutes } from './entry-points/http/model-routes.js';
import { precisionRoutes } from './entry-points/http/precision-routes.js';
import { serveRouterOpenApi } from './entry-points/http/router-openapi.js';
import { suggestionRoutes } from './entry-points/http/suggestion-routes.js';
import { triageRoutes } from './entry-points/http/triage-routes.js';
import { startRouterConsumer } from './entry-points/kafka/router-consumer.js';
import { startPrecisionSweep, type PrecisionSweep } from './entry-points/schedule/precision-sweep.js';
import { precisionGauges, reportTransition } from './observability/precision-telemetry.js';
import { startCityCandidateRun } from './training/city-candidate-run.js';

/** The live precision guard's settings; see the router's README for what counts. */
export interface PrecisionGuardOptions {
  policy?: Partial<PrecisionPolicy>;
  /** An auto-routed appeal nothing settled within this time counts as right. */
  settleAfterMs?: number;
  /** How often each replica settles what waited out the settling period; 0: never (tests). */
  sweepMs?: number;
  /** How soon a topic another replica suspended or resumed is routed accordingly here. */
  refreshMs?: number;
}

const DAY_MS = 86_400_000;

/** The consumer's context (Kafka, topic names, group, logger, what to do on a fatal crash) and the service's own. */
export interface RouterDeps extends ConsumerContext {
  database: Database;
  routingTableRefreshMs?: number;
  /** For the topics the router creates. */
  replicationFactor?: number;
  /** Verifies staff tokens; without it (a router built only to route) every staff route answers 401. */
  staffTokens?: StaffTokens;
  /** Overrides the model's own threshold (its confidence at 95% precision). */
  confidenceThreshold?: number | undefined;
  /** Longer texts go to triage unread. */
  maxTextLength?: number;
  /** How often to check whether another model version was promoted. */
  modelPollMs?: number;
  /** Input messages per Kafka transaction. */
  maxMessagesPerTransaction?: number;
  /** The package's default model; tests may give a smaller one. */
  loadDefaultModel?: () => Promise<ClassifierModel>;
  precisionGuard?: PrecisionGuardOptions;
  /** The training corpus a city's import trains with; without it imports answer 503. */
  classifierCorpus?: string | undefined;
  /** The largest export of past appeals accepted (50 MB unless set). */
  modelImportMaxBytes?: number;
}

export interface RouterService {
  http: FastifyInstance;
  /** Seeds the sample city if the database is empty, then starts consuming. */
  start(): Promise<void>;
  /** Stops consuming (the transaction in flight commits or aborts), then the producers. */
  stop(): Promise<void>;
}

/** Builds the router without listening or consuming, so tests can start the real thing. */
export async function buildRouterService(deps: RouterDeps): Promise<RouterService> {
  const { db } = deps.database;
  const clock = () => new Date();
  const maxTextLength = deps.maxTextLength ?? 10_000;
  const routing = createRoutingRepository(db, deps.routingTableRefreshMs);
  const decisions = createDecisionRepository(db);
  const triage = createTriageRepository(db);
  const examples = createExampleRepository(db);
  const audit = createAuditRepository(db);
  const models = createModelRepository(db);
  const tokens = deps.staffTokens ?? createStaffTokens(randomBytes(48).toString('base64url'));
  const currentModel = createCurrentModel({
    models,
    loadDefault: deps.loadDefaultModel ?? (() => loadDefaultModel()),
    threshold: deps.confidenceThreshold,
    pollMs: deps.modelPollMs ?? 5_000,
    logger: deps.logger,
  });
  await currentModel.refresh();

  const publisher = createPublisher({ kafka: deps.kafka, names: deps.names });
  const knownTopics = new Set<string>();
  const topicDefaults = { partitions: 3, replicationFactor: deps.replicationFactor ?? 1 };
  const unitTopics = {
    async ensure(unit: string) {
      const topic = deps.names.tasks(unit);
      if (knownTopics.has(topic)) return;
      await ensureTopics(deps.kafka, [{ name: topic }, { name: deps.names.deadLetter(topic) }], topicDefaults);
      knownTopics.add(topic);
    },
  };
  const unitExists = (unit: string) => routing.unitExists(unit);
  const guardOptions = deps.precisionGuard ?? {};
  const policy: PrecisionPolicy = { ...DEFAULT_PRECISION_POLICY, ...guardOptions.policy };
  const problem = policyProblem(policy);
  if (problem !== undefined) throw new Error(`precision guard: ${problem}`);
  const settleAfterMs = guardOptions.settleAfterMs ?? 14 * DAY_MS;
  const precision = createPrecisionRepository(db, audit, guardOptions.refreshMs ?? 5_000);
  const watch = createPrecisionWatch({
    policy,
    settleAfterMs,
    pending: precision.pending,
    outcomes: precision.outcomes,
    topics: precision.topics,
    onTransition: (transition) => reportTransition(deps.logger, transition),
    onEvaluated: (guard) => precision.remember(guard),
    clock,
  });
  const guard = { suspended: () => precision.suspended(policy.resumeAt), expect: precision.pending.expect };
  const routeAppeal = createRouteAppeal({ decisions, routingData: routing, model: () => currentModel.get(), guard, triageQueue: triage, unitTopics, maxTextLength, clock, newId: randomUUID });
  const handleHandBack = createHandleHandBack({
    appealOf: async (appealId) => (await decisions.find(appealId))?.appeal,
    routingData: routing,
    unitExists,
    unitTopics,
    triageQueue: triage,
    examples,
    clock,
  });
  const decideTriage = createDecideTriage({ triage, unitExists, unitTopics, publisher, examples, clock, newId: randomUUID });
  const recordLawKind = createRecordLawKind({ decisions, triage });

  let consumer: RunningConsumer | undefined;
  let sweep: PrecisionSweep | undefined;
  // A consumer still looks healthy while kafkajs retries a broker that is gone; this asks the broker.
  const broker = createBrokerProbe(deps.kafka);
  const http = createHttpServer({
    logger: deps.logger,
    readinessChecks: { database: () => deps.database.ping(), kafka: () => broker.reachable(), consumer: () => consumer?.healthy() ?? false },
  });
  suggestionRoutes(http, { routingData: routing, model: () => currentModel.get(), suspended: guard.suspended, maxTextLength });
  adminRoutes(http, { db, tokens, routing, audit, unitTopics, clock });
  triageRoutes(http, { tokens, triage, decideTriage });
  precisionRoutes(http, { tokens, policy, settleAfterMs, current: precision.current });
  const detachGauges = precisionGauges(precision.current);
  modelRoutes(http, { tokens, models, audit, currentVersion: () => currentModel.get().version, refresh: () => currentModel.refresh(), clock });
  const cityImports = createImportCityHistory({
    corpusPath: deps.classifierCorpus,
    unitTopics: async () => unitTopicsOf(await routing.units(), (await routing.current()).table),
    currentModel: () => currentModel.artefact(),
    startRun: startCityCandidateRun,
    imports: createModelImportRepository(db),
    saveCandidate: (model, comparedWith, labelledExamples) => models.saveCandidate(model, { comparedWith, labelledExamples }),
    clock,
    newId: randomUUID,
    logger: deps.logger,
  });
  modelImportRoutes(http, { tokens, imports: cityImports, maxBytes: deps.modelImportMaxBytes ?? 50 * 1024 * 1024 });
  await serveRouterOpenApi(http);
  await http.ready();

  return {
    http,
    async start() {
      if (await routing.seedIfEmpty()) deps.logger.info('seeded the sample city routing table');
      const topics = fleetTopicSpecs(deps.names, await routing.unitCodes());
      await ensureTopics(deps.kafka, topics, topicDefaults);
      topics.forEach((topic) => knownTopics.add(topic.name));
      await publisher.connect();
      await currentModel.start();
      consumer = await startRouterConsumer(deps, { routeAppeal, handleHandBack, learnOutcome: (event) => watch.learn(event), recordLawKind }, deps.maxMessagesPerTransaction ?? 50);
      const sweepMs = guardOptions.sweepMs ?? 60_000;
      if (sweepMs > 0) {
        const suspendedTopics = async () => [...(await precision.suspended(policy.resumeAt)).keys()];
        sweep = startPrecisionSweep(async () => watch.settleDue(500, await suspendedTopics()), sweepMs, deps.logger);
      }
    },
    async stop() {
      await cityImports.stop();
      currentModel.stop();
      await sweep?.stop();
      await consumer?.stop();
      detachGauges();
      await publisher.disconnect();
      await broker.close();
    },
  };
}
