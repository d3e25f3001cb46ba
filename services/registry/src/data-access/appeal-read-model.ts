import type { AppealStatus, RoutingTopic, UnitCode } from '@priemnaya/contracts';
import { isDuplicateKeyError } from '@priemnaya/database';
import type { Db, Filter } from 'mongodb';
import { foldCard, type AppealCard } from '../domain/appeal-card.js';
import { distinctSorted, type AppealFact } from '../domain/appeal-facts.js';
import { indexEntry, type AppealIndexEntry } from '../domain/appeal-index.js';
import { answerDeadline, type AnswerDeadline } from '../domain/answer-deadline.js';

interface FactDocument {
  /** The event id: a redelivered or replayed fact is the same document. */
  _id: string;
  appealId: string;
  fact: AppealFact;
}

type IndexDocument = Omit<AppealIndexEntry, 'id'> & { _id: string };

/** Which appeals a bulk lookup wants; every filter given must hold. */
export interface AppealListFilter {
  ids?: string[];
  registrationNumbers?: string[];
  channel?: string;
  statuses?: string[];
  /** Received at or after this instant, as normalised ISO text. */
  receivedFrom?: string;
  /** Received at or before this instant, as normalised ISO text. */
  receivedTo?: string;
  limit: number;
}

/** A staff search: the public filters, plus unit, topic, deadline and the person's scope. */
export interface AppealSearchFilter extends Omit<AppealListFilter, 'ids'> {
  /** The person's units: only appeals with one of them as lead or co-executor unit. */
  scopeUnits?: UnitCode[];
  unit?: UnitCode;
  topic?: RoutingTopic;
  dueFrom?: string;
  dueTo?: string;
  /** Keyset paging: the last entry of the previous page. */
  after?: { receivedAt: string; id: string };
}

export interface AppealStatusView {
  id: string;
  registrationNumber: string;
  status: AppealStatus;
  unit?: UnitCode;
  topic?: RoutingTopic;
  receivedAt: string;
  updatedAt: string;
}

export interface AppealListItem extends AppealStatusView {
  channel: string;
}

/** The card with everything it was folded from. */
export interface AppealDossier {
  card: AppealCard;
  facts: AppealFact[];
  deadline?: AnswerDeadline;
}

/**
 * The registry's read model, built only from events. Each fact is inserted once under its event
 * id into `appeal_facts` (a unique-`_id` insert: the one write FerretDB makes atomic and fast);
 * the card is never patched in place. FerretDB does not isolate updates between writers, and the
 * two topics are consumed side by side, so `$set`-style patches could interleave and lose a
 * change. Instead the card is folded from the sorted facts in domain code whenever it is read,
 * and the search index entry of the appeal is recomputed from all its facts and replaced after
 * each insert. A writer that replaced the entry then counts the facts again and recomputes if a
 * fact arrived meanwhile, so the last writer always leaves the entry of the complete set.
 */
