import { ValidationError } from '@priemnaya/errors';
import type { z } from 'zod';

/** The outcome of checking administrator-supplied data: the value, or every reason it was refused. */
export type Checked<T> = { ok: true; value: T } | { ok: false; reasons: string[] };

/** `transfers[2].to` from zod's path, so a reason points at the field an administrator edits. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text === '' ? '(root)' : text;
}

export function reasonsOf(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}

/**
 * Refused deadline data (calendar or policies). Never retriable: the same file stays wrong until
 * an administrator edits it; the reasons name the field and the date.
 */
export class DeadlineDataError extends ValidationError {
  constructor(
    what: string,
    readonly reasons: readonly string[],
  ) {
    super(`${what} refused: ${reasons.join('; ')}`, reasons[0]?.split(':')[0] ?? what);
  }
}

export function unwrap<T>(what: string, checked: Checked<T>): T {
  if (!checked.ok) throw new DeadlineDataError(what, checked.reasons);
  return checked.value;
}
