/**
 * The monitor benchmark's load: a million (or as many as asked) open clocks computed as the monitor
 * computes them and stored in bulk, the appeal documents and the timing wheel. What this file and
 * SNAPSHOT_SOURCES store decides a snapshot's key (monitor-ticks.ts keeps and restores them).
 */
import { performance } from 'node:perf_hooks';
import type { Db } from 'mongodb';
import {
  applyLifecycleEvent,
  bundledProductionCalendar,
  defaultPolicySet,
  emptyAppealClocks,
  planAppealStages,
  stableAlertId,
  type AppealClocks,
  type PlannedStage,
} from '../../packages/deadlines/src/index.js';
import type { AppealClockDocument } from '../../services/monitor/src/data-access/appeal-clock-store.js';
import { encodeScheduleEntry, type BucketDocument, type ScheduleEntry } from '../../services/monitor/src/data-access/schedule-store.js';
import { bucketId, byShard, hourOf } from '../../services/monitor/src/domain/schedule-buckets.js';
import { documentOf, scheduleLines } from '../../services/monitor/src/use-cases/plan-appeal.js';

export const SNAPSHOT_SOURCES = [
  './monitor-wheel-load.ts',
  '../../services/monitor/src/domain/schedule-buckets.ts',
  '../../services/monitor/src/data-access/schedule-store.ts',
  '../../services/monitor/src/domain/schedule-line-codec.ts',
  '../../services/monitor/src/use-cases/plan-appeal.ts',
  '../../services/monitor/src/domain/stage-alert.ts',
];
/** And every file of the deadline rules (plans, calendars, policies). */
export const SNAPSHOT_SOURCE_DIRS = ['../../packages/deadlines/src/'];
const DUE_TARGET = 10_000;
const BATCH = 2_000;
/**
 * Lines held before they are stored as one more writer's buckets. A monitor writes its buckets
 * under one writer id for as long as it runs, so a wheel has as many writers as the monitor had
 * restarts while its stages were planned; the load's writers stand for those (about 3 at a
 * million clocks), and it holds at most this many lines (about 1 GB) at a time.
 */
const FLUSH_LINES = 1_200_000;
const UNITS = ['zhkh', 'roads', 'transport', 'social', 'education', 'health', 'ecology', 'architecture', 'trade', 'culture', 'sport', 'security', 'economy'];
// Monday 23 November 2026, 10:00 in Moscow; the clocks were registered over the 30 days before.
export const NOW = Date.parse('2026-11-23T07:00:00.000Z');
const SPAN = 30 * 24 * 60 * 60_000;

export interface LoadFacts {
  dueMinute: number;
  dueSoFar: number;
  futureStages: number;
  loadSeconds: number;
  wheelSeconds: number;
}

