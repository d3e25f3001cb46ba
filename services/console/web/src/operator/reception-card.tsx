import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { fieldErrors, type FieldErrors } from '../../../src/domain/field-errors.js';
import { russianReason } from '../../../src/domain/suggestion-reason.js';
import { ReceptionCardForm } from '../../../src/forms/reception-card.js';
import { api, ApiError } from '../shared/api.js';
import { Field, invalidProps } from '../shared/form-field.js';
import { CHANNEL_NAMES, dateTime, newKey, statusName, topicName } from '../shared/format.js';
import type { Session } from '../shared/session.js';
import { useEarlierAppeals, type EarlierAppeal } from './use-earlier-appeals.js';
import { useSuggestions } from './use-suggestions.js';

interface Registration {
  appealId: string;
  registrationNumber: string;
  receivedAt: string;
  replayed: boolean;
  screening: { flag: string; reason: string }[];
  similarOpenAppeals: EarlierAppeal[];
  similarOpenAppealsIncomplete: boolean;
}

const EMPTY = { name: '', phone: '', email: '', postalAddress: '', problemAddress: '', text: '', answeredOnTheSpot: false, consent: false, oralAnswer: '' };

const SCREENING_NAMES: Record<string, string> = {
  anonymous: 'без имени или адреса для ответа',
  obscene: 'нецензурные выражения',
  threatening: 'угрозы',
  'no-question': 'нет вопроса по существу',
  repeat: 'повторное обращение',
};

