import { useCallback, useEffect, useState } from 'react';
import { api } from '../shared/api.js';

export interface HistoryLine {
  eventId: string;
  type: string;
  occurredAt: string;
  status?: string;
  unit?: string;
  topic?: string;
  by?: string;
  why?: string;
  details: Record<string, unknown>;
}
export interface AppealCardView {
  id: string;
  registrationNumber: string;
  channel: string;
  receivedAt: string;
  status?: string;
  leadUnit?: string;
  topic?: string;
  content?: { text?: string; problemAddress?: string; author?: { name?: string; phone?: string; email?: string; postalAddress?: string } };
  answerDeadline?: { dueAt: string; dueDate: string; status: 'running' | 'stopped'; outcome?: string; provisional?: true };
  history: HistoryLine[];
}
export interface WorkStateView {
  appealId: string;
  unit: string;
  role: string;
  status: string;
  executorId?: string;
  version: number;
  approvedExtensionDays: number;
  extensions: { requestId: string; days: number; decision?: string }[];
}

/** The registry's card of an appeal (with its history) and, when a unit is named, that unit's work on it. */
export function useAppeal(token: string, appealId: string, unit: string | undefined) {
  const [card, setCard] = useState<AppealCardView>();
  const [work, setWork] = useState<WorkStateView>();
  const [failure, setFailure] = useState('');
  const reload = useCallback(async () => {
    try {
      const [loaded, state] = await Promise.all([
        api<AppealCardView>(token, 'GET', `/api/registry/v1/staff/appeals/${appealId}`),
        unit ? api<{ state: WorkStateView }>(token, 'GET', `/api/executor/v1/units/${unit}/tasks/${appealId}`).then((answer) => answer.state) : Promise.resolve(undefined),
      ]);
      setCard(loaded);
      setWork(state);
      setFailure('');
    } catch (error) {
      setFailure(error instanceof Error ? error.message : 'Карточка недоступна');
    }
  }, [token, appealId, unit]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { card, work, failure, reload };
}
