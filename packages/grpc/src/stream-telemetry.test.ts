import {
  credentials,
  makeGenericClientConstructor,
  Metadata,
  status,
  type Client,
  type ClientDuplexStream,
  type ClientReadableStream,
  type ServerDuplexStream,
  type ServerUnaryCall,
  type ServerWritableStream,
  type ServiceDefinition,
  type ServiceError,
  type sendUnaryData,
} from '@grpc/grpc-js';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { renderMetrics } from '@priemnaya/observability';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GrpcRequestError, toServiceError } from './grpc-errors.js';
import { createGrpcServer, type GrpcServer } from './grpc-server.js';
import { injectTraceMetadata } from './grpc-trace.js';

const exporter = new InMemorySpanExporter();

/** Messages as JSON: the telemetry does not depend on what a message is. */
const json = { serialize: (value: unknown) => Buffer.from(JSON.stringify(value)), deserialize: (bytes: Buffer) => JSON.parse(bytes.toString()) as unknown };
const method = (name: string, requestStream: boolean, responseStream: boolean) => ({
  path: `/test.v1.Counter/${name}`,
  requestStream,
  responseStream,
  requestSerialize: json.serialize,
  requestDeserialize: json.deserialize,
  responseSerialize: json.serialize,
  responseDeserialize: json.deserialize,
});
const definition = {
  count: method('Count', false, true),
  cut: method('Cut', false, true),
  refuse: method('Refuse', false, true),
  follow: method('Follow', false, true),
  echo: method('Echo', true, true),
  ping: method('Ping', false, false),
} satisfies ServiceDefinition;

interface Count {
  upTo: number;
}
type CounterClient = Client & {
  count(request: Count, metadata: Metadata, options?: object): ClientReadableStream<{ n: number }>;
  cut(request: Count, metadata: Metadata): ClientReadableStream<{ n: number }>;
  refuse(request: Count, metadata: Metadata): ClientReadableStream<{ n: number }>;
  follow(request: Count, metadata: Metadata, options?: object): ClientReadableStream<{ n: number }>;
  echo(metadata: Metadata): ClientDuplexStream<{ n: number }, { n: number }>;
  ping(request: Count, metadata: Metadata, callback: (error: ServiceError | null, response: unknown) => void): unknown;
};

/** What each handler saw: the trace it ran in, and when a followed stream was left. */
const handlerTraces = new Map<string, string | undefined>();
let followed = deferred<ServerWritableStream<Count, unknown>>();
let left = deferred<void>();

function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

const implementation = {
  count(call: ServerWritableStream<Count, unknown>) {
    handlerTraces.set('Count', trace.getActiveSpan()?.spanContext().traceId);
    for (let n = 1; n <= call.request.upTo; n += 1) call.write({ n });
    call.end();
  },
  cut(call: ServerWritableStream<Count, unknown>) {
    call.write({ n: 1 });
    // A dependency failed mid-stream, as a service's handler reports it.
    call.emit('error', toServiceError(new Error('the feed is gone')));
  },
  refuse(call: ServerWritableStream<Count, unknown>) {
    call.emit('error', toServiceError(new GrpcRequestError(status.INVALID_ARGUMENT, 'upTo: too many', [{ field: 'upTo', message: 'too many' }])));
  },
  follow(call: ServerWritableStream<Count, unknown>) {
    call.write({ n: 1 });
    call.write({ n: 2 });
    call.on('cancelled', () => left.resolve());
    followed.resolve(call);
  },
  echo(call: ServerDuplexStream<{ n: number }, unknown>) {
    handlerTraces.set('Echo', trace.getActiveSpan()?.spanContext().traceId);
    call.on('data', (message: { n: number }) => call.write({ n: message.n * 10 }));
    call.on('end', () => call.end());
  },
  ping(_call: ServerUnaryCall<Count, unknown>, callback: sendUnaryData<unknown>) {
    callback(null, { ok: true });
  },
};

let server: GrpcServer;
let client: CounterClient;

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
  server = createGrpcServer([{ definition, implementation }]);
  const port = await server.listen('127.0.0.1', 0);
  const Counter = makeGenericClientConstructor(definition, 'Counter');
  client = new Counter(`127.0.0.1:${port}`, credentials.createInsecure()) as unknown as CounterClient;
});

