import type { UnitCode } from '@priemnaya/contracts';
import type { LocalDate } from '@priemnaya/deadlines';
import type { UnitDayMark, UnitSpan } from '../domain/unit-timeline.js';
import type { AppealReadModel } from './appeal-read-model.js';

/** What a set of units' charts are counted from: their day marks, and each appeal's stretches in them. */
export interface UnitStatsData {
  marks: Omit<UnitDayMark, 'id'>[];
  appeals: UnitSpan[][];
}

export interface UnitStatsSnapshotOptions {
  now: () => Date;
  /** How long one read serves the charts of the same units; 0 reads again for every chart. */
  maxAgeMs: number;
}

interface Snapshot extends UnitStatsData {
  at: number;
  /** The earliest city date it holds marks of and stretches reaching. */
  since: LocalDate;
}

/** Sets of units kept at once; a supervisor's chart asks for the same set again and again. */
const KEPT_SETS = 200;

/**
 * The chart data of a set of units, read once and served for `maxAgeMs`.
 *
 * Why: on FerretDB 1.24 a query of the marks or the index scans and decodes the whole collection
 * whatever its filter: with 20,000 appeals a chart took 9-12 s on a loaded machine
 * (bench/unit-stats-bench.ts), about what a staff search costs there. A chart opened again, by the
 * same supervisor or another of the same units, within `maxAgeMs` costs no read, and one read at a
 * time runs per set of units: the charts asked for meanwhile wait for it. A chart is at most that
 * old. Reading every unit at once and sharing it was slower (the marks and entries of all units
 * returned to the process: 35-40 s at 20,000 appeals). With MongoDB the `{ unit, date }` index of
 * the marks and the `spanUnits` index of the entries make each chart's reads cheap, no snapshot
 * needed.
 */
export function createUnitStatsSnapshot(readModel: AppealReadModel, options: UnitStatsSnapshotOptions) {
  const kept = new Map<string, Snapshot>();
  const reading = new Map<string, Promise<Snapshot>>();

  async function read(units: readonly UnitCode[], since: LocalDate): Promise<Snapshot> {
    const at = options.now().getTime();
    const [marks, appeals] = await Promise.all([readModel.dayMarks(units, since), readModel.heldSpans(units)]);
    const wanted = new Set(units);
    // Only the asked units' stretches, of appeals held by one of them on or after the earliest day:
    // instants as ISO text sort after the date's own text on that day.
    const held = appeals.flatMap((spans) => {
      const theirs = spans.filter(({ unit }) => wanted.has(unit));
      return theirs.some(({ to }) => to === undefined || to >= since) ? [theirs] : [];
    });
    return { at, since, marks, appeals: held };
  }

  function isFresh(snapshot: Snapshot | undefined, since: LocalDate): snapshot is Snapshot {
    return snapshot !== undefined && options.maxAgeMs > 0 && options.now().getTime() - snapshot.at < options.maxAgeMs && snapshot.since <= since;
  }

  return {
    /** The units' marks and stretches for charts starting on `since` (a city date) or later. */
    async forUnits(units: readonly UnitCode[], since: LocalDate): Promise<UnitStatsData> {
      const key = [...new Set(units)].sort().join(',');
      const snapshot = kept.get(key);
      if (isFresh(snapshot, since)) return snapshot;
      let pending = reading.get(key);
      if (pending === undefined) {
        pending = read(units, since).finally(() => reading.delete(key));
        reading.set(key, pending);
      }
      const fresh = await pending;
      kept.delete(key);
      kept.set(key, fresh);
      if (kept.size > KEPT_SETS) kept.delete(kept.keys().next().value ?? key);
      return fresh;
    },
  };
}
export type UnitStatsSnapshot = ReturnType<typeof createUnitStatsSnapshot>;
