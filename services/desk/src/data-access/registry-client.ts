import { z } from 'zod';
import type { StatusLookup } from '../domain/earlier-appeals.js';

/** Loose on purpose: the registry adds statuses as the executors' work grows. */
const StatusView = z.object({
  status: z.string(),
  topic: z.string().optional(),
  unit: z.string().optional(),
});

/** Lookups at once: the registry has no batch read, and a citizen may have a hundred appeals. */
const CONCURRENCY = 8;

/** The registry, which owns the read model of every appeal, for current statuses. */
export function createRegistryClient(baseUrl: string, timeoutMs: number) {
  async function findStatus(appealId: string): Promise<StatusLookup> {
    try {
      const response = await fetch(new URL(`/v1/appeals/${encodeURIComponent(appealId)}/status`, baseUrl), { signal: AbortSignal.timeout(timeoutMs) });
      if (response.status === 404) return { kind: 'not-recorded' };
      if (!response.ok) return { kind: 'unavailable' };
      const { status, topic, unit } = StatusView.parse(await response.json());
      return { kind: 'found', view: { status, ...(topic !== undefined ? { topic } : {}), ...(unit !== undefined ? { unit } : {}) } };
    } catch {
      return { kind: 'unavailable' };
    }
  }

  return {
    /** Never throws: an appeal the registry did not answer for is `unavailable`, and the caller says so. */
    async findStatuses(appealIds: readonly string[]): Promise<Map<string, StatusLookup>> {
      const ids = [...new Set(appealIds)];
      const found = new Map<string, StatusLookup>();
      let next = 0;
      const worker = async () => {
        for (let id = ids[next++]; id !== undefined; id = ids[next++]) found.set(id, await findStatus(id));
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, worker));
      return found;
    },
  };
}
export type RegistryClient = ReturnType<typeof createRegistryClient>;