afterAll(async () => {
  client?.close();
  await server?.close(1_000);
});

/** Reads a stream to its end: the messages and the status it ended with. */
function readAll(stream: ClientReadableStream<{ n: number }>): Promise<{ messages: number[]; code: status }> {
  const messages: number[] = [];
  stream.on('data', (message: { n: number }) => messages.push(message.n));
  return new Promise((resolve) => {
    stream.on('error', () => {});
    stream.on('status', ({ code }: { code: status }) => resolve({ messages, code }));
  });
}

/** Opens a call inside a span of the caller's, with the trace context in its metadata, as `callUnary` does. */
function inCallerSpan<T>(open: (metadata: Metadata) => T): { result: T; traceId: string; spanId: string } {
  const caller = trace.getTracer('test').startSpan('caller');
  const result = context.with(trace.setSpan(context.active(), caller), () => open(injectTraceMetadata(new Metadata())));
  caller.end();
  return { result, ...caller.spanContext() };
}

function streamSpan(name: string, traceId?: string): ReadableSpan | undefined {
  return exporter.getFinishedSpans().find((span) => span.name === `test.v1.Counter/${name}` && (traceId === undefined || span.spanContext().traceId === traceId));
}

/** A metric's value in the Prometheus text, 0 when the series does not exist. */
async function metric(name: string, labels: Record<string, string>): Promise<number> {
  const selector = Object.entries(labels).map(([key, value]) => `${key}="${value}"`).join(',');
  const line = (await renderMetrics()).split('\n').find((text) => text.startsWith(`${name}{${selector}} `));
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
}

