import { useEffect, useState } from 'react';
import { followEvents } from '../shared/api.js';

export interface Alert {
  alertId: string;
  type: 'deadline-stage' | 'at-risk';
  appealId: string;
  registrationNumber?: string;
  clockKind: string;
  unit?: string;
  dueAt: string;
  raisedAt: string;
  trigger?: 'time-used' | 'working-days-left' | 'overdue';
  stageId?: string;
  reason?: { backlogAhead: number; pacePerWorkingDay: number; workingDaysLeft: number; workingDaysNeeded: number };
}

/** The monitor's alerts for this person's units as they are raised, newest first, each once. */
export function useAlerts(token: string) {
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [live, setLive] = useState(false);
  useEffect(
    () =>
      followEvents(
        token,
        '/api/monitor/v1/alerts/stream',
        (event, data) => {
          if (event !== 'alert') return;
          const alert = data as Alert;
          // The monitor may deliver an alert twice around a crash; its id is stable.
          setAlerts((current) => (current.some((known) => known.alertId === alert.alertId) ? current : [alert, ...current]));
        },
        setLive,
      ),
    [token],
  );
  return { alerts, live };
}
