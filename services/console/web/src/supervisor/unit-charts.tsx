import { useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, ApiError } from '../shared/api.js';

interface UnitDay {
  date: string;
  received: number;
  answered: number;
  answeredOnTime: number;
  open: number;
  overdue: number;
}
interface UnitStats {
  unit: string;
  days: UnitDay[];
}

const COLOURS = ['#1f5fa8', '#c2410c', '#15803d', '#7e22ce', '#0e7490', '#a16207'];
const shortDate = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}`;

/** Rows by date with one column per unit, for recharts. */
function byDate(stats: UnitStats[], value: (day: UnitDay) => number | null): Record<string, string | number | null>[] {
  const rows = new Map<string, Record<string, string | number | null>>();
  for (const { unit, days } of stats) {
    for (const day of days) {
      const row = rows.get(day.date) ?? { date: shortDate(day.date) };
      row[unit] = value(day);
      rows.set(day.date, row);
    }
  }
  return [...rows.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, row]) => row);
}

/** Per-unit load (open appeals) and on-time rate (answered on time / answered) over the last days. */
export function UnitCharts({ token, units }: { token: string; units: string[] }) {
  const [stats, setStats] = useState<UnitStats[]>();
  const [note, setNote] = useState('');
  useEffect(() => {
    if (units.length === 0) return;
    api<{ units: UnitStats[] }>(token, 'GET', `/api/registry/v1/staff/units/stats?units=${units.join(',')}&days=30`).then(
      (answer) => setStats(answer.units),
      (error: unknown) => {
        setStats([]);
        setNote(error instanceof ApiError && error.status === 404 ? 'Статистика по подразделениям пока недоступна.' : 'Статистика не загрузилась.');
      },
    );
  }, [token, units]);
  const empty = stats !== undefined && stats.every((unit) => unit.days.length === 0);
  return (
    <section className="charts" data-testid="unit-charts" aria-label="Нагрузка и своевременность">
      <h2>Нагрузка и своевременность за 30 дней</h2>
      {stats === undefined ? <p className="muted">Загрузка…</p> : null}
      {empty ? (
        <p className="muted" data-testid="charts-empty">
          {note || 'Нет данных за период.'}
        </p>
      ) : null}
      {stats && !empty ? (
        <div className="chart-pair">
          <figure>
            <figcaption>Открытые обращения</figcaption>
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={byDate(stats, (day) => day.open)}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="date" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend />
                {stats.map((unit, i) => (
                  <Bar key={unit.unit} dataKey={unit.unit} fill={COLOURS[i % COLOURS.length]} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </figure>
          <figure>
            <figcaption>Ответы в срок, %</figcaption>
            <ResponsiveContainer width="100%" height={220}>
              <LineChart data={byDate(stats, (day) => (day.answered > 0 ? Math.round((100 * day.answeredOnTime) / day.answered) : null))}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="date" />
                <YAxis domain={[0, 100]} />
                <Tooltip />
                <Legend />
                {stats.map((unit, i) => (
                  <Line key={unit.unit} dataKey={unit.unit} stroke={COLOURS[i % COLOURS.length]} connectNulls isAnimationActive={false} />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </figure>
        </div>
      ) : null}
    </section>
  );
}