describe('a streamed answer on createGrpcServer', () => {
  it('when the server sends its messages and ends, is one server span in the caller’s trace, active in the handler, with the messages sent, and is counted', async () => {
    const { result, traceId, spanId } = inCallerSpan((metadata) => readAll(client.count({ upTo: 3 }, metadata)));
    const { messages, code } = await result;

    expect(messages).toEqual([1, 2, 3]);
    expect(code).toBe(status.OK);
    const span = streamSpan('Count', traceId);
    expect(span?.kind).toBe(SpanKind.SERVER);
    expect(span?.parentSpanContext?.spanId).toBe(spanId);
    expect(span?.attributes).toMatchObject({ 'rpc.system': 'grpc', 'rpc.service': 'test.v1.Counter', 'rpc.method': 'Count', 'rpc.grpc.status_code': status.OK, 'rpc.grpc.messages_sent': 3 });
    expect(span?.status.code).not.toBe(SpanStatusCode.ERROR);
    expect(handlerTraces.get('Count')).toBe(traceId);
    const labels = { method: 'test.v1.Counter/Count' };
    expect(await metric('priemnaya_grpc_streams_opened_total', labels)).toBe(1);
    expect(await metric('priemnaya_grpc_stream_messages_sent_total', labels)).toBe(3);
    expect(await metric('priemnaya_grpc_streams_closed_total', { ...labels, code: 'OK' })).toBe(1);
    expect(await metric('priemnaya_grpc_streams_open', labels)).toBe(0);
    expect(await metric('priemnaya_grpc_stream_errors_total', { ...labels, code: 'OK' })).toBe(0);
  });

  it('when the server fails the stream, marks the span as an error and counts a stream error by code', async () => {
    const { messages, code } = await readAll(client.cut({ upTo: 1 }, new Metadata()));

    expect(messages).toEqual([1]);
    expect(code).toBe(status.INTERNAL);
    const span = streamSpan('Cut');
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.attributes).toMatchObject({ 'rpc.grpc.status_code': status.INTERNAL, 'rpc.grpc.messages_sent': 1 });
    const labels = { method: 'test.v1.Counter/Cut', code: 'INTERNAL' };
    expect(await metric('priemnaya_grpc_stream_errors_total', labels)).toBe(1);
    expect(await metric('priemnaya_grpc_streams_closed_total', labels)).toBe(1);
  });

  it('when the request is refused, counts the stream as ended with its code but not as a server error', async () => {
    const { code } = await readAll(client.refuse({ upTo: 1_000 }, new Metadata()));

    expect(code).toBe(status.INVALID_ARGUMENT);
    expect(streamSpan('Refuse')?.status.code).not.toBe(SpanStatusCode.ERROR);
    const labels = { method: 'test.v1.Counter/Refuse', code: 'INVALID_ARGUMENT' };
    expect(await metric('priemnaya_grpc_streams_closed_total', labels)).toBe(1);
    expect(await metric('priemnaya_grpc_stream_errors_total', labels)).toBe(0);
  });

  it('while the stream is open, counts it as open; when the client cancels, ends the span as CANCELLED with the messages sent so far', async () => {
    followed = deferred();
    left = deferred();
    const stream = client.follow({ upTo: 0 }, new Metadata());
    const received = readAll(stream);
    await followed.promise;
    const labels = { method: 'test.v1.Counter/Follow' };
    expect(await metric('priemnaya_grpc_streams_open', labels)).toBe(1);
    expect(streamSpan('Follow')).toBeUndefined();

    stream.cancel();
    expect((await received).code).toBe(status.CANCELLED);
    await left.promise;

    expect(streamSpan('Follow')?.attributes).toMatchObject({ 'rpc.grpc.status_code': status.CANCELLED, 'rpc.grpc.messages_sent': 2 });
    expect(streamSpan('Follow')?.status.code).not.toBe(SpanStatusCode.ERROR);
    expect(await metric('priemnaya_grpc_streams_open', labels)).toBe(0);
    expect(await metric('priemnaya_grpc_streams_closed_total', { ...labels, code: 'CANCELLED' })).toBe(1);
    expect(await metric('priemnaya_grpc_stream_messages_sent_total', labels)).toBe(2);
  });

  it('when the client’s deadline passes, ends the span as DEADLINE_EXCEEDED', async () => {
    followed = deferred();
    left = deferred();
    const stream = client.follow({ upTo: 0 }, new Metadata(), { deadline: Date.now() + 300 });

    expect((await readAll(stream)).code).toBe(status.DEADLINE_EXCEEDED);
    await left.promise;

    const spans = exporter.getFinishedSpans().filter((span) => span.name === 'test.v1.Counter/Follow');
    expect(spans.at(-1)?.attributes).toMatchObject({ 'rpc.grpc.status_code': status.DEADLINE_EXCEEDED, 'rpc.grpc.messages_sent': 2 });
    expect(await metric('priemnaya_grpc_streams_closed_total', { method: 'test.v1.Counter/Follow', code: 'DEADLINE_EXCEEDED' })).toBe(1);
    expect(await metric('priemnaya_grpc_streams_open', { method: 'test.v1.Counter/Follow' })).toBe(0);
  });

  it('on a bidirectional stream, the handler runs in the caller’s trace and each answer is counted', async () => {
    const { result: stream, traceId } = inCallerSpan((metadata) => client.echo(metadata));
    const answers: number[] = [];
    stream.on('data', (message: { n: number }) => answers.push(message.n));
    const ended = new Promise((resolve) => stream.on('status', resolve));
    stream.write({ n: 1 });
    stream.write({ n: 2 });
    stream.end();
    await ended;

    expect(answers).toEqual([10, 20]);
    expect(handlerTraces.get('Echo')).toBe(traceId);
    expect(streamSpan('Echo', traceId)?.attributes).toMatchObject({ 'rpc.grpc.status_code': status.OK, 'rpc.grpc.messages_sent': 2 });
    expect(await metric('priemnaya_grpc_stream_messages_sent_total', { method: 'test.v1.Counter/Echo' })).toBe(2);
  });

  it('leaves a unary call to `unary`: no stream span or stream metric', async () => {
    await new Promise((resolve, reject) => client.ping({ upTo: 1 }, new Metadata(), (error, response) => (error ? reject(error) : resolve(response))));

    expect(streamSpan('Ping')).toBeUndefined();
    expect(await metric('priemnaya_grpc_streams_opened_total', { method: 'test.v1.Counter/Ping' })).toBe(0);
  });
});
