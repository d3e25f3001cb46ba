import { ROUTING_TOPICS, UnitCode } from '@priemnaya/contracts';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../shared/api.js';
import { CHANNEL_NAMES, dateTime, LAW_KIND_NAMES, topicName } from '../shared/format.js';
import type { Session } from '../shared/session.js';

interface TriageEntry {
  appealId: string;
  registrationNumber: string;
  receivedAt: string;
  channel: string;
  text: string;
  reason: { kind: string };
  suggestions: { topic: string; confidence: number }[];
  handBack?: { by: string; unit: string; reason: string };
  /** 59-FZ ст. 4, as decided so far. */
  lawKind?: string;
  complaintAbout?: { unit?: string; official?: string };
}
interface Option {
  topic: string;
  unit?: string;
  confidence?: number;
}

const REASONS: Record<string, string> = {
  ambiguous: 'несколько тем равновероятны',
  'no-unit-for-topic': 'для темы нет подразделения',
  'rule-model-disagreement': 'правило и модель разошлись',
  'below-threshold': 'модель не уверена',
  'precision-guard': 'тема приостановлена: точность модели по ней ниже цели',
  'no-rule-matched': 'не к чему привязаться',
  'complaint-addressee': 'жалоба на подразделение, куда её направили бы (ст. 8 ч. 6 59-ФЗ): выберите другое',
};

/** Appeals the router was not sure about: each decided with one choice of topic and unit. */
export function TriageQueue({ session }: { session: Session }) {
  const [entries, setEntries] = useState<TriageEntry[]>();
  const [failure, setFailure] = useState('');
  const load = useCallback(() => {
    api<{ entries: TriageEntry[] }>(session.token, 'GET', '/api/router/v1/triage?limit=50').then(
      (answer) => setEntries(answer.entries),
      (error: unknown) => setFailure(error instanceof Error ? error.message : 'Очередь недоступна'),
    );
  }, [session.token]);
  useEffect(() => {
    load();
    const timer = setInterval(load, 10_000);
    return () => clearInterval(timer);
  }, [load]);

  return (
    <section>
      <h1>Ручная маршрутизация</h1>
      {failure ? <div className="banner banner--error">{failure}</div> : null}
      {entries?.length === 0 ? <p className="muted">Очередь пуста.</p> : null}
      {entries?.map((entry) => <TriageItem key={entry.appealId} entry={entry} token={session.token} onDecided={load} />)}
    </section>
  );
}

function TriageItem({ entry, token, onDecided }: { entry: TriageEntry; token: string; onDecided: () => void }) {
  const [options, setOptions] = useState<Option[]>(entry.suggestions.map(({ topic, confidence }) => ({ topic, confidence })));
  const [other, setOther] = useState({ topic: 'other', unit: '' });
  // 59-FZ ст. 4: the operator may decide the kind with the routing; empty leaves it as it is.
  const [lawKind, setLawKind] = useState(entry.lawKind ?? '');
  const [complaintUnit, setComplaintUnit] = useState(entry.complaintAbout?.unit ?? '');
  const [error, setError] = useState('');
  // The router's suggestion for the same text names the unit of each topic it leans to.
  useEffect(() => {
    api<{ suggestions: Option[] }>(token, 'POST', '/api/router/v1/suggestions', { text: entry.text, channel: entry.channel }).then(
      (answer) => {
        if (answer.suggestions.length > 0) setOptions(answer.suggestions);
      },
      () => {},
    );
  }, [token, entry.text, entry.channel]);

  async function decide(topic: string, unit: string | undefined) {
    const valid = UnitCode.safeParse(unit);
    if (!valid.success) {
      setError('Укажите код подразделения: латиница, цифры, дефис');
      return;
    }
    try {
      const about = lawKind === 'complaint' && complaintUnit.trim() ? { complaintAbout: { ...entry.complaintAbout, unit: complaintUnit.trim() } } : {};
      const kind = lawKind !== '' && lawKind !== entry.lawKind ? { lawKind, ...about } : {};
      await api(token, 'POST', `/api/router/v1/triage/${entry.appealId}/decision`, { topic, unit: valid.data, ...kind });
      onDecided();
    } catch (failure) {
      setError(failure instanceof ApiError ? (failure.fields.unit ?? failure.message) : 'Нет связи с сервером');
    }
  }

  return (
    <article className="triage" data-testid="triage-entry">
      <header>
        <strong>{entry.registrationNumber}</strong> · {dateTime(entry.receivedAt)} · {CHANNEL_NAMES[entry.channel] ?? entry.channel} ·{' '}
        <span className="muted">{REASONS[entry.reason.kind] ?? entry.reason.kind}</span>
      </header>
      {entry.handBack ? <p className="banner banner--info">Возвращено подразделением {entry.handBack.unit}: {entry.handBack.reason}</p> : null}
      <p className="appeal-text">{entry.text}</p>
      <div className="choices" role="group" aria-label="Вид обращения (ст. 4)">
        <select aria-label="Вид обращения" value={lawKind} onChange={(e) => setLawKind(e.target.value)}>
          <option value="">вид: не менять</option>
          {Object.entries(LAW_KIND_NAMES).map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
        {lawKind === 'complaint' ? (
          <input aria-label="Жалоба на подразделение" placeholder="жалоба на подразделение (код)" value={complaintUnit} onChange={(e) => setComplaintUnit(e.target.value)} />
        ) : null}
      </div>
      <div className="choices" role="group" aria-label="Решение">
        {options.map((option) => (
          <button key={option.topic} type="button" disabled={option.unit === undefined} onClick={() => void decide(option.topic, option.unit)}>
            {topicName(option.topic)} → {option.unit ?? 'нет подразделения'}
            {option.confidence !== undefined ? ` (${Math.round(option.confidence * 100)}%)` : ''}
          </button>
        ))}
        <span className="other">
          <select aria-label="Другая тема" value={other.topic} onChange={(e) => setOther({ ...other, topic: e.target.value })}>
            {ROUTING_TOPICS.map((topic) => (
              <option key={topic.code} value={topic.code}>
                {topic.name}
              </option>
            ))}
          </select>
          <input aria-label="Код подразделения" placeholder="код подразделения" value={other.unit} onChange={(e) => setOther({ ...other, unit: e.target.value })} />
          <button type="button" onClick={() => void decide(other.topic, other.unit)}>
            Направить
          </button>
        </span>
      </div>
      {error ? <div className="field__error" role="alert">{error}</div> : null}
    </article>
  );
}
