import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { fieldErrors, type FieldErrors } from '../../../src/domain/field-errors.js';
import { russianReason } from '../../../src/domain/suggestion-reason.js';
import { IDENTITY_DOCUMENT_NAMES, maskedSeriesNumber } from '../../../src/domain/identity-document.js';
import { HotlineCallForm, ReceptionCardForm } from '../../../src/forms/reception-card.js';
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

const EMPTY = {
  name: '', phone: '', email: '', postalAddress: '', problemAddress: '', text: '', answeredOnTheSpot: false, consent: false, oralAnswer: '',
  officialId: '', officialName: '', officialPosition: '', documentKind: 'passport-rf', documentNumber: '',
};

/** What the card recorded, shown once it is registered: the number masked (59-ФЗ ст. 13 ч. 2). */
interface CardFacts {
  official: string;
  document: string;
  consent: boolean;
}

const SCREENING_NAMES: Record<string, string> = {
  anonymous: 'без фамилии или адреса для ответа (ч. 1)',
  'crime-report': 'сообщение о противоправном деянии: направить по компетенции (ч. 1)',
  'court-decision': 'обжалуется решение суда: вернуть с разъяснением в 7 дней (ч. 2)',
  obscene: 'нецензурные выражения (ч. 3)',
  threatening: 'угрозы (ч. 3)',
  unreadable: 'текст не поддаётся прочтению (ч. 4)',
  'no-question': 'суть обращения не установить (ч. 4.1)',
  repeat: 'тот же вопрос, неоднократно отвеченный по существу, без новых доводов (ч. 5)',
  'answer-published': 'ответ размещён на сайте (ч. 5.1)',
  'state-secret': 'ответ раскрыл бы государственную тайну (ч. 6)',
};

