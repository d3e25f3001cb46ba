import type { UnitCode } from '@priemnaya/contracts';
import { isDuplicateKeyError } from '@priemnaya/database';
import type { LocalDate } from '@priemnaya/deadlines';
import type { Db } from 'mongodb';
import type { UnitDayMark } from '../domain/unit-timeline.js';

type MarkDocument = Omit<UnitDayMark, 'id'> & { _id: string };

/**
 * What each unit did each day (received, answered, answered on time), as one insert-only mark per
 * event under the id `<appealId>:<eventId>:<kind>`. A counter kept by `$inc` would count a
 * redelivered or replayed event again, and FerretDB does not isolate concurrent updates; a unique
 * insert of the same mark fails instead, so replays and duplicates never count twice, and a day's
 * count is the number of its marks.
 */
export function createUnitDayMarks(db: Db) {
  const marks = db.collection<MarkDocument>('unit_day_marks');
  return {
    async ensureIndexes(): Promise<void> {
      // MongoDB answers a chart from this index; FerretDB 1.24 scans the collection regardless.
      await marks.createIndex({ unit: 1, date: 1 });
    },

    /** Stores the marks not stored yet; a mark already stored (by a replay, another replica) is left as it is. */
    async record(list: readonly UnitDayMark[]): Promise<void> {
      await Promise.all(
        list.map(async ({ id, ...mark }) => {
          try {
            await marks.insertOne({ _id: id, ...mark });
          } catch (error) {
            if (!isDuplicateKeyError(error)) throw error;
          }
        }),
      );
    },

    /** The units' marks dated `from` or later (a city date). */
    async since(units: readonly UnitCode[], from: LocalDate): Promise<Omit<UnitDayMark, 'id'>[]> {
      if (units.length === 0) return [];
      return marks.find({ unit: { $in: [...units] }, date: { $gte: from } }, { projection: { _id: 0, unit: 1, date: 1, kind: 1 } }).toArray();
    },
  };
}
export type UnitDayMarks = ReturnType<typeof createUnitDayMarks>;
