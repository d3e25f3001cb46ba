import type { AppealStatus, LawKind, RoutingTopic, UnitCode } from '@priemnaya/contracts';
import type { Filter } from 'mongodb';
import type { AppealIndexEntry } from '../domain/appeal-index.js';

/**
 * The entry, and the stretches each unit held the appeal for the units' charts: kept here because
 * the entry is replaced after every fact anyway, so they cost no write of their own. The
 * stretches are JSON text: FerretDB converts every field of a nested array to BSON each time it
 * scans the collection (every search and every entry replaced), and a probe of 2,000 entries
 * scanned in 347 ms with the stretches as text against 1,325 ms as nested documents.
 */
export type IndexDocument = Omit<AppealIndexEntry, 'id'> & { _id: string; spans?: string; spanUnits?: UnitCode[] };

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
  /** 59-FZ ст. 4; `undecided` also finds entries indexed before the kind was kept. */
  lawKind?: LawKind;
  /** Complaints that contest this unit. */
  complaintUnit?: UnitCode;
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


export function statusView(document: IndexDocument): AppealStatusView | undefined {
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

export function publicFilter(filter: Omit<AppealListFilter, 'limit'>): Filter<IndexDocument> {
  const receivedAt = range(filter.receivedFrom, filter.receivedTo);
  return {
    status: filter.statuses !== undefined ? { $in: filter.statuses as AppealStatus[] } : { $exists: true },
    ...(filter.ids !== undefined ? { _id: { $in: filter.ids } } : {}),
    ...(filter.registrationNumbers !== undefined ? { registrationNumber: { $in: filter.registrationNumbers } } : {}),
    ...(filter.channel !== undefined ? { channel: filter.channel } : {}),
    ...(receivedAt !== undefined ? { receivedAt } : {}),
  };
}

export function searchFilter(filter: AppealSearchFilter): Filter<IndexDocument> {
  const answerDueAt = range(filter.dueFrom, filter.dueTo);
  const all: Filter<IndexDocument>[] = [publicFilter(filter)];
  if (filter.scopeUnits !== undefined) all.push({ units: { $in: filter.scopeUnits } });
  if (filter.unit !== undefined) all.push({ units: filter.unit });
  if (filter.topic !== undefined) all.push({ topic: filter.topic });
  if (filter.lawKind !== undefined) all.push(filter.lawKind === 'undecided' ? { $or: [{ lawKind: 'undecided' }, { lawKind: { $exists: false } }] } : { lawKind: filter.lawKind });
  if (filter.complaintUnit !== undefined) all.push({ complaintUnit: filter.complaintUnit });
  if (answerDueAt !== undefined) all.push({ answerDueAt });
  if (filter.after !== undefined) {
    const { receivedAt, id } = filter.after;
    all.push({ $or: [{ receivedAt: { $lt: receivedAt } }, { receivedAt, _id: { $gt: id } }] });
  }
  return { $and: all };
}
