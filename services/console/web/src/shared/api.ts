import type { FieldErrors } from '../../../src/domain/field-errors.js';
import { serverFieldErrors } from '../../../src/domain/field-errors.js';

/** A service's refusal: the status, its message and the fields it named, in Russian where known. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: FieldErrors,
  ) {
    super(message);
  }
}

const STATUS_WORDS: Record<number, string> = {
  401: 'Вход не действителен: войдите снова',
  403: 'Нет прав на это действие',
  404: 'Не найдено',
  409: 'Действие не выполнено',
  503: 'Сервис временно недоступен, повторите',
};

/** Calls the console's same-origin API with the person's staff token. */
export async function api<T>(token: string, method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    ...(signal ? { signal } : {}),
  });
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const error = (parsed ?? {}) as { message?: string; fields?: { field: string; message: string }[] };
    const words = STATUS_WORDS[response.status] ?? `Ошибка ${response.status}`;
    throw new ApiError(response.status, response.status === 409 && error.message ? `${words}: ${error.message}` : words, serverFieldErrors(error.fields));
  }
  return parsed as T;
}

/**
 * Follows a server-sent events stream with the staff token in a header (EventSource cannot send
 * one), resuming after the last event id when the connection drops. Returns a stop function.
 */
export function followEvents(token: string, path: string, onEvent: (event: string, data: unknown) => void, onState?: (live: boolean) => void): () => void {
  const controller = new AbortController();
  let lastId = '';
  async function run(): Promise<void> {
    while (!controller.signal.aborted) {
      try {
        const response = await fetch(path, {
          headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', ...(lastId ? { 'last-event-id': lastId } : {}) },
          signal: controller.signal,
        });
        if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
        onState?.(true);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let event = 'message';
            let data = '';
            for (const line of block.split('\n')) {
              if (line.startsWith('id: ')) lastId = line.slice(4);
              else if (line.startsWith('event: ')) event = line.slice(7);
              else if (line.startsWith('data: ')) data += line.slice(6);
            }
            if (data) onEvent(event, JSON.parse(data));
          }
        }
      } catch {
        if (controller.signal.aborted) return;
      }
      onState?.(false);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
  void run();
  return () => controller.abort();
}

