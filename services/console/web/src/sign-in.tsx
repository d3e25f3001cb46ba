import { useState, type FormEvent } from 'react';
import { Field, invalidProps } from './shared/form-field.js';
import { sessionOf, type Session } from './shared/session.js';

/** Sign-in with a staff token (`./scripts/dev token <role> [units]` issues one locally). */
export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  function submit(event: FormEvent) {
    event.preventDefault();
    const session = sessionOf(token);
    if (!session) {
      setError(token.trim() === '' ? 'Вставьте пропуск сотрудника' : 'Это не пропуск сотрудника: роль не распознана');
      return;
    }
    onSignedIn(session);
  }
  return (
    <form className="card sign-in" onSubmit={submit} noValidate aria-label="Вход">
      <h1>Приёмная: вход для сотрудников</h1>
      <Field id="staff-token" label="Пропуск сотрудника (токен)" error={error} hint="Выдаётся администратором; локально: ./scripts/dev token <роль> [подразделения]">
        <input id="staff-token" autoFocus autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} {...invalidProps('staff-token', error)} />
      </Field>
      <button type="submit" className="primary">
        Войти
      </button>
    </form>
  );
}
