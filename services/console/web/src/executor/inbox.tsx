import { useState } from 'react';
import { CHANNEL_NAMES, dateTime, statusName, topicName } from '../shared/format.js';
import type { Session } from '../shared/session.js';
import { TimeLeft } from '../shared/time-left-badge.js';
import { useNow } from '../shared/use-now.js';
import { useUnitTasks } from './use-unit-tasks.js';

/** The unit's inbox: the nearest deadline first, the time left always in view, new tasks live. */
export function Inbox({ session }: { session: Session }) {
  const [unit, setUnit] = useState(session.units[0]);
  const { tasks, live, failure } = useUnitTasks(session.token, unit);
  const now = useNow();
  return (
    <section>
      <header className="screen-header">
        <h1>Входящие {unit ? `· ${unit}` : ''}</h1>
        {session.units.length > 1 ? (
          <select aria-label="Подразделение" value={unit} onChange={(e) => setUnit(e.target.value)}>
            {session.units.map((code) => (
              <option key={code}>{code}</option>
            ))}
          </select>
        ) : null}
        <span className={`live ${live ? 'live--on' : ''}`}>{live ? '● новые задачи приходят сразу' : '○ переподключение…'}</span>
      </header>
      {!unit ? <p className="banner banner--error">В пропуске не указано подразделение.</p> : null}
      {failure ? <div className="banner banner--error">{failure}</div> : null}
      {tasks.length === 0 && unit ? <p className="muted">Открытых задач нет.</p> : null}
      <table className="tasks">
        <thead>
          <tr>
            <th>Осталось</th>
            <th>Номер</th>
            <th>Тема</th>
            <th>Поступило</th>
            <th>Канал</th>
            <th>Статус</th>
            <th>Исполнитель</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => (
            <tr key={task.appealId} className={task.fresh ? 'fresh' : ''} data-testid="inbox-task" data-number={task.registrationNumber}>
              <td>
                <TimeLeft dueAt={task.dueAt} now={now} estimated={task.estimated ?? false} />
              </td>
              <td>
                <a href={`#/appeal/${task.unit}/${task.appealId}`}>{task.registrationNumber}</a>
                {task.fresh ? <span className="tag">новое</span> : null}
                {task.role === 'co-executor' ? <span className="tag">соисполнитель</span> : null}
              </td>
              <td>{topicName(task.topic)}</td>
              <td>{dateTime(task.receivedAt)}</td>
              <td>{task.channel ? (CHANNEL_NAMES[task.channel] ?? task.channel) : '—'}</td>
              <td>{statusName(task.status)}</td>
              <td>{task.executorId === session.staffId ? 'вы' : (task.executorId ?? '—')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
