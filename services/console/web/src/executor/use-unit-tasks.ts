import { useCallback, useEffect, useState } from 'react';
import { inboxOrder, mergeByAppeal } from '../../../src/domain/inbox-order.js';
import { api, followEvents } from '../shared/api.js';

export interface InboxTask {
  appealId: string;
  registrationNumber: string;
  unit: string;
  topic: string;
  channel?: string;
  receivedAt: string;
  routedAt: string;
  role: string;
  status: string;
  executorId?: string;
  dueAt?: string;
  /** The deadline is estimated (30 days from registration) until the registry has computed it. */
  estimated?: boolean;
  /** Arrived on the live stream since the inbox was opened. */
  fresh?: boolean;
}

const OPEN = 'routed,accepted,forwarding';
const DAY = 24 * 3_600_000;
const LEGAL_TERM_DAYS = 30;

/**
 * A unit's open tasks, ordered by deadline, with new ones arriving live on the executor's stream.
 * Deadlines come from the registry's search (the same clocks as the monitor's alerts).
 */
export function useUnitTasks(token: string, unit: string | undefined) {
  const [tasks, setTasks] = useState<InboxTask[]>([]);
  const [live, setLive] = useState(false);
  const [failure, setFailure] = useState('');

  const refresh = useCallback(async () => {
    if (!unit) return;
    try {
      const [{ tasks: listed }, { appeals }] = await Promise.all([
        api<{ tasks: InboxTask[] }>(token, 'GET', `/api/executor/v1/units/${unit}/tasks?limit=500`),
        api<{ appeals: { id: string; answerDueAt?: string }[] }>(token, 'GET', `/api/registry/v1/staff/appeals?unit=${unit}&status=${OPEN}&limit=100`).catch(() => ({ appeals: [] })),
      ]);
      const due = new Map(appeals.map((appeal) => [appeal.id, appeal.answerDueAt]));
      setTasks((current) => {
        const fresh = new Set(current.filter((task) => task.fresh).map((task) => task.appealId));
        return listed.map((task) => withDeadline({ ...task, fresh: fresh.has(task.appealId) }, due.get(task.appealId)));
      });
      setFailure('');
    } catch (error) {
      setFailure(error instanceof Error ? error.message : 'Список задач недоступен');
    }
  }, [token, unit]);

  useEffect(() => {
    if (!unit) return;
    void refresh();
    const timer = setInterval(() => void refresh(), 30_000);
    let settle: ReturnType<typeof setTimeout> | undefined;
    const stop = followEvents(
      token,
      `/api/executor/v1/units/${unit}/tasks/stream`,
      (event, data) => {
        if (event !== 'task') return;
        const { text: _text, ...task } = data as InboxTask & { text?: string };
        setTasks((current) => {
          const known = current.find((entry) => entry.appealId === task.appealId);
          return mergeByAppeal(current, [withDeadline({ ...task, status: known?.status ?? 'new', fresh: known === undefined || known.fresh === true }, known?.estimated ? undefined : known?.dueAt)]);
        });
        // The registry computes the deadline from the same events a moment later.
        clearTimeout(settle);
        settle = setTimeout(() => void refresh(), 2_000);
      },
      setLive,
    );
    return () => {
      stop();
      clearInterval(timer);
      clearTimeout(settle);
    };
  }, [token, unit, refresh]);

  return { tasks: inboxOrder(tasks), live, failure, refresh };
}

function withDeadline(task: InboxTask, dueAt: string | undefined): InboxTask {
  if (dueAt !== undefined) return { ...task, dueAt, estimated: false };
  return { ...task, dueAt: new Date(Date.parse(task.receivedAt) + LEGAL_TERM_DAYS * DAY).toISOString(), estimated: true };
}
