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

/** The citizen's earlier appeals still open, looked up once the name or a contact is typed. */
export function useEarlierAppeals(token: string, citizen: { name: string; phone: string; email: string }) {
  const [open, setOpen] = useState<EarlierAppeal[]>([]);
  const asked = useRef(0);
  const { name, phone, email } = citizen;
  useEffect(() => {
    const lookup = CitizenLookupForm.safeParse({ name, phone, email });
    const draft = ++asked.current;
    // A name finds appeals only with surname and first name.
    if (!lookup.success || (phone.trim() === '' && email.trim() === '' && name.trim().split(/\s+/).length < 2)) {
      setOpen([]);
      return;
    }
    const timer = setTimeout(() => {
      api<{ appeals: EarlierAppeal[] }>(token, 'POST', '/api/desk/citizen-appeals', lookup.data).then(
        (answer) => {
          if (draft === asked.current) setOpen(answer.appeals.filter((appeal) => !FINISHED.has(appeal.status ?? '')));
        },
        () => {},
      );
    }, PAUSE_MS);
    return () => clearTimeout(timer);
  }, [token, name, phone, email]);
  return open;
}
