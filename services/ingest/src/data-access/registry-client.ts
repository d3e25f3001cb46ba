import { AppealStatus, RoutingTopic, UnitCode } from '@priemnaya/contracts';
import { UnavailableError } from '@priemnaya/errors';
import { z } from 'zod';

export const AppealStatusView = z.object({
  id: z.string(),
  registrationNumber: z.string(),
  status: AppealStatus,
  unit: UnitCode.optional(),
  topic: RoutingTopic.optional(),
  receivedAt: z.string(),
  updatedAt: z.string(),
});
export type AppealStatusView = z.infer<typeof AppealStatusView>;

export const AppealHistoryView = z.object({
  id: z.string(),
  history: z.array(z.object({ type: z.string(), occurredAt: z.string(), status: AppealStatus })),
});

/**
 * One appeal of a bulk lookup. The status is any text: statuses the registry learns later
 * (answered, closed) must not break a reader that does not know them yet.
 */
export const AppealListItem = z.object({
  id: z.string(),
  registrationNumber: z.string(),
  channel: z.string(),
  status: z.string(),
  unit: z.string().optional(),
  topic: z.string().optional(),
  receivedAt: z.string(),
  updatedAt: z.string(),
});
export type AppealListItem = z.infer<typeof AppealListItem>;

export interface AppealListFilter {
  /** At most 100 ids or numbers a call. */
  ids?: string[];
  registrationNumbers?: string[];
  channel?: string;
  statuses?: string[];
  receivedFrom?: Date;
  receivedTo?: Date;
  limit: number;
}

/** Asks the registry, which owns the read model, for an appeal's current status. */
export function createRegistryClient(baseUrl: string, timeoutMs = 2_000) {
  async function get(path: string): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(new URL(path, baseUrl), { signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new UnavailableError('the registry did not answer', error);
    }
    if (response.status === 404) return undefined;
    if (!response.ok) throw new UnavailableError(`the registry answered ${response.status}`);
    return response.json();
  }
  return {
    async findStatus(appealId: string): Promise<AppealStatusView | undefined> {
      const body = await get(`/v1/appeals/${encodeURIComponent(appealId)}/status`);
      return body === undefined ? undefined : AppealStatusView.parse(body);
    },
    /** The status changes the registry recorded, oldest first; undefined when it has none yet. */
    async findHistory(appealId: string): Promise<{ type: string; occurredAt: string; status: AppealStatusView['status'] }[] | undefined> {
      const body = await get(`/v1/appeals/${encodeURIComponent(appealId)}/history`);
      return body === undefined ? undefined : AppealHistoryView.parse(body).history;
    },
    /** Statuses of many appeals at once, newest first; appeals the registry has not seen yet are absent. */
    async listAppeals(filter: AppealListFilter): Promise<AppealListItem[]> {
      const query = new URLSearchParams({ limit: String(filter.limit) });
      if (filter.ids !== undefined) query.set('id', filter.ids.join(','));
      if (filter.registrationNumbers !== undefined) query.set('registrationNumber', filter.registrationNumbers.join(','));
      if (filter.channel !== undefined) query.set('channel', filter.channel);
      if (filter.statuses !== undefined) query.set('status', filter.statuses.join(','));
      if (filter.receivedFrom !== undefined) query.set('receivedFrom', filter.receivedFrom.toISOString());
      if (filter.receivedTo !== undefined) query.set('receivedTo', filter.receivedTo.toISOString());
      const body = await get(`/v1/appeals?${query.toString()}`);
      return body === undefined ? [] : z.object({ appeals: z.array(AppealListItem) }).parse(body).appeals;
    },
  };
}
export type RegistryClient = ReturnType<typeof createRegistryClient>;
