import { randomUUID } from 'node:crypto';
import { createStaffTokens, type StaffPrincipal } from '@priemnaya/auth';
import type { AppealAnswered, AppealExtensionApproved, AppealReceived, AppealRouted, ControlAlert } from '@priemnaya/contracts';
import { connectDatabase, type Database } from '@priemnaya/database';
import { createPublisher, ensureTopics, type Publisher } from '@priemnaya/kafka';
import {
  collectTopics,
  createTeardown,
  createTestKafka,
  deleteTopics,
  testInfra,
  testLogger,
  type TestKafka,
  type TopicCollector,
  uniqueName,
  waitForCaughtUp,
} from '@priemnaya/testing';
import { buildMonitorService, type MonitorService } from '../../src/app.js';
import { createManualClock, type ManualClock } from '../../src/domain/clock.js';
import type { TickFaults } from '../../src/use-cases/fire-due-stages.js';

export const infra = testInfra();
export const SECRET = 'monitor-test-secret-that-is-long-enough-0123456789';
export const tokens = createStaffTokens(SECRET);
export const CLAIM_LEASE_MS = 60_000;

export type OnTestFinished = (cleanup: () => Promise<void>) => void;

export interface MonitorScenario {
  testKafka: TestKafka;
  publisher: Publisher;
  clock: ManualClock;
  database: Database;
  groupId: string;
  /** Everything on control.alerts, read from the beginning. */
  alerts: TopicCollector;
  /** A monitor on the scenario's database and consumer group, started; as many as a test likes, one after another. */
  startMonitor(options?: { faults?: TickFaults }): Promise<MonitorService>;
  /** Waits until the monitors' group has applied everything the appeal topics hold now. */
  caughtUp(): Promise<void>;
  /** Alert payloads read so far, each alert id once (as a consumer that dedupes keeps them). */
  distinctAlerts(): ControlAlert[];
}

/** Topics, a database and a manual clock of the test's own; everything closed when it finishes. */
export async function startMonitorScenario(onTestFinished: OnTestFinished, start: string): Promise<MonitorScenario> {
  const teardown = createTeardown();
  onTestFinished(() => teardown.run());
  const testKafka = await createTestKafka(infra, [], 'monitor');
  teardown.add(testKafka, (it) => deleteTopics(it.kafka, it.prefix));
  const alertsTopic = testKafka.names.of('control.alerts');
  await ensureTopics(testKafka.kafka, [alertsTopic, testKafka.names.deadLetter(alertsTopic)].map((name) => ({ name, partitions: 2, replicationFactor: infra.replicationFactor })));
  const database = teardown.add(await connectDatabase(infra.mongoUrl, uniqueName('monitor')), async (it) => {
    await it.db.dropDatabase();
    await it.close();
  });
  const publisher = teardown.add(createPublisher({ kafka: testKafka.kafka, names: testKafka.names }), (it) => it.disconnect());
  await publisher.connect();
  const alerts = teardown.add(await collectTopics(testKafka.kafka, [alertsTopic]), (it) => it.stop());
  const clock = createManualClock(start);
  const groupId = uniqueName('monitor');
  const monitors = teardown.add<MonitorService[]>([], (list) => Promise.all(list.map(async (monitor) => {
    await monitor.http.close();
    await monitor.grpc.close(1_000);
    await monitor.stop();
  })));
  const appealTopics = [testKafka.names.of('appeals.received'), testKafka.names.of('appeals.events')];
  return {
    testKafka,
    publisher,
    clock,
    database,
    groupId,
    alerts,
    async startMonitor(options = {}) {
      const monitor = await buildMonitorService({
        kafka: testKafka.kafka,
        names: testKafka.names,
        groupId,
        logger: testLogger(),
        database,
        tokens,
        clock,
        tickIntervalMs: 0,
        cityZone: 'Europe/Moscow',
        claimLeaseMs: CLAIM_LEASE_MS,
        feedRetentionDays: 60,
        ...(options.faults ? { faults: options.faults } : {}),
      });
      monitors.push(monitor);
      await monitor.start();
      return monitor;
    },
    caughtUp: () => waitForCaughtUp(testKafka.kafka, groupId, appealTopics),
    distinctAlerts() {
      const seen = new Map<string, ControlAlert>();
      for (const message of alerts.messages) {
        const alert = message.value as ControlAlert;
        if (!seen.has(alert.alertId)) seen.set(alert.alertId, alert);
      }
      return [...seen.values()];
    },
  };
}

let sequence = 0;

/** A site appeal received at `receivedAt`: personal data present, as in life, so tests show it never leaks into alerts. */
export function aReceivedAppeal(receivedAt: string, overrides: Partial<AppealReceived> = {}): AppealReceived {
  sequence += 1;
  return {
    version: 2,
    appealId: randomUUID(),
    registrationNumber: `${String(sequence).padStart(5, '0')}/2026`,
    channel: 'site',
    kind: 'appeal',
    receivedAt,
    author: { name: 'Иванова Мария Петровна', email: 'maria.ivanova@example.org' },
    text: 'Во дворе дома 5 не горит фонарь',
    attachments: [],
    raw: { format: 'json', body: {} },
    screening: [],
    ...overrides,
  };
}

export function aRoutedEvent(appeal: AppealReceived, unit: string, occurredAt: string, overrides: Partial<AppealRouted> = {}): AppealRouted {
  return {
    version: 1,
    type: 'appeal.routed',
    eventId: randomUUID(),
    appealId: appeal.appealId,
    registrationNumber: appeal.registrationNumber,
    occurredAt,
    channel: appeal.channel,
    receivedAt: appeal.receivedAt,
    topic: 'housing',
    unit,
    reason: { kind: 'keyword-rule', ruleId: 'sample-housing', matchedTerms: ['фонарь'] },
    ...overrides,
  };
}

/** The lead unit's answer; its text is personal to the citizen, so tests show it never reaches alerts. */
export function anAnsweredEvent(appeal: AppealReceived, unit: string, occurredAt: string): AppealAnswered {
  return {
    version: 1,
    type: 'appeal.answered',
    eventId: randomUUID(),
    appealId: appeal.appealId,
    registrationNumber: appeal.registrationNumber,
    occurredAt,
    channel: appeal.channel,
    receivedAt: appeal.receivedAt,
    by: `executor-${unit}`,
    unit,
    answer: { text: 'Уважаемая Мария Петровна, фонарь заменён', inSubstance: true, attachments: [] },
  };
}

export function anExtensionApproved(appeal: AppealReceived, unit: string, occurredAt: string, days: number): AppealExtensionApproved {
  return {
    version: 1,
    type: 'appeal.extension-approved',
    eventId: randomUUID(),
    appealId: appeal.appealId,
    registrationNumber: appeal.registrationNumber,
    occurredAt,
    channel: appeal.channel,
    receivedAt: appeal.receivedAt,
    by: 'supervisor-1',
    unit,
    requestId: randomUUID(),
    days,
    why: 'нужен выезд комиссии',
  };
}

export function tokenFor(principal: StaffPrincipal): Promise<string> {
  return tokens.issue(principal);
}

export function minutesAfter(instant: string, minutes: number): string {
  return new Date(Date.parse(instant) + minutes * 60_000).toISOString();
}