export function createAppealReadModel(db: Db) {
  const facts = db.collection<FactDocument>('appeal_facts');
  const index = db.collection<IndexDocument>('appeal_index');

  async function factsOf(appealId: string): Promise<AppealFact[]> {
    const documents = await facts.find({ appealId }).toArray();
    return distinctSorted(documents.map(({ fact }) => fact));
  }

  async function refresh(appealId: string): Promise<void> {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const known = await factsOf(appealId);
      const card = foldCard(known);
      if (card === undefined) return;
      const { id, ...entry } = indexEntry(card, answerDeadline(known), known.length);
      try {
        await index.replaceOne({ _id: id }, entry, { upsert: true });
      } catch (error) {
        // Two writers creating the same entry: the other one won; fold again.
        if (!isDuplicateKeyError(error)) throw error;
        continue;
      }
      if ((await facts.countDocuments({ appealId })) === known.length) return;
    }
  }

  return {
    async ensureIndexes(): Promise<void> {
      await facts.createIndex({ appealId: 1 });
      await index.createIndex({ registrationNumber: 1 });
      await index.createIndex({ receivedAt: -1 });
    },

    /** Records a fact (once, whatever the redeliveries) and brings the appeal's index entry up to date. */
    async apply(fact: AppealFact): Promise<void> {
      try {
        // A replay inserts nothing new but still refreshes, which also heals a crash between the two.
        await facts.insertOne({ _id: fact.eventId, appealId: fact.appealId, fact });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      await refresh(fact.appealId);
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

    /** The distinct facts of an appeal in their order; empty for an unknown appeal. */
    facts: factsOf,

    async dossier(appealId: string): Promise<AppealDossier | undefined> {
      const known = await factsOf(appealId);
      const card = foldCard(known);
      if (card === undefined) return undefined;
      const deadline = answerDeadline(known);
      return { card, facts: known, ...(deadline !== undefined ? { deadline } : {}) };
    },

    async idByRegistrationNumber(registrationNumber: string): Promise<string | undefined> {
      return (await index.findOne({ registrationNumber }, { projection: { _id: 1 } }))?._id;
    },

    /** Index entries matching the filter, newest first then by id; one more than `limit` tells a next page exists. */
    async search(filter: AppealSearchFilter): Promise<AppealIndexEntry[]> {
      const documents = await index.find(searchFilter(filter), { sort: { receivedAt: -1, _id: 1 }, limit: filter.limit }).toArray();
      return documents.map(({ _id, ...entry }) => ({ id: _id, ...entry }));
    },
  };
}
export type AppealReadModel = ReturnType<typeof createAppealReadModel>;

function statusView(document: IndexDocument): AppealStatusView | undefined {
  if (document.status === undefined || document.statusAt === undefined) return undefined;
  return {
    id: document._id,
    registrationNumber: document.registrationNumber,
    status: document.status,
    ...(document.unit !== undefined ? { unit: document.unit } : {}),
    ...(document.topic !== undefined ? { topic: document.topic } : {}),
    receivedAt: document.receivedAt,
    updatedAt: document.statusAt,
  };
}

function range(from: string | undefined, to: string | undefined): { $gte?: string; $lte?: string } | undefined {
  if (from === undefined && to === undefined) return undefined;
  return { ...(from !== undefined ? { $gte: from } : {}), ...(to !== undefined ? { $lte: to } : {}) };
}

function publicFilter(filter: Omit<AppealListFilter, 'limit'>): Filter<IndexDocument> {
  const receivedAt = range(filter.receivedFrom, filter.receivedTo);
  return {
    status: filter.statuses !== undefined ? { $in: filter.statuses as AppealStatus[] } : { $exists: true },
    ...(filter.ids !== undefined ? { _id: { $in: filter.ids } } : {}),
    ...(filter.registrationNumbers !== undefined ? { registrationNumber: { $in: filter.registrationNumbers } } : {}),
    ...(filter.channel !== undefined ? { channel: filter.channel } : {}),
    ...(receivedAt !== undefined ? { receivedAt } : {}),
  };
}

function searchFilter(filter: AppealSearchFilter): Filter<IndexDocument> {
  const answerDueAt = range(filter.dueFrom, filter.dueTo);
  const all: Filter<IndexDocument>[] = [publicFilter(filter)];
  if (filter.scopeUnits !== undefined) all.push({ units: { $in: filter.scopeUnits } });
  if (filter.unit !== undefined) all.push({ units: filter.unit });
  if (filter.topic !== undefined) all.push({ topic: filter.topic });
  if (answerDueAt !== undefined) all.push({ answerDueAt });
  if (filter.after !== undefined) {
    const { receivedAt, id } = filter.after;
    all.push({ $or: [{ receivedAt: { $lt: receivedAt } }, { receivedAt, _id: { $gt: id } }] });
  }
  return { $and: all };
}
