import { useEffect, useState } from 'react';
import { RoutingPrecision } from './admin/routing-precision.js';
import { AppealCard } from './executor/appeal-card.js';
import { Inbox } from './executor/inbox.js';
import { ReceptionCard } from './operator/reception-card.js';
import { TriageQueue } from './operator/triage-queue.js';
import { showTimesIn } from './shared/format.js';
import { ROLE_NAMES, saveSession, savedSession, type Session } from './shared/session.js';
import { SignIn } from './sign-in.js';
import { AppealSearch } from './supervisor/appeal-search.js';
import { SupervisorBoard } from './supervisor/supervisor-board.js';

type Screen = { name: 'reception' } | { name: 'triage' } | { name: 'inbox' } | { name: 'board' } | { name: 'precision' } | { name: 'search' } | { name: 'appeal'; unit?: string; appealId: string };

/** Screens of each role, the first one its home. */
const SCREENS: Record<Session['role'], { name: Screen['name']; label: string }[]> = {
  'intake-operator': [
    { name: 'reception', label: 'Приём обращения' },
    { name: 'triage', label: 'Ручная маршрутизация' },
  ],
  executor: [
    { name: 'inbox', label: 'Входящие' },
    { name: 'search', label: 'Поиск' },
  ],
  supervisor: [
    { name: 'board', label: 'Контроль сроков' },
    { name: 'inbox', label: 'Задачи подразделения' },
    { name: 'triage', label: 'Ручная маршрутизация' },
    { name: 'search', label: 'Поиск' },
  ],
  administrator: [
    { name: 'reception', label: 'Приём обращения' },
    { name: 'board', label: 'Контроль сроков' },
    { name: 'precision', label: 'Точность маршрутизации' },
    { name: 'search', label: 'Поиск' },
  ],
};

function screenOf(hash: string, session: Session): Screen {
  const [name, first, second] = hash.replace(/^#\/?/, '').split('/');
  if (name === 'appeal' && first) return second ? { name: 'appeal', unit: first || undefined, appealId: second } : { name: 'appeal', appealId: first };
  const allowed = SCREENS[session.role];
  return { name: allowed.find((screen) => screen.name === name)?.name ?? allowed[0]?.name ?? 'reception' } as Screen;
}

export function App() {
  const [session, setSession] = useState(savedSession);
  const [hash, setHash] = useState(location.hash);
  const [, setCityZone] = useState<string>();
  useEffect(() => {
    // Rendered again once known, so every time on the screen is in the city's zone.
    void fetch('/api/console/settings')
      .then((response) => (response.ok ? (response.json() as Promise<{ cityTimeZone: string }>) : undefined))
      .then((settings) => {
        if (settings === undefined) return;
        showTimesIn(settings.cityTimeZone);
        setCityZone(settings.cityTimeZone);
      }, () => undefined);
  }, []);
  useEffect(() => {
    const onHash = () => setHash(location.hash);
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  if (!session)
    return (
      <main>
        <SignIn
          onSignedIn={(signedIn) => {
            saveSession(signedIn);
            setSession(signedIn);
          }}
        />
      </main>
    );
  const screen = screenOf(hash, session);
  return (
    <>
      <nav className="top">
        <span className="brand">Приёмная</span>
        {SCREENS[session.role].map((entry) => (
          <a key={entry.name} href={`#/${entry.name}`} aria-current={screen.name === entry.name ? 'page' : undefined}>
            {entry.label}
          </a>
        ))}
        <span className="who">
          {ROLE_NAMES[session.role]} {session.staffId}
          {session.units.length > 0 ? ` · ${session.units.join(', ')}` : ''}
        </span>
        <button
          type="button"
          onClick={() => {
            saveSession(undefined);
            setSession(undefined);
          }}
        >
          Выйти
        </button>
      </nav>
      <main>
        {screen.name === 'reception' ? <ReceptionCard session={session} /> : null}
        {screen.name === 'triage' ? <TriageQueue session={session} /> : null}
        {screen.name === 'inbox' ? <Inbox session={session} /> : null}
        {screen.name === 'board' ? <SupervisorBoard session={session} /> : null}
        {screen.name === 'precision' ? <RoutingPrecision session={session} /> : null}
        {screen.name === 'search' ? <AppealSearch session={session} /> : null}
        {screen.name === 'appeal' ? <AppealCard key={screen.appealId} session={session} appealId={screen.appealId} unit={screen.unit} /> : null}
      </main>
    </>
  );
}