/** The reception card of an oral appeal (59-FZ art. 13): keyboard only, from the name to the number. */
export function ReceptionCard({ session }: { session: Session }) {
  const [card, setCard] = useState(EMPTY);
  const [key, setKey] = useState(newKey);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState('');
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<Registration>();
  const nameInput = useRef<HTMLInputElement>(null);
  const { suggestions, state } = useSuggestions(session.token, card.text);
  const earlier = useEarlierAppeals(session.token, card);
  const best = suggestions[0];
  const similar = earlier.filter((appeal) => best !== undefined && appeal.topic === best.topic);

  const set = (field: keyof typeof EMPTY) => (value: string | boolean) => {
    setCard((current) => ({ ...current, [field]: value }));
    // An error goes once its field is edited; the card is checked again on submit.
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([path]) => !(ERROR_PATHS[field] ?? []).includes(path))));
    // A changed card is a new card: a retry keeps its key only while nothing changed.
    setKey(newKey());
  };

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (sending) return;
    const form = {
      idempotencyKey: key,
      citizen: { name: card.name, phone: card.phone, email: card.email, postalAddress: card.postalAddress },
      problemAddress: card.problemAddress,
      text: card.text,
      answeredOnTheSpot: card.answeredOnTheSpot,
      citizenConsentedToOralAnswer: card.consent,
      oralAnswer: card.answeredOnTheSpot ? card.oralAnswer : '',
    };
    const parsed = ReceptionCardForm.safeParse(form);
    if (!parsed.success) {
      const found = fieldErrors(parsed.error);
      setErrors(found);
      document.getElementById(FIELD_IDS[Object.keys(found)[0] ?? ''] ?? '')?.focus();
      return;
    }
    setErrors({});
    setFailure('');
    setSending(true);
    try {
      setDone(await api<Registration>(session.token, 'POST', '/api/desk/oral-appeals', form));
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(error.fields);
        setFailure(error.message);
      } else setFailure('Нет связи с сервером. Повторите: карточка не будет зарегистрирована дважды.');
    } finally {
      setSending(false);
    }
  }

  function next() {
    setCard(EMPTY);
    setKey(newKey());
    setDone(undefined);
  }

  useEffect(() => {
    if (!done) nameInput.current?.focus();
  }, [done]);

  if (done) return <Registered registration={done} onNext={next} />;

  const ctrlEnter = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit();
  };

  return (
    <div className="reception">
      <form className="card" onSubmit={(event) => void submit(event)} onKeyDown={ctrlEnter} noValidate aria-label="Карточка личного приёма">
        <h1>Устное обращение</h1>
        <fieldset>
          <legend>Гражданин</legend>
          <Field id="citizen-name" label="ФИО (фамилия первой)" error={errors['citizen.name']}>
            <input id="citizen-name" ref={nameInput} autoFocus autoComplete="off" value={card.name} onChange={(e) => set('name')(e.target.value)} {...invalidProps('citizen-name', errors['citizen.name'])} />
          </Field>
          <div className="row">
            <Field id="citizen-phone" label="Телефон" error={errors['citizen.phone']}>
              <input id="citizen-phone" type="tel" autoComplete="off" value={card.phone} onChange={(e) => set('phone')(e.target.value)} {...invalidProps('citizen-phone', errors['citizen.phone'])} />
            </Field>
            <Field id="citizen-email" label="Эл. почта" error={errors['citizen.email']}>
              <input id="citizen-email" type="email" autoComplete="off" value={card.email} onChange={(e) => set('email')(e.target.value)} {...invalidProps('citizen-email', errors['citizen.email'])} />
            </Field>
          </div>
          <Field id="citizen-postal" label="Почтовый адрес для ответа" error={errors['citizen.postalAddress']}>
            <input id="citizen-postal" autoComplete="off" value={card.postalAddress} onChange={(e) => set('postalAddress')(e.target.value)} {...invalidProps('citizen-postal', errors['citizen.postalAddress'])} />
          </Field>
        </fieldset>
        {similar.length > 0 ? <SimilarWarning appeals={similar} /> : null}
        <Field id="problem-address" label="Адрес проблемы" error={errors.problemAddress}>
          <input id="problem-address" autoComplete="off" value={card.problemAddress} onChange={(e) => set('problemAddress')(e.target.value)} {...invalidProps('problem-address', errors.problemAddress)} />
        </Field>
        <Field id="appeal-text" label="Суть обращения" error={errors.text} hint="Ctrl+Enter — зарегистрировать">
          <textarea id="appeal-text" rows={6} value={card.text} onChange={(e) => set('text')(e.target.value)} {...invalidProps('appeal-text', errors.text)} />
        </Field>
        <div className="checks">
          <label>
            <input id="answered-on-spot" type="checkbox" checked={card.answeredOnTheSpot} onChange={(e) => set('answeredOnTheSpot')(e.target.checked)} /> Ответ дан на месте
          </label>
          {card.answeredOnTheSpot ? (
            <>
              <label>
                <input id="consent" type="checkbox" checked={card.consent} onChange={(e) => set('consent')(e.target.checked)} {...invalidProps('consent', errors.citizenConsentedToOralAnswer)} /> Гражданин согласен на устный ответ
              </label>
              {errors.citizenConsentedToOralAnswer ? <div className="field__error" id="consent-error" role="alert">{errors.citizenConsentedToOralAnswer}</div> : null}
              <Field id="oral-answer" label="Ответ, данный на месте" error={errors.oralAnswer}>
                <textarea id="oral-answer" rows={3} value={card.oralAnswer} onChange={(e) => set('oralAnswer')(e.target.value)} {...invalidProps('oral-answer', errors.oralAnswer)} />
              </Field>
            </>
          ) : null}
        </div>
        {failure ? <div className="banner banner--error" role="alert">{failure}</div> : null}
        <button type="submit" className="primary" disabled={sending}>
          {sending ? 'Регистрация…' : 'Зарегистрировать'} <kbd>Ctrl+Enter</kbd>
        </button>
      </form>
      <aside className="suggestions" aria-live="polite" aria-label="Подсказка темы и подразделения">
        <h2>Тема и подразделение</h2>
        {state === 'unavailable' ? <p className="muted">Подсказка недоступна, маршрутизатор не ответил.</p> : null}
        {suggestions.length === 0 && state !== 'unavailable' ? <p className="muted">Подсказка появится, пока вы печатаете суть обращения.</p> : null}
        {suggestions.length > 1 ? <p className="muted">Несколько тем равновероятны: обращение уйдёт на ручную маршрутизацию.</p> : null}
        <ul>
          {suggestions.map((suggestion) => (
            <li key={suggestion.topic} className="suggestion" data-testid="suggestion">
              <strong>{suggestion.topicName}</strong>
              <span> → {suggestion.unit ?? 'подразделение не задано'}</span>
              {suggestion.confidence !== undefined ? <span className="muted"> ({Math.round(suggestion.confidence * 100)}%)</span> : null}
              <div className="reason">Почему: {russianReason(suggestion.reason)}</div>
            </li>
          ))}
        </ul>
        {earlier.length > 0 ? (
          <>
            <h2>Открытые обращения гражданина</h2>
            <ul>
              {earlier.map((appeal) => (
                <li key={appeal.appealId}>
                  {appeal.registrationNumber} · {topicName(appeal.topic)} · {statusName(appeal.status)}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </aside>
    </div>
  );
}

/** The error paths each input answers for. */
const ERROR_PATHS: Partial<Record<keyof typeof EMPTY, string[]>> = {
  name: ['citizen.name'],
  phone: ['citizen.phone'],
  email: ['citizen.email'],
  postalAddress: ['citizen.postalAddress'],
  problemAddress: ['problemAddress'],
  text: ['text'],
  answeredOnTheSpot: ['citizenConsentedToOralAnswer', 'oralAnswer'],
  consent: ['citizenConsentedToOralAnswer'],
  oralAnswer: ['oralAnswer'],
};

/** Where focus goes for the first field at fault. */
const FIELD_IDS: Record<string, string> = {
  'citizen.name': 'citizen-name',
  'citizen.phone': 'citizen-phone',
  'citizen.email': 'citizen-email',
  'citizen.postalAddress': 'citizen-postal',
  problemAddress: 'problem-address',
  text: 'appeal-text',
  citizenConsentedToOralAnswer: 'consent',
  oralAnswer: 'oral-answer',
};

function SimilarWarning({ appeals }: { appeals: EarlierAppeal[] }) {
  return (
    <div className="banner banner--warning" role="status" data-testid="similar-warning">
      У гражданина уже есть открытое обращение по похожему вопросу:{' '}
      {appeals.map((appeal, i) => (
        <span key={appeal.appealId}>
          {i > 0 ? ', ' : ''}
          <a href={`#/appeal/${appeal.appealId}`}>{appeal.registrationNumber}</a> ({topicName(appeal.topic)}, {statusName(appeal.status)}, {CHANNEL_NAMES[appeal.channel] ?? appeal.channel})
        </span>
      ))}
    </div>
  );
}

function Registered({ registration, onNext }: { registration: Registration; onNext: () => void }) {
  return (
    <section className="registered" aria-live="assertive">
      <p>Обращение зарегистрировано {dateTime(registration.receivedAt)}{registration.replayed ? ' (повтор той же карточки)' : ''}. Номер для гражданина:</p>
      <output className="registration-number" data-testid="registration-number">
        {registration.registrationNumber}
      </output>
      {registration.similarOpenAppeals.length > 0 ? <SimilarWarning appeals={registration.similarOpenAppeals} /> : null}
      {registration.similarOpenAppealsIncomplete ? <p className="muted">Прежние обращения проверены не полностью: сервис не ответил вовремя.</p> : null}
      {registration.screening.length > 0 ? (
        <div className="banner banner--info">
          Предварительная проверка (ст. 11), решение за вами: {registration.screening.map((finding) => SCREENING_NAMES[finding.flag] ?? finding.flag).join(', ')}
        </div>
      ) : null}
      <button type="button" className="primary" autoFocus onClick={onNext}>
        Новая карточка <kbd>Enter</kbd>
      </button>
    </section>
  );
}
