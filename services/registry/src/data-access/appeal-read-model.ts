import type { UnitCode } from '@priemnaya/contracts';
import { isDuplicateKeyError } from '@priemnaya/database';
import type { Db } from 'mongodb';
import { foldCard, type AppealCard } from '../domain/appeal-card.js';
import { distinctSorted, type AppealFact } from '../domain/appeal-facts.js';
import { indexEntry, type AppealIndexEntry } from '../domain/appeal-index.js';
import { answerDeadline, cityZone, deadlinesOf, type AnswerDeadline } from '../domain/answer-deadline.js';
import { unitTimeline, type UnitDayMark, type UnitSpan } from '../domain/unit-timeline.js';
import {
  publicFilter,
  searchFilter,
  statusView,
  type AppealListFilter,
  type AppealListItem,
  type AppealSearchFilter,
  type AppealStatusView,
  type IndexDocument,
} from './appeal-index-queries.js';
import { createUnitDayMarks } from './unit-day-marks.js';

export type { AppealListFilter, AppealListItem, AppealSearchFilter, AppealStatusView } from './appeal-index-queries.js';

interface SlotDocument {
  /** `<appealId>#<n>`: the appeal's n-th fact as it arrived, claimed by a unique insert. */
  _id: string;
  appealId: string;
  slot: number;
  fact: AppealFact;
}

/** What the read model keeps in memory of an appeal: its slots, and the ids of the marks it stored. */
interface CachedAppeal {
  facts: AppealFact[];
  marks: Set<string>;
}

/** The card with everything it was folded from. */
export interface AppealDossier {
  card: AppealCard;
  facts: AppealFact[];
  deadline?: AnswerDeadline;
}

const slotId = (appealId: string, slot: number) => `${appealId}#${slot}`;

/** How many times a writer folds again when another writer replaced the entry with fewer facts. */
const MAX_REWRITES = 10;
/** Appeals whose slots are kept in memory; a slot never changes once claimed, so a copy never goes stale. */
const CACHED_APPEALS = 5_000;

/**
 * The registry's read model, built only from events.
 *
 * Why this shape: on FerretDB only unique-`_id` inserts are atomic and only `_id` lookups use an
 * index; a query by any other field scans its collection (the appeal's facts by
 * `appealId` took 0.2-0.5 s with 700 facts in store), and updates are not isolated between
 * writers. So:
 * - each appeal's facts are slots `<appealId>#0`, `#1`, ..., each claimed by a unique insert: two
 *   writers never take the same slot, and every slot below a claimed one exists. A fact already
 *   in a slot is not claimed again (a redelivery or a replay changes nothing);
 * - the card is never patched in place: it is folded in domain code from the slots, whose facts
 *   are made distinct and sorted, so arrival order and repetition do not matter;
 * - `appeal_index` holds one entry per appeal (status, units, deadline... for search and the
 *   public status) with `factCount`, the number of slots it was folded from, which tells readers
 *   and the next writer which slots to read by `_id`. After replacing it, a writer reads it back:
 *   a writer that knew fewer slots may have replaced it meanwhile, and then it is written again.
 *   (Within one process facts are applied one at a time; only two replicas can race.)
 */
