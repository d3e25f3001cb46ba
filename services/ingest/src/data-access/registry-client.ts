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
  };
}
export type RegistryClient = ReturnType<typeof createRegistryClient>;
