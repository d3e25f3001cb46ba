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
  /** 59-FZ ст. 4; `suggested` while only the text's cues say so. */
  lawKind?: { kind: string; suggested: boolean; by?: string; cues?: string[]; complaintAbout?: { unit?: string; official?: string } };
  forwarding?: { authorities?: { name: string; address?: string }[]; authority: { name: string }; partial?: boolean; sentAt?: string; outgoingNumber?: string };
  /** 59-FZ ст. 8 ч. 7: the complaint went back to the citizen. */
  returned?: { basis: string; by: string; at: string; why?: string };
  /** The tags deadline policies match (59-FZ ст. 12 ч. 1.1), as last set. */
  tags?: { tags: string[]; by: string; at: string; why?: string };
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
  /** Absent from executor services older than tagging. */
  tags?: string[];
  /** What the deadline policy's extension rule still allows (the executor service computes it). */
  extension?: { approvedDays: number; daysLeft: number; basis?: string; refusal?: string; reason?: string };
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
        unit
          ? api<{ state: WorkStateView; extension?: WorkStateView['extension'] }>(token, 'GET', `/api/executor/v1/units/${unit}/tasks/${appealId}`).then((answer) =>
              answer.extension ? { ...answer.state, extension: answer.extension } : answer.state,
            )
          : Promise.resolve(undefined),
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