/** The reception card of an oral appeal (59-FZ art. 13): keyboard only, from the name to the number. */
export function ReceptionCard({ session }: { session: Session }) {
  const [card, setCard] = useState(EMPTY);
  const [key, setKey] = useState(newKey);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState('');
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<Registration>();
  const [facts, setFacts] = useState<CardFacts>();
  // The hotline is not a personal reception: no card, no identity document, no answer on the spot.
  const [hotline, setHotline] = useState(false);
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
    const call = {
      idempotencyKey: key,
      citizen: { name: card.name, phone: card.phone, email: card.email, postalAddress: card.postalAddress },
      problemAddress: card.problemAddress,
      text: card.text,
    };
    const form = hotline ? call : {
      ...call,
      answeredOnTheSpot: card.answeredOnTheSpot,
      citizenConsentedToOralAnswer: card.consent,
      oralAnswer: card.answeredOnTheSpot ? card.oralAnswer : '',
      conductedBy: { staffId: card.officialId, name: card.officialName, position: card.officialPosition },
      identityDocument: { kind: card.documentKind, seriesNumber: card.documentNumber },
    };
    const asCard = hotline ? undefined : ReceptionCardForm.safeParse(form);
    const parsed = asCard ?? HotlineCallForm.safeParse(form);
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
      setDone(await api<Registration>(session.token, 'POST', hotline ? '/api/desk/hotline-calls' : '/api/desk/oral-appeals', form));
      setFacts(asCard?.success ? factsOf(asCard.data) : undefined);
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
    // The same official goes on receiving: only the citizen's part of the card starts empty.
    setCard((current) => ({ ...EMPTY, officialId: current.officialId, officialName: current.officialName, officialPosition: current.officialPosition }));
    setKey(newKey());
    setDone(undefined);
  }

  useEffect(() => {
    if (!done) nameInput.current?.focus();
  }, [done]);

  if (done) return <Registered registration={done} facts={facts} onNext={next} />;

  const ctrlEnter = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit();
  };

  return (
    <div className="reception">
      <form className="card" onSubmit={(event) => void submit(event)} onKeyDown={ctrlEnter} noValidate aria-label="Карточка личного приёма">
        <h1>Устное обращение</h1>
        <label className="checks">
          <input id="hotline" type="checkbox" checked={hotline} onChange={(e) => { setHotline(e.target.checked); setErrors({}); setKey(newKey()); }} /> Звонок на горячую линию (не личный приём: без карточки и документа)
        </label>
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
        {hotline ? null : (
          <>
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
            <fieldset>
              <legend>Документ, удостоверяющий личность (ст. 13 ч. 2)</legend>
              <div className="row">
                <Field id="document-kind" label="Документ" error={errors['identityDocument.kind']}>
                  <select id="document-kind" value={card.documentKind} onChange={(e) => set('documentKind')(e.target.value)} {...invalidProps('document-kind', errors['identityDocument.kind'])}>
                    {Object.entries(IDENTITY_DOCUMENT_NAMES).map(([kind, name]) => (
                      <option key={kind} value={kind}>
                        {name}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field id="document-number" label="Серия и номер" error={errors['identityDocument.seriesNumber']}>
                  <input id="document-number" autoComplete="off" value={card.documentNumber} onChange={(e) => set('documentNumber')(e.target.value)} {...invalidProps('document-number', errors['identityDocument.seriesNumber'])} />
                </Field>
              </div>
            </fieldset>
            <fieldset>
              <legend>Приём ведёт</legend>
              <div className="row">
                <Field id="official-name" label="ФИО должностного лица" error={errors['conductedBy.name']}>
                  <input id="official-name" autoComplete="off" value={card.officialName} onChange={(e) => set('officialName')(e.target.value)} {...invalidProps('official-name', errors['conductedBy.name'])} />
                </Field>
                <Field id="official-position" label="Должность" error={errors['conductedBy.position']}>
                  <input id="official-position" autoComplete="off" value={card.officialPosition} onChange={(e) => set('officialPosition')(e.target.value)} {...invalidProps('official-position', errors['conductedBy.position'])} />
                </Field>
                <Field id="official-id" label="Табельный номер" error={errors['conductedBy.staffId']}>
                  <input id="official-id" autoComplete="off" value={card.officialId} onChange={(e) => set('officialId')(e.target.value)} {...invalidProps('official-id', errors['conductedBy.staffId'])} />
                </Field>
              </div>
            </fieldset>
          </>
        )}
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

function factsOf(card: ReceptionCardForm): CardFacts {
  return {
    official: `${card.conductedBy.name}, ${card.conductedBy.position}`,
    document: `${IDENTITY_DOCUMENT_NAMES[card.identityDocument.kind]} ${maskedSeriesNumber(card.identityDocument.seriesNumber)}`,
    consent: card.citizenConsentedToOralAnswer,
  };
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
  documentKind: ['identityDocument', 'identityDocument.kind', 'identityDocument.seriesNumber'],
  documentNumber: ['identityDocument', 'identityDocument.seriesNumber'],
  officialId: ['conductedBy', 'conductedBy.staffId'],
  officialName: ['conductedBy', 'conductedBy.name'],
  officialPosition: ['conductedBy', 'conductedBy.position'],
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
  identityDocument: 'document-number',
  'identityDocument.kind': 'document-kind',
  'identityDocument.seriesNumber': 'document-number',
  conductedBy: 'official-name',
  'conductedBy.staffId': 'official-id',
  'conductedBy.name': 'official-name',
  'conductedBy.position': 'official-position',
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

function Registered({ registration, facts, onNext }: { registration: Registration; facts: CardFacts | undefined; onNext: () => void }) {
  return (
    <section className="registered" aria-live="assertive">
      <p>Обращение зарегистрировано {dateTime(registration.receivedAt)}{registration.replayed ? ' (повтор той же карточки)' : ''}. Номер для гражданина:</p>
      <output className="registration-number" data-testid="registration-number">
        {registration.registrationNumber}
      </output>
      {facts ? (
        <dl className="card-facts" data-testid="card-facts">
          <dt>Приём провёл</dt>
          <dd>{facts.official}</dd>
          <dt>Документ</dt>
          <dd>{facts.document}</dd>
          <dt>Согласие на устный ответ (ст. 13 ч. 3)</dt>
          <dd>{facts.consent ? 'да' : 'нет'}</dd>
        </dl>
      ) : null}
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
