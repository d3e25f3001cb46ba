import type { IngestRouteDeps } from '../ingest-route-deps.js';

/** Words a citizen reads for each status; the registry's statuses stay the fleet's vocabulary. */
const CITIZEN_WORDING: Record<string, string> = {
  received: 'Обращение зарегистрировано',
  triage: 'Обращение рассматривается: определяется ответственное подразделение',
  routed: 'Обращение передано исполнителю',
  accepted: 'Обращение рассматривается исполнителем',
  forwarding: 'Обращение направляется по компетенции в другой орган',
  forwarded: 'Обращение направлено по компетенции в другой орган',
  answered: 'На обращение дан ответ',
  closed: 'Рассмотрение обращения завершено',
};

/** What anyone holding the id may see: status only, never personal data. */
export async function publicStatus(deps: IngestRouteDeps, id: string) {
  const known = await deps.registry.findStatus(id);
  if (known) {
    return {
      id: known.id,
      registrationNumber: known.registrationNumber,
      status: known.status,
      description: CITIZEN_WORDING[known.status] ?? known.status,
      ...(known.unit !== undefined ? { unit: known.unit } : {}),
      ...(known.topic !== undefined ? { topic: known.topic } : {}),
      receivedAt: known.receivedAt,
      updatedAt: known.updatedAt,
    };
  }
  // The registry has not seen it yet: ingest knows it was acknowledged, so it is received.
  const stored = await deps.appeals.find(id);
  if (stored?.acknowledgedAt === undefined) return undefined;
  return {
    id,
    registrationNumber: stored.appeal.registrationNumber,
    status: 'received',
    description: CITIZEN_WORDING.received,
    receivedAt: stored.appeal.receivedAt,
    updatedAt: stored.acknowledgedAt.toISOString(),
  };
}

/** The citizen-facing history: registration first, then each status change the registry recorded. */
export async function citizenHistory(deps: IngestRouteDeps, id: string) {
  const stored = await deps.appeals.find(id);
  if (stored?.acknowledgedAt === undefined) return undefined;
  const recorded = (await deps.registry.findHistory(id)) ?? [];
  const entries = [
    { status: 'received', description: CITIZEN_WORDING.received, at: stored.appeal.receivedAt },
    ...recorded
      .filter((entry) => entry.status !== 'received')
      .map((entry) => ({ status: entry.status, description: CITIZEN_WORDING[entry.status] ?? entry.status, at: entry.occurredAt })),
  ];
  return { id, registrationNumber: stored.appeal.registrationNumber, history: entries };
}
