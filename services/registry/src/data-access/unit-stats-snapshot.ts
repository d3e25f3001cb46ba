import type { UnitCode } from '@priemnaya/contracts';
import type { LocalDate } from '@priemnaya/deadlines';
import type { UnitDayMark, UnitSpan } from '../domain/unit-timeline.js';
import type { AppealReadModel } from './appeal-read-model.js';

/** What the units' charts are counted from: the day marks, and each appeal's stretches in units. */
export interface UnitStatsData {
  marks: Omit<UnitDayMark, 'id'>[];
  appeals: UnitSpan[][];
}

export interface UnitStatsSnapshotOptions {
  now: () => Date;
  /** How long one read serves every chart; 0 reads again for every chart. */
  maxAgeMs: number;
}

interface Snapshot extends UnitStatsData {
  at: number;
  /** The earliest city date it holds marks of and stretches reaching. */
  since: LocalDate;
}

/**
 * Every unit's chart data, read at once and shared by every chart for `maxAgeMs`.
 *
 * Why: on FerretDB 1.24 a query of the marks or the index scans and decodes the whole collection
 * whatever its filter, so a chart of one unit costs as much as a chart of all of them: about 9 s
 * with 20,000 appeals on a loaded machine (bench/unit-stats-bench.ts). Reading everything once
 * and counting in memory bounds that load to one read per `maxAgeMs` per process however many
 * supervisors open their charts; a chart is at most that old. Only one read runs at a time: the
 * charts asked for meanwhile wait for it. With MongoDB, the `{ date: 1 }` index of the marks and
 * the `spanUnits` index of the entries would let each chart read only its units, no snapshot needed.
 */
export function createUnitStatsSnapshot(readModel: AppealReadModel, options: UnitStatsSnapshotOptions) {
  let current: Snapshot | undefined;
  let reading: Promise<Snapshot> | undefined;

  async function read(since: LocalDate): Promise<Snapshot> {
    const at = options.now().getTime();
    const [marks, appeals] = await Promise.all([readModel.dayMarksSince(since), readModel.heldSpans()]);
    // A stretch that ended before the earliest chart day counts on none of its days.
    const reaching = appeals.filter((spans) => spans.some(({ to }) => to === undefined || to >= since));
    return { at, since, marks, appeals: reaching };
  }

  function isFresh(snapshot: Snapshot | undefined, since: LocalDate): snapshot is Snapshot {
    return snapshot !== undefined && options.maxAgeMs > 0 && options.now().getTime() - snapshot.at < options.maxAgeMs && snapshot.since <= since;
  }

  return {
    /** The units' marks and stretches for charts starting on `since` (a city date) or later. */
    async forUnits(units: readonly UnitCode[], since: LocalDate): Promise<UnitStatsData> {
      let snapshot = current;
      if (!isFresh(snapshot, since)) {
        reading ??= read(since).finally(() => {
          reading = undefined;
        });
        snapshot = await reading;
        current = snapshot;
      }
      const wanted = new Set(units);
      return {
        marks: snapshot.marks.filter(({ unit }) => wanted.has(unit)),
        appeals: snapshot.appeals.flatMap((spans) => {
          const held = spans.filter(({ unit }) => wanted.has(unit));
          return held.length > 0 ? [held] : [];
        }),
      };
    },
  };
}
export type UnitStatsSnapshot = ReturnType<typeof createUnitStatsSnapshot>;
