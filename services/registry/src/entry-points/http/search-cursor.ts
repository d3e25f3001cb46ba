import { AppealId, Timestamp } from '@priemnaya/contracts';
import { RequestError } from '@priemnaya/http';
import { z } from 'zod';

const Cursor = z.tuple([Timestamp, AppealId]);

/** Where the next page of a search starts: after this entry in (received desc, id asc) order. */
export interface CursorPosition {
  receivedAt: string;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.receivedAt, position.id]), 'utf8').toString('base64url');
}

/** The position a cursor names, or a 400 naming `cursor`. */
export function decodeCursor(cursor: string): CursorPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = Cursor.safeParse(parsed);
  if (!result.success) throw new RequestError(400, 'validation_failed', 'cursor: must be the nextCursor of a previous page', [{ field: 'cursor', message: 'must be the nextCursor of a previous page' }]);
  return { receivedAt: result.data[0], id: result.data[1] };
}
