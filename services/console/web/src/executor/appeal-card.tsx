import { MAX_EXTENSION_DAYS } from '@priemnaya/contracts';
import { useState } from 'react';
import { extensionRequestForm, WORK_FORMS } from '../../../src/forms/work-forms.js';
import { api, ApiError } from '../shared/api.js';
import { Field, invalidProps } from '../shared/form-field.js';
import { CHANNEL_NAMES, date, dateTime, LAW_KIND_NAMES, lawKindName, statusName, topicName } from '../shared/format.js';
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
  'appeal.law-kind-decided': 'Определён вид обращения (ст. 4)',
  'appeal.returned-to-citizen': 'Жалоба возвращена гражданину (ст. 8 ч. 7)',
  'appeal.correspondence-ended': 'Переписка прекращена (ст. 11 ч. 5)',
  'appeal.tags-set': 'Изменены метки',
};

type Action = 'accept' | 'answer' | 'hand-back' | 'extension' | 'forwarding' | 'law-kind' | 'return' | 'tags';

/** Statuses in which the lead unit may still change the tags, as the executor service allows. */
const TAGGABLE = ['new', 'assigned', 'accepted', 'forwarding'];

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
          <dt>Вид (ст. 4)</dt>
          <dd data-testid="appeal-law-kind">
            {lawKindName(card.lawKind?.kind)}
            {card.lawKind?.suggested ? <span className="muted"> · предложено по тексту ({card.lawKind.cues?.join(', ')}), не подтверждено</span> : null}
            {card.lawKind?.complaintAbout ? ` · на ${[card.lawKind.complaintAbout.unit, card.lawKind.complaintAbout.official].filter(Boolean).join(', ')}` : null}
          </dd>
          <dt>Метки</dt>
          <dd data-testid="appeal-tags">
            {card.tags && card.tags.tags.length > 0 ? card.tags.tags.join(', ') : '—'}
            {card.tags?.tags.includes('migration-law') ? <span className="muted"> · миграционный вопрос: у высшего должностного лица субъекта срок 20 дней (ст. 12 ч. 1.1)</span> : null}
          </dd>
          {card.forwarding ? (
            <>
              <dt>Пересылка (ст. 8)</dt>
              <dd>
                {(card.forwarding.authorities ?? [card.forwarding.authority]).map((authority) => authority.name).join('; ')}
                {card.forwarding.partial ? ' · часть вопросов, остальные рассматриваются здесь' : ''}
                {card.forwarding.outgoingNumber ? ` · исх. № ${card.forwarding.outgoingNumber}` : ''}
              </dd>
            </>
          ) : null}
          {card.returned ? (
            <>
              <dt>Возвращено</dt>
              <dd>{dateTime(card.returned.at)}, {card.returned.basis}</dd>
            </>
          ) : null}
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
      {unit && work ? <WorkActions session={session} unit={unit} work={work} lawKind={card.lawKind?.suggested ? undefined : card.lawKind?.kind} tags={card.tags?.tags ?? work.tags ?? []} onDone={() => void reload()} /> : null}
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

