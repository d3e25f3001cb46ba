import { ServerInterceptingCall, status as Status, type ServerInterceptor } from '@grpc/grpc-js';
import { context, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { counter, gauge } from '@priemnaya/observability';
import { extractTraceMetadata } from './grpc-trace.js';

const tracer = trace.getTracer('@priemnaya/grpc');

/** Labels are the method (`package.Service/Method`) and the status code's name: never anything a message carries. */
const opened = counter('priemnaya_grpc_streams_opened_total', 'gRPC streams opened by clients, by method', ['method']);
const openNow = gauge('priemnaya_grpc_streams_open', 'gRPC streams open now, by method', ['method']);
const sent = counter('priemnaya_grpc_stream_messages_sent_total', 'Messages the server sent on gRPC streams, by method', ['method']);
const closed = counter('priemnaya_grpc_streams_closed_total', 'gRPC streams ended, by method and status code (CANCELLED: the client went away)', ['method', 'code']);
const failed = counter(
  'priemnaya_grpc_stream_errors_total',
  'gRPC streams ended by a failure on the server’s side (the server or a dependency), by method and status code',
  ['method', 'code'],
);

/**
 * The codes that say the server failed the stream. A refused request (INVALID_ARGUMENT,
 * UNAUTHENTICATED...) is the client's mistake, CANCELLED its leaving, and DEADLINE_EXCEEDED the
 * length it chose for the stream; RESOURCE_EXHAUSTED is a client too slow to read.
 */
const SERVER_FAILURES = new Set([Status.UNKNOWN, Status.UNIMPLEMENTED, Status.INTERNAL, Status.UNAVAILABLE, Status.DATA_LOSS]);

const openStreams = new Map<string, number>();
function countOpen(method: string, change: 1 | -1): void {
  const now = (openStreams.get(method) ?? 0) + change;
  openStreams.set(method, now);
  openNow.set({ method }, now);
}

/** How far before the server's deadline a cancellation still counts as the client's deadline passing. */
const DEADLINE_SLACK_MS = 1_000;

/**
 * Traces and counts every call whose answer is a stream (server streaming and bidirectional),
 * as `unary` does for unary calls: a server span for the stream's life that continues the
 * caller's trace from the call's metadata and is active while the handler runs, ended when the
 * status is sent or the client goes away, with the messages sent; and the streams opened, open,
 * ended by status code and failed, and the messages sent, by method. Unary calls pass through.
 */
export const streamTelemetry: ServerInterceptor = (method, call) => {
  if (!method.responseStream) return new ServerInterceptingCall(call);
  const name = method.path.replace(/^\//, '');
  const [service = '', rpc = ''] = name.split('/');
  let span: Span | undefined;
  let active: Context = context.active();
  let messages = 0;
  let ended = false;

  const end = (code: Status) => {
    if (ended || !span) return;
    ended = true;
    const codeName = Status[code] ?? String(code);
    countOpen(name, -1);
    closed.inc({ method: name, code: codeName });
    span.setAttributes({ 'rpc.grpc.status_code': code, 'rpc.grpc.messages_sent': messages });
    if (SERVER_FAILURES.has(code)) {
      failed.inc({ method: name, code: codeName });
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
  };

  return new ServerInterceptingCall(call, {
    start(next) {
      next({
        onReceiveMetadata(metadata, nextMetadata) {
          span = tracer.startSpan(name, { kind: SpanKind.SERVER, attributes: { 'rpc.system': 'grpc', 'rpc.service': service, 'rpc.method': rpc } }, extractTraceMetadata(metadata));
          active = trace.setSpan(context.active(), span);
          opened.inc({ method: name });
          countOpen(name, 1);
          // A bidirectional handler starts here, a server-streaming one on the half-close: each in the span.
          context.with(active, () => nextMetadata(metadata));
        },
        onReceiveMessage: (message, nextMessage) => context.with(active, () => nextMessage(message)),
        onReceiveHalfClose: (nextHalfClose) => context.with(active, nextHalfClose),
        onCancel() {
          // Also called once a status was sent; then the stream has already ended. A deadline the
          // server enforces itself ends the stream without a status passing through here.
          // The server's deadline is the client's timeout counted from when the call arrived, so it
          // falls a little after the client's own: a client that gives up at its deadline cancels
          // just before the server's, the later the busier the server. Within the slack, it is that.
          const deadline = call.getDeadline();
          end(Number(deadline) - Date.now() <= DEADLINE_SLACK_MS ? Status.DEADLINE_EXCEEDED : Status.CANCELLED);
        },
      });
    },
    sendMessage(message, next) {
      messages += 1;
      sent.inc({ method: name });
      next(message);
    },
    sendStatus(status, next) {
      end(status.code);
      next(status);
    },
  });
};
