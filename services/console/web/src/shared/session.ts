/** The signed-in person, as the staff token says (the services verify it; the console only reads it). */
export interface Session {
  token: string;
  staffId: string;
  role: 'intake-operator' | 'executor' | 'supervisor' | 'administrator';
  units: string[];
}

const KEY = 'priemnaya.console.token';

/** The token's claims, unverified: enough to choose the screens; every call is checked by its service. */
export function sessionOf(token: string): Session | undefined {
  const payload = token.trim().split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
    const role = claims.role;
    if (role !== 'intake-operator' && role !== 'executor' && role !== 'supervisor' && role !== 'administrator') return undefined;
    const units = Array.isArray(claims.units) ? claims.units.filter((u): u is string => typeof u === 'string') : [];
    return { token: token.trim(), staffId: typeof claims.sub === 'string' ? claims.sub : '', role, units };
  } catch {
    return undefined;
  }
}

/** Kept for the browser tab only: closing the tab signs out. */
export function savedSession(): Session | undefined {
  const token = sessionStorage.getItem(KEY);
  return token ? sessionOf(token) : undefined;
}

export function saveSession(session: Session | undefined): void {
  if (session) sessionStorage.setItem(KEY, session.token);
  else sessionStorage.removeItem(KEY);
}

export const ROLE_NAMES: Record<Session['role'], string> = {
  'intake-operator': 'Оператор приёма',
  executor: 'Исполнитель',
  supervisor: 'Руководитель',
  administrator: 'Администратор',
};