export function createAppealReadModel(db: Db) {
  const slots = db.collection<SlotDocument>('appeal_slots');
  const index = db.collection<IndexDocument>('appeal_index');
  const dayMarks = createUnitDayMarks(db);
  const zone = cityZone();
  // Recently used appeals' slots, oldest use first: an appeal's next fact reads only new slots.
  const cache = new Map<string, CachedAppeal>();

  async function slotCount(appealId: string): Promise<number> {
    return (await index.findOne({ _id: appealId }, { projection: { factCount: 1 } }))?.factCount ?? 0;
  }

  /** Slots `from`..`to - 1`, each read by its `_id`; they exist, as every slot below a claimed one does. */
  async function readSlots(appealId: string, from: number, to: number): Promise<AppealFact[]> {
    const wanted = Array.from({ length: Math.max(0, to - from) }, (_, offset) => slotId(appealId, from + offset));
    const documents = await Promise.all(wanted.map((_id) => slots.findOne({ _id })));
    return documents.flatMap((document) => (document ? [document.fact] : []));
  }

  /** Slots 0..count-1, from memory as far as it goes; a copy the caller may extend. */
  async function slotsUpTo(appealId: string, count: number): Promise<AppealFact[]> {
    const cached = cache.get(appealId)?.facts ?? [];
    const known = cached.slice(0, count);
    if (known.length < count) known.push(...(await readSlots(appealId, known.length, count)));
    return known;
  }

  function remember(appealId: string, known: AppealFact[]): CachedAppeal {
    const marks = cache.get(appealId)?.marks ?? new Set<string>();
    cache.delete(appealId);
    const cached = { facts: known, marks };
    cache.set(appealId, cached);
    if (cache.size > CACHED_APPEALS) cache.delete(cache.keys().next().value ?? appealId);
    return cached;
  }

  /**
   * Stores the appeal's marks this process has not stored yet. A mark is a function of the facts,
   * so a repeat of one is an insert that fails on its id; after a restart every mark of the
   * appeal is offered again once, which also stores those a crash left out.
   */
  async function recordMarks(cached: CachedAppeal, marks: readonly UnitDayMark[]): Promise<void> {
    const fresh = marks.filter(({ id }) => !cached.marks.has(id));
    await dayMarks.record(fresh);
    for (const { id } of fresh) cached.marks.add(id);
  }

  /** Every slot of the appeal: those the entry names, then any claimed after it was written (ends at the first missing one). */
  async function allFacts(appealId: string): Promise<AppealFact[]> {
    const known = await readSlots(appealId, 0, await slotCount(appealId));
    for (;;) {
      const next = await slots.findOne({ _id: slotId(appealId, known.length) });
      if (!next) return known;
      known.push(next.fact);
    }
  }

  /** Replaces the appeal's entry; answers the units' marks folded with it. */
  async function writeEntry(appealId: string, known: AppealFact[]): Promise<UnitDayMark[]> {
    const card = foldCard(known);
    if (card === undefined) return [];
    const deadlines = deadlinesOf(known);
    const { marks, spans } = unitTimeline(known, deadlines, zone);
    const { id, ...entry } = indexEntry(card, deadlines.answer, known.length);
    const document = { ...entry, spans: JSON.stringify(spans), spanUnits: [...new Set(spans.map(({ unit }) => unit))] };
    for (let attempt = 0; attempt < MAX_REWRITES; attempt += 1) {
      try {
        await index.replaceOne({ _id: id }, document, { upsert: true });
      } catch (error) {
        // Two writers creating the same entry: the other one won; compare below.
        if (!isDuplicateKeyError(error)) throw error;
      }
      // A writer with more slots folded ours too (they were claimed before its own): done.
      if ((await slotCount(appealId)) >= known.length) return marks;
    }
    return marks;
  }

  return {
    async ensureIndexes(): Promise<void> {
      await slots.createIndex({ appealId: 1, slot: 1 });
      await index.createIndex({ registrationNumber: 1 });
      await index.createIndex({ receivedAt: -1 });
      await index.createIndex({ spanUnits: 1 });
      await dayMarks.ensureIndexes();
    },

    /** Records a fact once, whatever the redeliveries, and brings the appeal's index entry up to date. */
    async apply(fact: AppealFact): Promise<void> {
      const { appealId } = fact;
      const known = await slotsUpTo(appealId, await slotCount(appealId));
      if (!known.some(({ eventId }) => eventId === fact.eventId)) {
        for (let slot = known.length; ; slot += 1) {
          try {
            await slots.insertOne({ _id: slotId(appealId, slot), appealId, slot, fact });
            known.push(fact);
            break;
          } catch (error) {
            if (!isDuplicateKeyError(error)) throw error;
            // Taken by another writer, or by this fact before a crash: learn it and go on.
            const taken = (await slots.findOne({ _id: slotId(appealId, slot) }))?.fact;
            if (taken) known.push(taken);
            if (taken?.eventId === fact.eventId) break;
          }
        }
      }
      const cached = remember(appealId, [...known]);
      // Also when the fact was known: a crash may have come between its slot and the entry.
      await recordMarks(cached, await writeEntry(appealId, known));
    },

    async findStatus(appealId: string): Promise<AppealStatusView | undefined> {
      const document = await index.findOne({ _id: appealId });
      return document ? statusView(document) : undefined;
    },

    /** Appeals whose status is known, newest first, with no personal data. */
    async list(filter: AppealListFilter): Promise<AppealListItem[]> {
      const documents = await index
        .find(publicFilter(filter), { sort: { receivedAt: -1, _id: 1 }, limit: filter.limit, projection: { authorName: 0 } })
        .toArray();
      return documents.flatMap((document) => {
        const view = statusView(document);
        return view ? [{ ...view, channel: document.channel }] : [];
      });
    },

    /** The distinct facts the index entry was folded from, in their order; empty for an unknown appeal. */
    async facts(appealId: string): Promise<AppealFact[]> {
      return distinctSorted(await readSlots(appealId, 0, await slotCount(appealId)));
    },

    /** The card from every fact stored, even one whose entry a racing writer has not yet rewritten. */
    async dossier(appealId: string): Promise<AppealDossier | undefined> {
      const known = distinctSorted(await allFacts(appealId));
      const card = foldCard(known);
      if (card === undefined) return undefined;
      const deadline = answerDeadline(known);
      return { card, facts: known, ...(deadline !== undefined ? { deadline } : {}) };
    },

    async idByRegistrationNumber(registrationNumber: string): Promise<string | undefined> {
      return (await index.findOne({ registrationNumber }, { projection: { _id: 1 } }))?._id;
    },

    /** Index entries matching the filter, newest first then by id. */
    async search(filter: AppealSearchFilter): Promise<AppealIndexEntry[]> {
      const documents = await index
        .find(searchFilter(filter), { sort: { receivedAt: -1, _id: 1 }, limit: filter.limit, projection: { spans: 0, spanUnits: 0 } })
        .toArray();
      return documents.map(({ _id, spans: _spans, spanUnits: _units, ...entry }) => ({ id: _id, ...entry }));
    },

    /** The units' marks dated `from` or later (a city date). */
    dayMarks: (units: readonly UnitCode[], from: string) => dayMarks.since(units, from),

    /**
     * Each appeal one of the units ever held, as the stretches every unit held it: a scan of the
     * index on FerretDB 1.24 (one entry per appeal), which MongoDB would answer from the
     * `spanUnits` index.
     */
    async heldSpans(units: readonly UnitCode[]): Promise<UnitSpan[][]> {
      if (units.length === 0) return [];
      const documents = await index.find({ spanUnits: { $in: [...units] } }, { projection: { _id: 0, spans: 1 } }).toArray();
      return documents.map(({ spans }) => (spans !== undefined ? (JSON.parse(spans) as UnitSpan[]) : []));
    },
  };
}
export type AppealReadModel = ReturnType<typeof createAppealReadModel>;
