import { context, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import type { AppealReceived } from '@priemnaya/contracts';
import { createTestKafka, testInfra, testLogger, uniqueName, waitFor, type TestKafka } from '@priemnaya/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublisher, startConsumer, type RunningConsumer } from '@priemnaya/kafka';

const exporter = new InMemorySpanExporter();

describe('trace context through Kafka headers', () => {
  const seen: { appealId: string; traceId: string | undefined }[] = [];
  let consumer: RunningConsumer;
  let publisher: ReturnType<typeof createPublisher>;
  let testKafka: TestKafka;

  beforeAll(async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));

    testKafka = await createTestKafka(testInfra(), [], 'trace');
    const { kafka, names } = testKafka;
    publisher = createPublisher({ kafka, names });
    await publisher.connect();
    consumer = await startConsumer({
      kafka,
      names,
      groupId: uniqueName('trace'),
      logger: testLogger(),
      topics: ['appeals.received'],
      handlers: {
        'appeals.received': async (appeal) => {
          seen.push({ appealId: appeal.appealId, traceId: trace.getActiveSpan()?.spanContext().traceId });
        },
      },
    });
    await consumer.joined;
  });

  afterAll(async () => {
    await consumer?.stop();
    await publisher?.disconnect();
    await testKafka?.dispose();
  });

  it('when a message is published inside a trace, the consumer handles it in the same trace', async () => {
    const appeal: AppealReceived = {
      version: 2,
      appealId: randomUUID(),
      registrationNumber: '00001/2026',
      channel: 'site',
      receivedAt: new Date().toISOString(),
      author: { name: 'Test', email: 'test@example.org' },
      text: 'Текст',
      kind: 'appeal',
      attachments: [],
      raw: { format: 'json', body: {} },
      screening: [],
    };
    const tracer = trace.getTracer('test');
    const traceId = await tracer.startActiveSpan('submit appeal', async (span) => {
      await publisher.publish([{ topic: 'appeals.received', payload: appeal }]);
      span.end();
      return span.spanContext().traceId;
    });

    const handled = await waitFor(() => seen.find((entry) => entry.appealId === appeal.appealId), { description: 'the consumed appeal' });
    expect(handled.traceId).toBe(traceId);
    const spanNames = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId).map((span) => span.name);
    expect(spanNames).toEqual(expect.arrayContaining(['submit appeal', expect.stringMatching(/^publish /), expect.stringMatching(/^process /)]));
    // The consumer's span is a child of the producer's: the message's headers carried its context.
    const spans = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
    const publish = spans.find((span) => span.name.startsWith('publish '));
    const consumed = spans.find((span) => span.name.startsWith('process '));
    expect(consumed?.parentSpanContext?.spanId).toBe(publish?.spanContext().spanId);
  });
});
