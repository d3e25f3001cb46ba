import { useState, type FormEvent } from 'react';
import { fieldErrors, type FieldErrors } from '../../../src/domain/field-errors.js';
import { AppealSearchForm, searchQueryOf } from '../../../src/forms/appeal-search.js';
import { api, ApiError } from '../shared/api.js';
import { Field, invalidProps } from '../shared/form-field.js';
import { dateTime, LAW_KIND_NAMES, lawKindName, STATUS_NAMES, statusName } from '../shared/format.js';
import type { Session } from '../shared/session.js';

interface FoundAppeal {
  id: string;
  registrationNumber: string;
  receivedAt: string;
  status?: string;
  unit?: string;
  lawKind?: string;
  lawKindSuggested?: true;
  complaintUnit?: string;
}

/** A staff search over the registry, by number, unit, status and the kind in the law's sense (59-FZ ст. 4). */
export function AppealSearch({ session }: { session: Session }) {
  const [values, setValues] = useState({ registrationNumber: '', unit: '', status: '', lawKind: '', complaintUnit: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState('');
  const [found, setFound] = useState<FoundAppeal[]>();
  const set = (name: keyof typeof values) => (value: string) => setValues({ ...values, [name]: value });
  async function search(event: FormEvent) {
    event.preventDefault();
    const parsed = AppealSearchForm.safeParse(values);
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setErrors({});
    try {
      const answer = await api<{ appeals: FoundAppeal[] }>(session.token, 'GET', `/api/registry/v1/staff/appeals?${searchQueryOf(parsed.data)}`);
      setFound(answer.appeals);
      setFailure('');
    } catch (error) {
      if (error instanceof ApiError) setErrors(error.fields);
      setFailure(error instanceof Error ? error.message : 'Нет связи с сервером');
    }
  }
  return (
    <section className="card">
      <h1>Поиск обращений</h1>
      <form className="action" aria-label="Поиск обращений" noValidate onSubmit={(event) => void search(event)}>
        <Field id="search-number" label="Рег. номер" error={errors.registrationNumber}>
          <input id="search-number" autoFocus value={values.registrationNumber} onChange={(e) => set('registrationNumber')(e.target.value)} {...invalidProps('search-number', errors.registrationNumber)} />
        </Field>
        <Field id="search-unit" label="Подразделение" error={errors.unit}>
          <input id="search-unit" value={values.unit} onChange={(e) => set('unit')(e.target.value)} {...invalidProps('search-unit', errors.unit)} />
        </Field>
        <Field id="search-status" label="Статус" error={errors.status}>
          <select id="search-status" value={values.status} onChange={(e) => set('status')(e.target.value)}>
            <option value="">любой</option>
            {['received', 'triage', 'routed', 'accepted', 'forwarding', 'forwarded', 'answered', 'closed'].map((status) => (
              <option key={status} value={status}>{STATUS_NAMES[status]}</option>
            ))}
          </select>
        </Field>
        <Field id="search-law-kind" label="Вид (ст. 4)" error={errors.lawKind}>
          <select id="search-law-kind" value={values.lawKind} onChange={(e) => set('lawKind')(e.target.value)}>
            <option value="">любой</option>
            {Object.entries(LAW_KIND_NAMES).map(([code, name]) => (
              <option key={code} value={code}>{name}</option>
            ))}
          </select>
        </Field>
        <Field id="search-complaint-unit" label="Жалобы на подразделение" error={errors.complaintUnit}>
          <input id="search-complaint-unit" value={values.complaintUnit} onChange={(e) => set('complaintUnit')(e.target.value)} {...invalidProps('search-complaint-unit', errors.complaintUnit)} />
        </Field>
        <button type="submit" className="primary">Найти</button>
      </form>
      {failure ? <div className="banner banner--error">{failure}</div> : null}
      {found ? (
        <ul className="list" data-testid="search-results">
          {found.length === 0 ? <li className="muted">Ничего не найдено</li> : null}
          {found.map((appeal) => (
            <li key={appeal.id}>
              <a href={appeal.unit ? `#/appeal/${appeal.unit}/${appeal.id}` : `#/appeal/${appeal.id}`}>{appeal.registrationNumber}</a> · {dateTime(appeal.receivedAt)} · {statusName(appeal.status)} · {appeal.unit ?? '—'} ·{' '}
              {lawKindName(appeal.lawKind)}
              {appeal.lawKindSuggested ? ' (предложено)' : ''}
              {appeal.complaintUnit ? ` на ${appeal.complaintUnit}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
