import type { AppealReceived } from '@priemnaya/contracts';
import type { AppealListItem } from '../../../data-access/registry-client.js';
import { MAX_REQUESTS, type RequestsQuery } from '../../../domain/open311/parse-requests-query.js';
import { appealStatusesOf } from '../../../domain/open311/open311-status.js';
import { publicServiceRequest, registrationNumberOf, tokenOf, type PublicServiceRequest } from '../../../domain/open311/public-request.js';
import type { IngestRouteDeps } from '../ingest-route-deps.js';

/** The registry takes at most this many ids in one lookup, so that its URL stays short. */
const REGISTRY_BATCH = 100;
/** Appeals read from ingest's own store at once while a list is built. */
const STORE_CONCURRENCY = 20;

/**
 * The read side of the façade. Ingest knows what was asked (the service_code, in the raw form);
 * the registry knows where the appeal is now. A request the registry has not seen yet is still
 * shown, as received, when it is asked for by id; a search reads the registry, so a request
 * appears in it once the registry has it, a moment after its POST.
 */
export function createOpen311Reads(deps: Pick<IngestRouteDeps, 'appeals' | 'registry'>) {
  /** An acknowledged appeal that came through Open311; any other is not a service request. */
  async function findOpen311Appeal(appealId: string): Promise<AppealReceived | undefined> {
    const stored = await deps.appeals.find(appealId);
    if (stored?.acknowledgedAt === undefined || stored.appeal.channel !== 'open311') return undefined;
    return stored.appeal;
  }

  function view(appeal: AppealReceived, known: AppealListItem | undefined): PublicServiceRequest {
    return publicServiceRequest({
      appealId: appeal.appealId,
      registrationNumber: appeal.registrationNumber,
      serviceCode: serviceCodeOf(appeal),
      status: known?.status ?? 'received',
      ...(known?.unit !== undefined ? { unit: known.unit } : {}),
      receivedAt: appeal.receivedAt,
      updatedAt: known?.updatedAt ?? appeal.receivedAt,
    });
  }

  async function byIds(ids: readonly string[]): Promise<PublicServiceRequest[]> {
    const appeals = (await mapLimited(ids, STORE_CONCURRENCY, findOpen311Appeal)).filter((appeal) => appeal !== undefined);
    const statuses = new Map<string, AppealListItem>();
    for (const batch of chunks(appeals.map((appeal) => appeal.appealId), REGISTRY_BATCH)) {
      for (const item of await deps.registry.listAppeals({ ids: batch, limit: batch.length })) statuses.set(item.id, item);
    }
    return appeals.map((appeal) => view(appeal, statuses.get(appeal.appealId)));
  }

  async function search(query: Extract<RequestsQuery, { kind: 'search' }>): Promise<PublicServiceRequest[]> {
    const found = await deps.registry.listAppeals({
      channel: 'open311',
      receivedFrom: query.from,
      receivedTo: query.to,
      ...(query.statuses.length > 0 ? { statuses: appealStatusesOf(query.statuses) } : {}),
      limit: MAX_REQUESTS,
    });
    const appeals = await mapLimited(found, STORE_CONCURRENCY, async (item) => {
      const appeal = await findOpen311Appeal(item.id);
      return appeal === undefined ? undefined : view(appeal, item);
    });
    const codes = new Set(query.serviceCodes);
    return appeals.filter((request) => request !== undefined && (codes.size === 0 || codes.has(request.service_code))) as PublicServiceRequest[];
  }

  return {
    async requests(query: RequestsQuery): Promise<PublicServiceRequest[]> {
      return query.kind === 'ids' ? byIds(query.ids) : search(query);
    },
    async request(appealId: string): Promise<PublicServiceRequest | undefined> {
      return (await byIds([appealId]))[0];
    },
    /** The request a token (a registration number) stands for, once the registry has it. */
    async token(token: string): Promise<{ service_request_id: string; token: string } | undefined> {
      const registrationNumber = registrationNumberOf(token);
      if (registrationNumber === undefined) return undefined;
      const [item] = await deps.registry.listAppeals({ registrationNumbers: [registrationNumber], channel: 'open311', limit: 1 });
      return item === undefined ? undefined : { service_request_id: item.id, token: tokenOf(item.registrationNumber) };
    },
  };
}
export type Open311Reads = ReturnType<typeof createOpen311Reads>;

/** The service the citizen chose, kept in the raw form the appeal arrived with. */
function serviceCodeOf(appeal: AppealReceived): string {
  const body = appeal.raw.body;
  const code = body !== null && typeof body === 'object' && !Array.isArray(body) ? body.service_code : undefined;
  return typeof code === 'string' ? code : 'other';
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

async function mapLimited<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const batch of chunks(items, limit)) results.push(...(await Promise.all(batch.map(map))));
  return results;
}
