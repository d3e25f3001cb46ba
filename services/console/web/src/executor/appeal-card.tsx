import { useState } from 'react';
import { WORK_FORMS } from '../../../src/forms/work-forms.js';
import { api, ApiError } from '../shared/api.js';
import { Field, invalidProps } from '../shared/form-field.js';
import { CHANNEL_NAMES, date, dateTime, statusName, topicName } from '../shared/format.js';
import type { Session } from '../shared/session.js';
import { TimeLeft } from '../shared/time-left-badge.js';
import { useNow } from '../shared/use-now.js';
import { SupervisorActions } from '../supervisor/supervisor-actions.js';
import { ActionForm } from './action-form.js';
import { useAppeal, type HistoryLine, type WorkStateView } from './use-appeal.js';

const EVENT_NAMES: Record<string, string> = {
  'appeal.received': 'Зарегистрировано',
  'appeal.triaged': 'На ручную маршрутизацию',
  'appeal.triage-decided': 'Маршрут выбран вручную',
  'appeal.routed': 'Направлено в подразделение',
  'appeal.assigned': 'Назначен исполнитель',
  'appeal.accepted': 'Принято в работу',
  'appeal.answered': 'Дан ответ',
  'appeal.co-executor-answered': 'Соисполнитель ответил',
  'appeal.handed-back': 'Возвращено: не наша компетенция',
  'appeal.extension-requested': 'Запрошено продление',
  'appeal.extension-approved': 'Продление одобрено',
  'appeal.extension-refused': 'В продлении отказано',
  'appeal.forwarding-started': 'Начата пересылка',
  'appeal.forwarded': 'Переслано',
  'appeal.co-executor-added': 'Добавлен соисполнитель',
  'appeal.closed': 'Закрыто',
};

type Action = 'accept' | 'answer' | 'hand-back' | 'extension' | 'forwarding';

/** An appeal's card: who wrote what, the deadline, the full history, and what this person may do with it. */
export function AppealCard({ session, appealId, unit }: { session: Session; appealId: string; unit: string | undefined }) {
  const { card, work, failure, reload } = useAppeal(session.token, appealId, unit);
  const now = useNow();
  if (failure) return <div className="banner banner--error">{failure}</div>;
  if (!card) return <p className="muted">Загрузка…</p>;
  const author = card.content?.author;
  return (
    <div className="appeal">
      <section className="card">
        <header className="screen-header">
          <h1>Обращение {card.registrationNumber}</h1>
          {card.answerDeadline?.status === 'stopped' ? <span className="time-left time-left--calm">срок не идёт: работа завершена</span> : <TimeLeft dueAt={card.answerDeadline?.dueAt} now={now} />}
        </header>
        <dl className="facts">
          <dt>Статус</dt>
          <dd data-testid="appeal-status">{statusName(work?.status ?? card.status)}</dd>
          <dt>Тема</dt>
          <dd>{topicName(card.topic)} → {card.leadUnit ?? '—'}</dd>
          <dt>Поступило</dt>
          <dd>
            {dateTime(card.receivedAt)}, {CHANNEL_NAMES[card.channel] ?? card.channel}
          </dd>
          <dt>Срок ответа</dt>
          <dd>
            {card.answerDeadline ? `до конца дня ${date(card.answerDeadline.dueDate)}` : 'рассчитывается'}
            {card.answerDeadline?.provisional === true ? (
              <span className="muted"> · предварительно: постановление о переносе выходных дней на этот год не внесено</span>
            ) : null}
          </dd>
          <dt>Гражданин</dt>
          <dd>{[author?.name, author?.phone, author?.email, author?.postalAddress].filter(Boolean).join(', ') || '—'}</dd>
          {card.content?.problemAddress ? (
            <>
              <dt>Адрес проблемы</dt>
              <dd>{card.content.problemAddress}</dd>
            </>
          ) : null}
        </dl>
        <p className="appeal-text">{card.content?.text}</p>
        <h2>История</h2>
        <ol className="history">
          {card.history.map((line) => (
            <HistoryItem key={line.eventId} line={line} />
          ))}
        </ol>
      </section>
      {unit && work ? <WorkActions session={session} unit={unit} work={work} onDone={() => void reload()} /> : null}
    </div>
  );
}

