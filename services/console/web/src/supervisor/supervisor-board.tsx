import { useCallback, useEffect, useMemo, useState } from 'react';
import { alertBoard } from '../../../src/domain/alert-board.js';
import { ExtensionDecision } from './supervisor-actions.js';
import { api } from '../shared/api.js';
import { dateTime, statusName } from '../shared/format.js';
import type { Session } from '../shared/session.js';
import { TimeLeft } from '../shared/time-left-badge.js';
import { useNow } from '../shared/use-now.js';
import { UnitCharts } from './unit-charts.js';
import { useAlerts, type Alert } from './use-alerts.js';
import { usePendingExtensions } from './use-pending-extensions.js';

interface DueAppeal {
  id: string;
  registrationNumber: string;
  unit?: string;
  status?: string;
  answerDueAt?: string;
  /** The due date rests on a year whose decree on transfers is not entered. */
  answerDueProvisional?: true;
  executorId?: string;
}

const DAY = 24 * 3_600_000;
/** What counts as at risk in the list: due within this many days. */
const AT_RISK_DAYS = 3;

const STAGE_WORDS: Record<string, string> = {
  'time-used': 'прошла часть срока',
  'working-days-left': 'осталось мало рабочих дней',
  overdue: 'срок истёк',
};

/** What is at risk and overdue (live from the monitor), per-unit charts, extension requests and reassignment. */
export function SupervisorBoard({ session }: { session: Session }) {
  const units = useMemo(() => session.units, [session.units]);
  const now = useNow();
  const { alerts, live } = useAlerts(session.token);
  const { pending, reload } = usePendingExtensions(session.token, units);
  const [due, setDue] = useState<DueAppeal[]>([]);
  const loadDue = useCallback(async () => {
    const until = new Date(Date.now() + AT_RISK_DAYS * DAY).toISOString();
    const found = await Promise.all(
      units.map((unit) =>
        api<{ appeals: DueAppeal[] }>(session.token, 'GET', `/api/registry/v1/staff/appeals?unit=${unit}&status=routed,accepted,forwarding&dueTo=${encodeURIComponent(until)}&limit=100`).then(
          (answer) => answer.appeals,
          () => [],
        ),
      ),
    );
    setDue(found.flat());
  }, [session.token, units]);
  useEffect(() => {
    void loadDue();
    const timer = setInterval(() => void loadDue(), 30_000);
    return () => clearInterval(timer);
  }, [loadDue]);

  const { overdue: overdueAlerts, atRisk: riskAlerts } = alertBoard(alerts);
  // The registry's deadlines list what no alert named yet (an alert says more: its stage).
  const alerted = new Set(alerts.map((alert) => alert.appealId));
  const unalerted = due.filter((appeal) => !alerted.has(appeal.id));
  const overdue = unalerted.filter((appeal) => appeal.answerDueAt !== undefined && Date.parse(appeal.answerDueAt) <= now.getTime());
  const atRisk = unalerted.filter((appeal) => !overdue.includes(appeal));

  return (
    <div className="board">
      <header className="screen-header">
        <h1>Контроль сроков · {units.join(', ') || 'все подразделения'}</h1>
        <span className={`live ${live ? 'live--on' : ''}`}>{live ? '● предупреждения приходят сразу' : '○ переподключение…'}</span>
      </header>
      {due.some((appeal) => appeal.answerDueProvisional === true) ? (
        <p className="banner banner--warning" role="status">
          Часть сроков предварительная: постановление Правительства о переносе выходных дней на год, в который они приходятся,
          ещё не внесено в производственный календарь. Сроки пересчитаются, когда администратор его внесёт.
        </p>
      ) : null}
      <div className="columns">
        <section aria-label="Просрочено" data-testid="overdue">
          <h2>Просрочено</h2>
          <AlertList alerts={overdueAlerts} now={now} />
          <DueList appeals={overdue} now={now} />
          {overdueAlerts.length + overdue.length === 0 ? <p className="muted">Просроченных нет.</p> : null}
        </section>
        <section aria-label="Под угрозой" data-testid="at-risk">
          <h2>Под угрозой</h2>
          <AlertList alerts={riskAlerts} now={now} />
          <DueList appeals={atRisk} now={now} />
          {riskAlerts.length + atRisk.length === 0 ? <p className="muted">Под угрозой нет.</p> : null}
        </section>
      </div>
      <UnitCharts token={session.token} units={units} />
      <section aria-label="Запросы продления">
        <h2>Запросы продления</h2>
        {pending.length === 0 ? <p className="muted">Нет запросов.</p> : null}
        {pending.map((request) => (
          <div key={request.requestId} className="pending">
            <a href={`#/appeal/${request.unit}/${request.appealId}`}>{request.registrationNumber}</a> · {request.unit}
            {request.justification ? (
              <p className="muted">
                {request.requestedBy}: {request.justification}
              </p>
            ) : null}
            <ExtensionDecision token={session.token} base={`/api/executor/v1/units/${request.unit}/tasks/${request.appealId}`} request={request} onDone={() => void reload()} />
          </div>
        ))}
      </section>
    </div>
  );
}

function AlertList({ alerts, now }: { alerts: Alert[]; now: Date }) {
  return (
    <ul className="alerts">
      {alerts.map((alert) => (
        <li key={alert.alertId} className={`alert alert--${alert.trigger ?? alert.type}`} data-testid="alert">
          <a href={`#/appeal/${alert.unit ?? ''}/${alert.appealId}`}>{alert.registrationNumber ?? alert.appealId}</a> · {alert.unit ?? 'не направлено'} ·{' '}
          {alert.type === 'at-risk'
            ? `прогноз: не успеть (нужно ${alert.reason?.workingDaysNeeded.toFixed(1)} раб. дн., осталось ${alert.reason?.workingDaysLeft})`
            : (STAGE_WORDS[alert.trigger ?? ''] ?? alert.stageId)}{' '}
          · <TimeLeft dueAt={alert.dueAt} now={now} /> <span className="muted">({dateTime(alert.raisedAt)})</span>
        </li>
      ))}
    </ul>
  );
}

function DueList({ appeals, now }: { appeals: DueAppeal[]; now: Date }) {
  return (
    <ul className="due">
      {appeals.map((appeal) => (
        <li key={appeal.id}>
          <a href={`#/appeal/${appeal.unit ?? ''}/${appeal.id}`}>{appeal.registrationNumber}</a> · {appeal.unit} · {statusName(appeal.status)} · {appeal.executorId ?? 'без исполнителя'} ·{' '}
          <TimeLeft dueAt={appeal.answerDueAt} now={now} /> · <a href={`#/appeal/${appeal.unit ?? ''}/${appeal.id}`}>переназначить</a>
        </li>
      ))}
    </ul>
  );
}
