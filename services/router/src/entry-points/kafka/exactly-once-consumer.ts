import { context as otelContext, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { TOPIC_CATALOG, type OutgoingMessage, type TopicId, type TopicPayload } from '@priemnaya/contracts';
import { isRetriable } from '@priemnaya/errors';
import {
  CONSUMER_LIVENESS_BOUND_MS,
  CONSUMER_SESSION,
  consumedMessages,
  deadLetteredMessages,
  deadLetterOf,
  extractTraceContext,
  injectTraceHeaders,
  superviseConsumer,
  trackConsumerLag,
  type ConsumerContext,
  type RunningConsumer,
} from '@priemnaya/kafka';
import { liveness } from '@priemnaya/observability';
import type { Consumer, KafkaMessage, Message, Producer } from 'kafkajs';

const tracer = trace.getTracer('@priemnaya/router');

/** What one consumed message produces, and what to do once that is committed. */
export interface HandledMessage {
  messages: OutgoingMessage[];
  committed?: () => Promise<void>;
}

export type TransactionalHandler<T extends TopicId> = (payload: TopicPayload<T>, position: { topic: string; partition: number; offset: string }) => Promise<HandledMessage>;

export interface ExactlyOnceOptions<T extends Exclude<TopicId, 'tasks'>> extends ConsumerContext {
  topics: readonly T[];
  handlers: { [K in T]: TransactionalHandler<K> };
  /** At most this many input messages per transaction: bounds the work redone after a crash. */
  maxMessagesPerTransaction: number;
}

/**
 * Consume, produce and commit the consumer's offsets in one Kafka transaction per slice of a
 * batch: what a slice produces becomes visible to read_committed readers together with the
 * offsets that say its input was consumed, or not at all. A crash or error aborts the slice and
 * the consumer reads it again from the last committed offset.
 *
 * kafkajs 2.2.4 does not send the consumer group's generation with the offsets (KIP-447), so
 * zombie fencing rests on the transactional id: one producer per input partition, with an id
 * stable across restarts and instances (`<group>:<topic>:<partition>`). Whoever is given the
 * partition next initialises the same id, which aborts the open transaction of a killed or
 * stalled owner and fences it off.
 */
export async function startExactlyOnceConsumer<T extends Exclude<TopicId, 'tasks'>>(options: ExactlyOnceOptions<T>): Promise<RunningConsumer> {
  const { kafka, names, groupId, logger, onFatal, topics, handlers } = options;
  // autoCommit off: offsets are committed only inside the transactions. read_committed is
  // kafkajs's default isolation, so an aborted upstream write is never routed.
  const consumer: Consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: 1_000,
    // A killed router's partitions pass to the next member after its session expires, and a
    // router restarted after the broker's return waits for it; heartbeats go after every transaction.
    ...CONSUMER_SESSION,
    retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10_000 },
  });
  const producers = new Map<string, Promise<Producer>>();
  let healthy = false;
  let resolveJoined!: () => void;
  const joined = new Promise<void>((resolve) => (resolveJoined = resolve));

  // After a crash that was only the broker being away it starts again: offsets are committed
  // only in transactions, so it reads on from the last one committed.
  const restarter = superviseConsumer({
    consumer,
    run: () => runConsumer(),
    groupId,
    logger,
    onFatal,
    onJoin: () => {
      healthy = true;
      resolveJoined();
    },
    onCrash: () => (healthy = false),
  });
  consumer.on(consumer.events.STOP, () => (healthy = false));

  function producerFor(topic: string, partition: number): Promise<Producer> {
    const transactionalId = `${groupId}:${topic}:${partition}`;
    let producer = producers.get(transactionalId);
    if (!producer) {
      const created = kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      producer = created.connect().then(() => created);
      producers.set(transactionalId, producer);
      producer.catch(() => producers.delete(transactionalId));
    }
    return producer;
  }

  /** A producer whose transaction failed may be fenced or in an unknown state: start the next one afresh. */
  async function discardProducer(topic: string, partition: number): Promise<void> {
    const key = `${groupId}:${topic}:${partition}`;
    const producer = producers.get(key);
    producers.delete(key);
    await producer?.then((p) => p.disconnect()).catch(() => undefined);
  }

  function deadLetter(topic: string, partition: number, message: KafkaMessage, reason: string): { topic: string; message: Message } {
    return deadLetterOf(names, groupId, { topic, partition, message }, reason);
  }

  function toKafka(outgoing: OutgoingMessage): { topic: string; message: Message } {
    const payload = TOPIC_CATALOG[outgoing.topic].parse(outgoing.payload);
    const topic = outgoing.topic === 'tasks' ? names.tasks(outgoing.payload.unit) : names.of(outgoing.topic);
    const headers = injectTraceHeaders({ 'content-type': 'application/json', 'payload-version': String(payload.version) });
    return { topic, message: { key: payload.appealId, value: JSON.stringify(payload), headers } };
  }

  /**
   * Handles one message in a consumer span that continues the producer's trace from the
   * message's headers, so what it produces carries the same trace on.
   */
  function handleTraced(topic: string, partition: number, message: KafkaMessage): ReturnType<typeof handle> {
    return otelContext.with(extractTraceContext(message.headers), () =>
      tracer.startActiveSpan(
        `process ${topic}`,
        { kind: SpanKind.CONSUMER, attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'messaging.kafka.offset': message.offset } },
        async (span) => {
          try {
            return await handle(topic, partition, message);
          } catch (error) {
            span.setStatus({ code: SpanStatusCode.ERROR });
            throw error;
          } finally {
            span.end();
          }
        },
      ),
    );
  }

  /** Decodes, validates and handles one message; what cannot be processed becomes a dead letter in the same transaction. */
  async function handle(topic: string, partition: number, message: KafkaMessage): Promise<{ out: { topic: string; message: Message }[]; committed?: () => Promise<void> }> {
    const topicId = names.idOf(topic) as T | undefined;
    if (topicId === undefined || !topics.includes(topicId)) return { out: [deadLetter(topic, partition, message, `no handler for topic ${topic}`)] };
    let decoded: unknown;
    try {
      decoded = JSON.parse(message.value?.toString('utf8') ?? 'null');
    } catch {
      return { out: [deadLetter(topic, partition, message, 'value is not JSON')] };
    }
    const parsed = TOPIC_CATALOG[topicId].safeParse(decoded);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
      return { out: [deadLetter(topic, partition, message, `payload does not match ${topicId}: ${fields.join('; ')}`)] };
    }
    try {
      const handler = handlers[topicId] as TransactionalHandler<T>;
      const handled = await handler(parsed.data as TopicPayload<T>, { topic, partition, offset: message.offset });
      return { out: handled.messages.map(toKafka), ...(handled.committed ? { committed: handled.committed } : {}) };
    } catch (error) {
      if (isRetriable(error)) throw error;
      const { name, message: text } = error instanceof Error ? error : new Error(String(error));
      logger.warn({ topic, partition, offset: message.offset, reason: `handler failed: ${name}` }, 'message dead-lettered');
      return { out: [deadLetter(topic, partition, message, `handler failed: ${name}: ${text}`)] };
    }
  }

  async function commitSlice(topic: string, partition: number, slice: KafkaMessage[]): Promise<void> {
    const out: { topic: string; message: Message }[] = [];
    const afterCommit: (() => Promise<void>)[] = [];
    for (const message of slice) {
      const handled = await handleTraced(topic, partition, message);
      out.push(...handled.out);
      if (handled.committed) afterCommit.push(handled.committed);
    }
    const last = slice[slice.length - 1];
    if (!last) return;
    const producer = await producerFor(topic, partition);
    const transaction = await producer.transaction();
    try {
      const byTopic = new Map<string, Message[]>();
      for (const { topic: to, message } of out) byTopic.set(to, [...(byTopic.get(to) ?? []), message]);
      if (byTopic.size > 0) await transaction.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([to, messages]) => ({ topic: to, messages })) });
      await transaction.sendOffsets({ consumerGroupId: groupId, topics: [{ topic, partitions: [{ partition, offset: (BigInt(last.offset) + 1n).toString() }] }] });
      await transaction.commit();
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      await discardProducer(topic, partition);
      consumedMessages.inc({ topic, outcome: 'retried' }, slice.length);
      throw error;
    }
    const deadLettered = out.filter((sent) => sent.topic === names.deadLetter(topic)).length;
    consumedMessages.inc({ topic, outcome: 'handled' }, slice.length - deadLettered);
    if (deadLettered > 0) {
      consumedMessages.inc({ topic, outcome: 'dead-lettered' }, deadLettered);
      deadLetteredMessages.inc({ topic }, deadLettered);
    }
    // Together, so a repository can write them in one request.
    await Promise.all(afterCommit.map((done) => done().catch((error: unknown) => logger.warn({ err: error }, 'could not record a committed routing as published'))));
  }

  function runConsumer(): Promise<void> {
    return consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async (payload) => {
        const { batch } = payload;
        const inHand = progress.begin();
        try {
          for (let at = 0; at < batch.messages.length; at += options.maxMessagesPerTransaction) {
            // After a rebalance or on shutdown, leave the rest uncommitted for the next owner.
            if (!payload.isRunning() || payload.isStale()) return;
            const slice = batch.messages.slice(at, at + options.maxMessagesPerTransaction);
            await commitSlice(batch.topic, batch.partition, slice);
            const last = slice[slice.length - 1];
            if (last) payload.resolveOffset(last.offset);
            inHand.progress();
            await payload.heartbeat();
          }
        } finally {
          inHand.end();
        }
      },
    });
  }

  // A batch's transactions commit one slice after another; each committed slice is progress.
  const progress = liveness.watch(`consume ${groupId}`, { boundMs: CONSUMER_LIVENESS_BOUND_MS });
  const stopLagTracking = trackConsumerLag(kafka, groupId);
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: topics.map((topic) => names.of(topic)), fromBeginning: true });
    await runConsumer();
  } catch (error) {
    progress.close();
    await consumer.disconnect().catch(() => undefined);
    await stopLagTracking();
    throw error;
  }

  return {
    joined,
    healthy: () => healthy,
    async stop() {
      restarter.cancel();
      await consumer.disconnect();
      await Promise.all([...producers.values()].map((p) => p.then((producer) => producer.disconnect()).catch(() => undefined)));
      producers.clear();
      await stopLagTracking();
      progress.close();
    },
  };
}
