import { isOpen } from './appeal-status.js';

/** An earlier appeal of a person, as ingest finds it by person. */
export interface PersonAppeal {
  appealId: string;
  registrationNumber: string;
  channel: string;
  receivedAt: string;
}

/** What the registry says about an appeal now. */
export interface StatusView {
  status: string;
  topic?: string;
  unit?: string;
}

/** The registry's answer for one appeal: its view, not recorded yet, or no answer in time. */
export type StatusLookup = { kind: 'found'; view: StatusView } | { kind: 'not-recorded' } | { kind: 'unavailable' };

export interface EarlierAppeal extends PersonAppeal {
  status?: string;
  topic?: string;
  unit?: string;
}

export interface EarlierAppeals {
  appeals: EarlierAppeal[];
  /** Some status (or some appeal) could not be looked up; what is shown is still correct. */
  incomplete: boolean;
}

/** Each appeal with its current status, in the order given. */
export function withStatuses(appeals: readonly PersonAppeal[], statuses: ReadonlyMap<string, StatusLookup>): EarlierAppeals {
  let incomplete = false;
  const merged = appeals.map((appeal): EarlierAppeal => {
    const lookup = statuses.get(appeal.appealId);
    if (lookup === undefined || lookup.kind === 'unavailable') incomplete = true;
    if (lookup?.kind !== 'found') return { ...appeal };
    const { status, topic, unit } = lookup.view;
    return { ...appeal, status, ...(topic !== undefined ? { topic } : {}), ...(unit !== undefined ? { unit } : {}) };
  });
  return { appeals: merged, incomplete };
}

/**
 * The earlier appeals the pre-screen judged the same matter (its similar appeals, most similar
 * first) that are still open. One notion of "similar" for the whole fleet: the pre-screen's, on
 * the same person and a similar text within its window. An id missing from the person's appeals
 * (ingest answered fewer than it screened against) makes the answer incomplete, not wrong.
 */
export function similarOpenAppeals(
  relatedIds: readonly string[],
  personAppeals: readonly PersonAppeal[],
  statuses: ReadonlyMap<string, StatusLookup>,
): EarlierAppeals {
  const byId = new Map(personAppeals.map((appeal) => [appeal.appealId, appeal]));
  const related = relatedIds.map((id) => byId.get(id)).filter((appeal): appeal is PersonAppeal => appeal !== undefined);
  const { appeals, incomplete } = withStatuses(related, statuses);
  return {
    appeals: appeals.filter((appeal) => isOpen(appeal.status)),
    incomplete: incomplete || related.length < new Set(relatedIds).size,
  };
}
