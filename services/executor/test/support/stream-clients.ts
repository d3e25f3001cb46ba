import { status, type Metadata, type ServiceError } from '@grpc/grpc-js';
import type { ExecutorServiceClient, WatchTasksResponse } from '@priemnaya/grpc/generated/priemnaya/executor/v1/executor.js';

export interface WatchedStream {
  received: WatchTasksResponse[];
  /** The error that ended the stream, other than the client's own cancel. */
  error(): ServiceError | undefined;
  cancel(): void;
}

/** A WatchTasks call that keeps what arrives. */
export function watchTasks(client: ExecutorServiceClient, unit: string, afterCursor: string, metadata: Metadata): WatchedStream {
  const call = client.watchTasks({ unit, afterCursor }, metadata);
  const received: WatchTasksResponse[] = [];
  let failure: ServiceError | undefined;
  call.on('data', (response: WatchTasksResponse) => received.push(response));
  call.on('error', (error: ServiceError) => {
    if (error.code !== status.CANCELLED) failure = error;
  });
  return { received, error: () => failure, cancel: () => call.cancel() };
}

export interface SseEvent {
  id: string;
  event: string;
  data: unknown;
}

/** An SSE stream read with fetch, as a console would; `abort` disconnects. */
export async function openSse(url: string, headers: Record<string, string>): Promise<{ status: number; events: SseEvent[]; body: string; abort(): void }> {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const events: SseEvent[] = [];
  let body = '';
  if (response.ok && response.body) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const fields = Object.fromEntries(block.split('\n').filter((line) => !line.startsWith(':')).map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]));
            if (fields.data !== undefined) events.push({ id: fields.id ?? '', event: fields.event ?? '', data: JSON.parse(fields.data) });
          }
        }
      } catch {
        // Aborted by the test.
      }
    })();
  } else {
    body = await response.text();
  }
  return { status: response.status, events, body, abort: () => controller.abort() };
}