function HistoryItem({ line }: { line: HistoryLine }) {
  return (
    <li>
      <time>{dateTime(line.occurredAt)}</time> {EVENT_NAMES[line.type] ?? line.type}
      {line.unit ? ` · ${line.unit}` : ''}
      {line.by ? ` · ${line.by}` : ''}
      {line.why ? <div className="muted">{line.why}</div> : null}
    </li>
  );
}

function WorkActions({ session, unit, work, onDone }: { session: Session; unit: string; work: WorkStateView; onDone: () => void }) {
  const [open, setOpen] = useState<Action>();
  const base = `/api/executor/v1/units/${unit}/tasks/${work.appealId}`;
  const done = () => {
    setOpen(undefined);
    onDone();
  };
  if (session.role === 'supervisor' || session.role === 'administrator') return <SupervisorActions session={session} base={base} work={work} onDone={done} />;
  const available: [Action, string][] = [];
  if (work.status === 'new' || work.status === 'assigned') available.push(['accept', 'Принять в работу']);
  if (work.status === 'accepted') available.push(['answer', 'Ответить']);
  if (['new', 'assigned', 'accepted'].includes(work.status) && work.role === 'lead') {
    available.push(['hand-back', 'Не наша компетенция'], ['extension', 'Продлить срок'], ['forwarding', 'Переслать']);
  }
  return (
    <aside className="actions" aria-label="Действия">
      <h2>Действия</h2>
      <div className="choices">
        {available.map(([action, label]) =>
          action === 'accept' ? (
            <AcceptButton key={action} token={session.token} base={base} label={label} onDone={done} />
          ) : (
            <button key={action} type="button" aria-pressed={open === action} onClick={() => setOpen(open === action ? undefined : action)}>
              {label}
            </button>
          ),
        )}
      </div>
      {available.length === 0 ? <p className="muted">Действий нет: {statusName(work.status)}.</p> : null}
      {open === 'answer' ? <AnswerForm token={session.token} base={base} onDone={done} /> : null}
      {open === 'hand-back' ? <HandBackForm token={session.token} base={base} onDone={done} /> : null}
      {open === 'extension' ? <ExtensionForm token={session.token} base={base} onDone={done} /> : null}
      {open === 'forwarding' ? <ForwardingForm token={session.token} base={base} onDone={done} /> : null}
    </aside>
  );
}

/** Takes the task into work; a refusal (another executor took it first) is shown beside the button. */
function AcceptButton({ token, base, label, onDone }: { token: string; base: string; label: string; onDone: () => void }) {
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState('');
  async function accept() {
    setSending(true);
    try {
      await api(token, 'POST', `${base}/accept`, {});
      onDone();
    } catch (error) {
      setFailure(error instanceof ApiError ? error.message : 'Нет связи с сервером');
      setSending(false);
    }
  }
  return (
    <>
      <button type="button" className="primary" disabled={sending} onClick={() => void accept()}>
        {label}
      </button>
      {failure ? <div className="field__error" role="alert">{failure}</div> : null}
    </>
  );
}