/** `tags`: the appeal's as the registry shows them, which another unit may have set before this one. */
function WorkActions({ session, unit, work, lawKind, tags, onDone }: { session: Session; unit: string; work: WorkStateView; lawKind: string | undefined; tags: string[]; onDone: () => void }) {
  const [open, setOpen] = useState<Action>();
  const base = `/api/executor/v1/units/${unit}/tasks/${work.appealId}`;
  const done = () => {
    setOpen(undefined);
    onDone();
  };
  const taggable = work.role === 'lead' && TAGGABLE.includes(work.status);
  if (session.role === 'supervisor' || session.role === 'administrator') {
    return (
      <>
        <SupervisorActions session={session} base={base} work={work} onDone={done} />
        {session.role === 'supervisor' && taggable ? (
          <aside className="actions" aria-label="Метки">
            <TagsForm token={session.token} base={base} current={tags} onDone={done} />
          </aside>
        ) : null}
      </>
    );
  }
  const available: [Action, string][] = [];
  if (work.status === 'new' || work.status === 'assigned') available.push(['accept', 'Принять в работу']);
  if (work.status === 'accepted') available.push(['answer', 'Ответить']);
  if (['new', 'assigned', 'accepted'].includes(work.status) && work.role === 'lead') {
    available.push(['hand-back', 'Не наша компетенция']);
    // The deadline policy may allow none (platform messages), or none is left, or the term ran out.
    if ((work.extension?.daysLeft ?? 1) > 0) available.push(['extension', 'Продлить срок']);
    available.push(['forwarding', 'Переслать']);
  }
  // 59-FZ ст. 4 and ст. 8 ч. 7: the lead's executor says what kind it is; a complaint may go back.
  if (['assigned', 'accepted', 'forwarding'].includes(work.status) && work.role === 'lead') available.push(['law-kind', 'Вид обращения']);
  if (work.status === 'accepted' && work.role === 'lead' && lawKind === 'complaint') available.push(['return', 'Вернуть жалобу гражданину']);
  // 59-FZ ст. 12 ч. 1.1: the tags choose the deadline policy (migration-law: 20 days at the governor's level).
  if (taggable) available.push(['tags', 'Метки']);
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
      {open === 'extension' ? <ExtensionForm token={session.token} base={base} daysLeft={work.extension?.daysLeft ?? MAX_EXTENSION_DAYS} onDone={done} /> : null}
      {open === 'forwarding' ? <ForwardingForm token={session.token} base={base} onDone={done} /> : null}
      {open === 'law-kind' ? <LawKindForm token={session.token} base={base} onDone={done} /> : null}
      {open === 'return' ? <ReturnForm token={session.token} base={base} onDone={done} /> : null}
      {open === 'tags' ? <TagsForm token={session.token} base={base} current={tags} onDone={done} /> : null}
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

function ExtensionForm({ token, base, daysLeft, onDone }: { token: string; base: string; daysLeft: number; onDone: () => void }) {
  const [days, setDays] = useState('');
  const [justification, setJustification] = useState('');
  return (
    <ActionForm title="Запрос продления срока" schema={extensionRequestForm(daysLeft)} values={{ days, justification }} token={token} path={`${base}/extension-requests`} submitLabel="Запросить" onDone={onDone}>
      {(errors) => (
        <>
          <Field id="extension-days" label={`На сколько дней (не более ${daysLeft})`} error={errors.days}>
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

/** 59-FZ ст. 8 ч. 3-4: one body per line (copies to each), the whole appeal or only some questions. */
function ForwardingForm({ token, base, onDone }: { token: string; base: string; onDone: () => void }) {
  const [names, setNames] = useState('');
  const [address, setAddress] = useState('');
  const [partial, setPartial] = useState(false);
  const [why, setWhy] = useState('');
  const bodies = names.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
  // The address is the first body's: the covering letter of the others names its own.
  const authorities = bodies.map((name, index) => ({ name, ...(index === 0 && address.trim() ? { address } : {}) }));
  const values = { authorities, partial, why };
  return (
    <ActionForm title="Переслать в другой орган (ст. 8)" schema={WORK_FORMS.forwarding} values={values} token={token} path={`${base}/forwarding`} submitLabel="Начать пересылку" onDone={onDone}>
      {(errors) => (
        <>
          <Field id="forward-name" label="Органы, по одному в строке (копии каждому, ст. 8 ч. 4)" error={errors.authorities ?? errors['authorities.0.name'] ?? errors['authority.name']}>
            <textarea id="forward-name" rows={2} autoFocus value={names} onChange={(e) => setNames(e.target.value)} {...invalidProps('forward-name', errors.authorities ?? errors['authorities.0.name'])} />
          </Field>
          <Field id="forward-address" label="Адрес первого органа" error={errors['authorities.0.address']}>
            <input id="forward-address" value={address} onChange={(e) => setAddress(e.target.value)} {...invalidProps('forward-address', errors['authorities.0.address'])} />
          </Field>
          <label>
            <input type="checkbox" checked={partial} onChange={(e) => setPartial(e.target.checked)} /> Пересылается часть вопросов, на остальные отвечаем сами
          </label>
          <Field id="forward-why" label="Почему" error={errors.why}>
            <textarea id="forward-why" rows={2} value={why} onChange={(e) => setWhy(e.target.value)} {...invalidProps('forward-why', errors.why)} />
          </Field>
        </>
      )}
    </ActionForm>
  );
}

/** 59-FZ ст. 4: the kind, and for a complaint the unit or official it contests (never sent to them, ст. 8 ч. 6). */
function LawKindForm({ token, base, onDone }: { token: string; base: string; onDone: () => void }) {
  const [lawKind, setLawKind] = useState('complaint');
  const [unit, setUnit] = useState('');
  const [official, setOfficial] = useState('');
  const about = { ...(unit.trim() ? { unit: unit.trim() } : {}), ...(official.trim() ? { official } : {}) };
  const values = { lawKind, ...(lawKind === 'complaint' && Object.keys(about).length > 0 ? { complaintAbout: about } : {}) };
  return (
    <ActionForm title="Вид обращения (ст. 4)" schema={WORK_FORMS['law-kind']} values={values} token={token} path={`${base}/law-kind`} submitLabel="Сохранить" onDone={onDone}>
      {(errors) => (
        <>
          <Field id="law-kind" label="Вид" error={errors.lawKind}>
            <select id="law-kind" autoFocus value={lawKind} onChange={(e) => setLawKind(e.target.value)}>
              {Object.entries(LAW_KIND_NAMES).map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          </Field>
          {lawKind === 'complaint' ? (
            <>
              <Field id="complaint-unit" label="Жалоба на подразделение (код)" error={errors['complaintAbout.unit']}>
                <input id="complaint-unit" value={unit} onChange={(e) => setUnit(e.target.value)} {...invalidProps('complaint-unit', errors['complaintAbout.unit'])} />
              </Field>
              <Field id="complaint-official" label="Жалоба на должностное лицо (ФИО, должность)" error={errors['complaintAbout.official']}>
                <input id="complaint-official" value={official} onChange={(e) => setOfficial(e.target.value)} {...invalidProps('complaint-official', errors['complaintAbout.official'])} />
              </Field>
            </>
          ) : null}
        </>
      )}
    </ActionForm>
  );
}

/** 59-FZ ст. 8 ч. 7: the complaint goes back with the explanation; the citizen is told they may go to court. */
function ReturnForm({ token, base, onDone }: { token: string; base: string; onDone: () => void }) {
  const [why, setWhy] = useState('');
  return (
    <ActionForm title="Вернуть жалобу гражданину (ст. 8 ч. 7)" schema={WORK_FORMS['return-to-citizen']} values={why.trim() ? { why } : {}} token={token} path={`${base}/return-to-citizen`} submitLabel="Вернуть" onDone={onDone}>
      {(errors) => (
        <Field id="return-why" label="Почему её нельзя направить иному органу" error={errors.why}>
          <textarea id="return-why" rows={2} autoFocus value={why} onChange={(e) => setWhy(e.target.value)} {...invalidProps('return-why', errors.why)} />
        </Field>
      )}
    </ActionForm>
  );
}

/** 59-FZ ст. 12 ч. 1.1: the appeal's whole set of tags, which the deadline policies match. */
function TagsForm({ token, base, current, onDone }: { token: string; base: string; current: string[]; onDone: () => void }) {
  const [text, setText] = useState(current.join(', '));
  const [why, setWhy] = useState('');
  const tags = text.split(/[\s,]+/).filter((tag) => tag.length > 0);
  const values = { tags, ...(why.trim() ? { why } : {}) };
  const tagError = (errors: Record<string, string>) => errors.tags ?? Object.entries(errors).find(([field]) => field.startsWith('tags.'))?.[1];
  return (
    <ActionForm title="Метки обращения" schema={WORK_FORMS.tags} values={values} token={token} path={`${base}/tags`} submitLabel="Сохранить метки" onDone={onDone}>
      {(errors) => (
        <>
          <Field id="tags" label="Метки через запятую" hint="Строчные латинские буквы, цифры и дефис; migration-law — вопрос миграционного законодательства (ст. 12 ч. 1.1)" error={tagError(errors)}>
            <input id="tags" autoFocus value={text} onChange={(e) => setText(e.target.value)} {...invalidProps('tags', tagError(errors))} />
          </Field>
          <Field id="tags-why" label="Почему" error={errors.why}>
            <input id="tags-why" value={why} onChange={(e) => setWhy(e.target.value)} {...invalidProps('tags-why', errors.why)} />
          </Field>
        </>
      )}
    </ActionForm>
  );
}
