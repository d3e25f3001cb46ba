import { useCallback, useEffect, useState } from 'react';
import { api } from '../shared/api.js';
import type { WorkStateView } from '../executor/use-appeal.js';

export interface PendingExtension {
  unit: string;
  appealId: string;
  registrationNumber: string;
  requestId: string;
  days: number;
  /** Who asked and why, from the registry's card; absent until it has the request. */
  requestedBy?: string;
  justification?: string;
}

interface CardExtensions {
  extensions: { requestId: string; request?: { by: string; justification: string } }[];
}

/** Tasks read per unit for pending requests: the executor lists no requests by themselves. */
const TASKS_READ = 100;

/**
 * Extension requests waiting for this supervisor: each open task's work state names its requests
 * and their decisions. Read again every 20 s and after each decision.
 */
export function usePendingExtensions(token: string, units: string[]) {
  const [pending, setPending] = useState<PendingExtension[]>([]);
  const reload = useCallback(async () => {
    const found: PendingExtension[] = [];
    for (const unit of units) {
      const { tasks } = await api<{ tasks: { appealId: string; registrationNumber: string; status: string }[] }>(token, 'GET', `/api/executor/v1/units/${unit}/tasks?limit=${TASKS_READ}`);
      const states = await Promise.all(
        tasks.map((task) => api<{ state: WorkStateView }>(token, 'GET', `/api/executor/v1/units/${unit}/tasks/${task.appealId}`).then((answer) => ({ task, state: answer.state }), () => undefined)),
      );
      for (const entry of states) {
        for (const request of entry?.state.extensions ?? []) {
          if (entry && request.decision === undefined) found.push({ unit, appealId: entry.task.appealId, registrationNumber: entry.task.registrationNumber, requestId: request.requestId, days: request.days });
        }
      }
    }
    // The work state names the request; the registry's card says who asked and why.
    const cards = new Map<string, CardExtensions | undefined>();
    for (const appealId of new Set(found.map((request) => request.appealId))) {
      cards.set(appealId, await api<CardExtensions>(token, 'GET', `/api/registry/v1/staff/appeals/${appealId}`).catch(() => undefined));
    }
    setPending(
      found.map((request) => {
        const asked = cards.get(request.appealId)?.extensions.find((extension) => extension.requestId === request.requestId)?.request;
        return asked ? { ...request, requestedBy: asked.by, justification: asked.justification } : request;
      }),
    );
  }, [token, units]);
  useEffect(() => {
    void reload().catch(() => {});
    const timer = setInterval(() => void reload().catch(() => {}), 20_000);
    return () => clearInterval(timer);
  }, [reload]);
  return { pending, reload };
}