export async function loadWheel(db: Db, { count, clockDocuments, say }: { count: number; clockDocuments: number; say: (line: string) => void }): Promise<LoadFacts> {
  // Load: documents and timing-wheel lines, computed as the monitor computes them. Appeals
  // registered in the same minute and routed to the same unit have the same clocks and plan but
  // for their ids, so each such group is planned once and copied with its own ids (the alert id
  // is the stable UUID v5 of each appeal's own id, as the monitor makes it).
  const policies = defaultPolicySet();
  const calendar = bundledProductionCalendar();
  const clocks = db.collection<AppealClockDocument>('appeal_clocks');
  const lines = new Map<number, ScheduleEntry[]>();
  const templates = new Map<string, { state: AppealClocks; plan: PlannedStage[] }>();
  const loadStarted = performance.now();
  let futureStages = 0;
  let linesHeld = 0;
  let wheelSeconds = 0;
  let flushes = 0;
  const minutes = new Map<number, number>();
  const hoursStored = new Set<number>();
  /**
   * The wheel as the monitor writes it: a bucket per minute and writer, a collection per hour.
   * The lines held so far are stored as one more writer's buckets (fresh inserts), so the
   * benchmark never holds the whole wheel in memory; the tick reads every writer's buckets.
   */
  async function flushWheel(): Promise<void> {
    const started = performance.now();
    flushes += 1;
    const byHour = new Map<number, BucketDocument[]>();
    for (const [bucket, entries] of lines) {
      const hour = hourOf(bucket);
      const documents = byHour.get(hour) ?? [];
      for (const [shard, shardLines] of byShard(entries)) documents.push({ _id: bucketId(bucket, `bench-load-${flushes}`, shard), entries: shardLines.map(encodeScheduleEntry) });
      byHour.set(hour, documents);
      minutes.set(bucket, (minutes.get(bucket) ?? 0) + entries.length);
    }
    for (const [hour, documents] of byHour) {
      hoursStored.add(hour);
      await db.collection<BucketDocument>(`schedule_${new Date(hour).toISOString().slice(0, 13).replace(/[-T]/g, '')}`).insertMany(documents, { ordered: false });
    }
    lines.clear();
    linesHeld = 0;
    wheelSeconds += (performance.now() - started) / 1000;
  }
  for (let start = 0; start < count; start += BATCH) {
    const documents: AppealClockDocument[] = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      const appealId = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
      const receivedMs = NOW - SPAN + Math.floor(((i / count) * SPAN) / 60_000) * 60_000;
      const unit = UNITS[i % UNITS.length] ?? 'zhkh';
      const key = `${receivedMs}|${unit}`;
      let template = templates.get(key);
      if (template === undefined) {
        const templateId = '00000000-0000-4000-8000-000000000000';
        const receivedAt = new Date(receivedMs).toISOString();
        let state = applyLifecycleEvent(emptyAppealClocks(templateId), { type: 'registered', eventId: `received:${templateId}`, appealId: templateId, occurredAt: receivedAt, channel: 'site', kind: 'appeal' }, policies, calendar);
        state = applyLifecycleEvent(state, { type: 'routed', eventId: `routed:${templateId}`, appealId: templateId, occurredAt: new Date(receivedMs + 60_000).toISOString(), topic: 'housing', unit }, policies, calendar);
        template = { state, plan: planAppealStages(state.clocks, policies, calendar) };
        templates.clear();
        templates.set(key, template);
      }
      const state = JSON.parse(JSON.stringify(template.state).replaceAll('00000000-0000-4000-8000-000000000000', appealId)) as AppealClocks;
      const plan = template.plan.map((stage) => ({ ...stage, appealId, alertId: stableAlertId(appealId, stage.clockId, stage.stageId) }));
      const registrationNumber = `${String((i % 99_999) + 1).padStart(5, '0')}/2026`;
      const future = plan.filter((stage) => Date.parse(stage.fireAt) > NOW);
      for (const [bucket, entries] of scheduleLines({ state, rev: 2, registrationNumber, planned: future, withdrawn: [], nowMs: NOW })) {
        const held = lines.get(bucket);
        if (held === undefined) lines.set(bucket, entries);
        else held.push(...entries);
        futureStages += entries.length;
        linesHeld += entries.length;
      }
      documents.push(documentOf(state, plan, 2, registrationNumber, new Date(NOW)));
    }
    if (start < clockDocuments) await clocks.insertMany(documents.slice(0, clockDocuments - start), { ordered: false });
    if (linesHeld >= FLUSH_LINES) await flushWheel();
    const done = Math.min(count, start + BATCH);
    if (done % 50_000 === 0 || done === count) {
      const seconds = (performance.now() - loadStarted) / 1000;
      say(`planned ${done.toLocaleString('en')} clocks, ${Math.min(done, clockDocuments).toLocaleString('en')} appeal documents stored, in ${seconds.toFixed(0)} s`);
    }
  }
  await flushWheel();
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  say(`timing wheel: ${futureStages.toLocaleString('en')} future stages in ${minutes.size.toLocaleString('en')} minutes, ${hoursStored.size.toLocaleString('en')} hours, ${flushes} writers; stored in ${wheelSeconds.toFixed(0)} s`);
  const sorted = [...minutes.entries()].sort(([a], [b]) => a - b);

  // The first minute at whose close at least DUE_TARGET stages are due.
  let dueSoFar = 0;
  let dueMinute = sorted[0]?.[0] ?? NOW;
  for (const [bucket, held] of sorted) {
    dueSoFar += held;
    dueMinute = bucket;
    if (dueSoFar >= DUE_TARGET) break;
  }
  sorted.length = 0;
  minutes.clear();

  return { dueMinute, dueSoFar, futureStages, loadSeconds, wheelSeconds };
}
