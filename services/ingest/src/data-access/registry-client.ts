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

/** Asks the registry, which owns the read model, for an appeal's current status. */
export function createRegistryClient(baseUrl: string, timeoutMs = 2_000) {
  return {
    async findStatus(appealId: string): Promise<AppealStatusView | undefined> {
      let response: Response;
      try {
        response = await fetch(new URL(`/v1/appeals/${encodeURIComponent(appealId)}/status`, baseUrl), {
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new UnavailableError('the registry did not answer', error);
      }
      if (response.status === 404) return undefined;
      if (!response.ok) throw new UnavailableError(`the registry answered ${response.status}`);
      return AppealStatusView.parse(await response.json());
    },
  };
}
export type RegistryClient = ReturnType<typeof createRegistryClient>;
