import { useCallback, useEffect, useState } from 'react';
import { precisionRows, type TopicPrecision } from '../../../src/domain/routing-precision.js';
import { api } from '../shared/api.js';
import { dateTime } from '../shared/format.js';
import type { Session } from '../shared/session.js';

interface PrecisionReport {
  policy: { target: number; resumeAt: number; window: number; minOutcomes: number };
  topics: TopicPrecision[];
}

/** The live precision guard for administrators: which topics the model routes, and how well. */
export function RoutingPrecision({ session }: { session: Session }) {
  const [report, setReport] = useState<PrecisionReport>();
  const [failure, setFailure] = useState('');
  const load = useCallback(() => {
    api<PrecisionReport>(session.token, 'GET', '/api/router/v1/routing/precision').then(
      (answer) => {
        setReport(answer);
        setFailure('');
      },
      (error: unknown) => setFailure(error instanceof Error ? error.message : 'Данные недоступны'),
    );
  }, [session.token]);
  useEffect(() => {
    load();
    const timer = setInterval(load, 30_000);
    return () => clearInterval(timer);
  }, [load]);

  const rows = report ? precisionRows(report.topics) : [];
  const suspended = rows.filter((row) => row.suspended);
  return (
    <section>
      <h1>Точность маршрутизации</h1>
      {failure ? <div className="banner banner--error">{failure}</div> : null}
      {report ? (
        <p className="muted">
          Цель {Math.round(report.policy.target * 100)} %: тема приостанавливается, когда по последним {report.policy.window} исходам (не меньше {report.policy.minOutcomes})
          точность достоверно ниже цели, и возобновляется при {Math.round(report.policy.resumeAt * 100)} %. Ошибка — возврат «не наша компетенция» или перенаправление.
        </p>
      ) : null}
      {suspended.length > 0 ? (
        <div className="banner banner--warning" role="alert">
          Приостановлено автоматическое направление тем: {suspended.map((row) => row.name).join(', ')}.
        </div>
      ) : null}
      <table className="tasks" data-testid="routing-precision">
        <thead>
          <tr>
            <th>Тема</th>
            <th>Состояние</th>
            <th>Точность</th>
            <th>Исходы</th>
            <th>Интервал</th>
            <th>С</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.topic} className={row.suspended ? 'row--suspended' : undefined}>
              <td>{row.name}</td>
              <td>{row.state}</td>
              <td>{row.precision}</td>
              <td>{row.window}</td>
              <td className="muted">{row.interval}</td>
              <td className="muted">{row.since ? dateTime(row.since) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
