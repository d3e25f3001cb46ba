import { useCallback, useEffect, useState } from 'react';
import { api } from '../shared/api.js';
import type { WorkStateView } from '../executor/use-appeal.js';

export interface PendingExtension {
  unit: string;
  appealId: string;
  registrationNumber: string;
  requestId: string;
  days: number;
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
    setPending(found);
  }, [token, units]);
  useEffect(() => {
    void reload().catch(() => {});
    const timer = setInterval(() => void reload().catch(() => {}), 20_000);
    return () => clearInterval(timer);
  }, [reload]);
  return { pending, reload };
}