function AnswerForm({ token, base, onDone }: { token: string; base: string; onDone: () => void }) {
  const [text, setText] = useState('');
  const [inSubstance, setInSubstance] = useState(true);
  return (
    <ActionForm title="Ответ гражданину" schema={WORK_FORMS.answer} values={{ text, inSubstance }} toBody={(body) => ({ ...body, attachments: [] })} token={token} path={`${base}/answer`} submitLabel="Отправить ответ" onDone={onDone}>
      {(errors) => (
        <>
          <Field id="answer-text" label="Текст ответа" error={errors.text}>
            <textarea id="answer-text" rows={6} autoFocus value={text} onChange={(e) => setText(e.target.value)} {...invalidProps('answer-text', errors.text)} />
          </Field>
          <label>
            <input type="checkbox" checked={inSubstance} onChange={(e) => setInSubstance(e.target.checked)} /> Ответ по существу
          </label>
        </>
      )}
    </ActionForm>
  );
}

function HandBackForm({ token, base, onDone }: { token: string; base: string; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [suggestedUnit, setSuggestedUnit] = useState('');
  return (
    <ActionForm title="Вернуть: не наша компетенция" schema={WORK_FORMS['hand-back']} values={{ reason, suggestedUnit }} token={token} path={`${base}/hand-back`} submitLabel="Вернуть" onDone={onDone}>
      {(errors) => (
        <>
          <Field id="hand-back-reason" label="Почему" error={errors.reason}>
            <textarea id="hand-back-reason" rows={3} autoFocus value={reason} onChange={(e) => setReason(e.target.value)} {...invalidProps('hand-back-reason', errors.reason)} />
          </Field>
          <Field id="hand-back-unit" label="Куда, по-вашему (код подразделения)" error={errors.suggestedUnit}>
            <input id="hand-back-unit" value={suggestedUnit} onChange={(e) => setSuggestedUnit(e.target.value)} {...invalidProps('hand-back-unit', errors.suggestedUnit)} />
          </Field>
        </>
      )}
    </ActionForm>
  );
}

function ExtensionForm({ token, base, onDone }: { token: string; base: string; onDone: () => void }) {
  const [days, setDays] = useState('');
  const [justification, setJustification] = useState('');
  return (
    <ActionForm title="Запрос продления срока" schema={WORK_FORMS['extension-request']} values={{ days, justification }} token={token} path={`${base}/extension-requests`} submitLabel="Запросить" onDone={onDone}>
      {(errors) => (
        <>
          <Field id="extension-days" label="На сколько дней (не более 30)" error={errors.days}>
            <input id="extension-days" inputMode="numeric" autoFocus value={days} onChange={(e) => setDays(e.target.value)} {...invalidProps('extension-days', errors.days)} />
          </Field>
          <Field id="extension-why" label="Обоснование" error={errors.justification}>
            <textarea id="extension-why" rows={3} value={justification} onChange={(e) => setJustification(e.target.value)} {...invalidProps('extension-why', errors.justification)} />
          </Field>
        </>
      )}
    </ActionForm>
  );
}

function ForwardingForm({ token, base, onDone }: { token: string; base: string; onDone: () => void }) {
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [why, setWhy] = useState('');
  const values = { authority: { name, ...(address.trim() ? { address } : {}) }, why };
  return (
    <ActionForm title="Переслать в другой орган (ст. 8)" schema={WORK_FORMS.forwarding} values={values} token={token} path={`${base}/forwarding`} submitLabel="Начать пересылку" onDone={onDone}>
      {(errors) => (
        <>
          <Field id="forward-name" label="Орган" error={errors['authority.name']}>
            <input id="forward-name" autoFocus value={name} onChange={(e) => setName(e.target.value)} {...invalidProps('forward-name', errors['authority.name'])} />
          </Field>
          <Field id="forward-address" label="Адрес органа" error={errors['authority.address']}>
            <input id="forward-address" value={address} onChange={(e) => setAddress(e.target.value)} {...invalidProps('forward-address', errors['authority.address'])} />
          </Field>
          <Field id="forward-why" label="Почему" error={errors.why}>
            <textarea id="forward-why" rows={2} value={why} onChange={(e) => setWhy(e.target.value)} {...invalidProps('forward-why', errors.why)} />
          </Field>
        </>
      )}
    </ActionForm>
  );
}
