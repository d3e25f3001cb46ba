import { useEffect, useRef, useState } from 'react';
import { CitizenLookupForm } from '../../../src/forms/reception-card.js';
import { api } from '../shared/api.js';

export interface EarlierAppeal {
  appealId: string;
  registrationNumber: string;
  channel: string;
  receivedAt: string;
  status?: string;
  topic?: string;
  unit?: string;
}

const FINISHED = new Set(['answered', 'closed', 'forwarded']);
const PAUSE_MS = 500;
/** A look-up that failed, or came back without every status, is asked again this often, a few times. */
const RETRY_MS = 3_000;
const ATTEMPTS = 5;

/** The citizen's earlier appeals still open, looked up once the name or a contact is typed. */
export function useEarlierAppeals(token: string, citizen: { name: string; phone: string; email: string }) {
  const [open, setOpen] = useState<EarlierAppeal[]>([]);
  const [attempt, setAttempt] = useState(0);
  const asked = useRef(0);
  const { name, phone, email } = citizen;
  // A changed citizen starts the attempts over.
  useEffect(() => setAttempt(0), [name, phone, email]);
  useEffect(() => {
    const lookup = CitizenLookupForm.safeParse({ name, phone, email });
    const draft = ++asked.current;
    // A name finds appeals only with surname and first name.
    if (!lookup.success || (phone.trim() === '' && email.trim() === '' && name.trim().split(/\s+/).length < 2)) {
      setOpen([]);
      return;
    }
    let retry: ReturnType<typeof setTimeout> | undefined;
    const again = () => {
      if (draft === asked.current && attempt + 1 < ATTEMPTS) retry = setTimeout(() => setAttempt(attempt + 1), RETRY_MS);
    };
    const timer = setTimeout(() => {
      api<{ appeals: EarlierAppeal[]; statusesIncomplete?: boolean }>(token, 'POST', '/api/desk/citizen-appeals', lookup.data).then(
        (answer) => {
          if (draft !== asked.current) return;
          setOpen(answer.appeals.filter((appeal) => !FINISHED.has(appeal.status ?? '')));
          if (answer.statusesIncomplete) again();
        },
        again,
      );
    }, attempt === 0 ? PAUSE_MS : 0);
    return () => {
      clearTimeout(timer);
      clearTimeout(retry);
    };
  }, [token, name, phone, email, attempt]);
  return open;
}
