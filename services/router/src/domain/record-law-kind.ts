import type { AppealLawKindDecided, ComplaintAbout, LawKind } from '@priemnaya/contracts';

interface LawKindStore {
  recordLawKind(appealId: string, lawKind: LawKind, complaintAbout: ComplaintAbout | undefined): Promise<void>;
}

/**
 * A person's decision of the kind (59-FZ ст. 4), wherever it was made (triage, an executor's
 * card), onto what the router keeps of the appeal: a later hand-back or triage decision then
 * knows whom a complaint contests (ст. 8 ч. 6). A classifier's suggestion changes nothing here.
 * Idempotent: a redelivery sets the same values.
 */
export function createRecordLawKind(ports: { decisions: LawKindStore; triage: LawKindStore }) {
  return async function recordLawKind(event: AppealLawKindDecided): Promise<void> {
    if (event.decidedBy.kind !== 'staff') return;
    await ports.decisions.recordLawKind(event.appealId, event.lawKind, event.complaintAbout);
    await ports.triage.recordLawKind(event.appealId, event.lawKind, event.complaintAbout);
  };
}
