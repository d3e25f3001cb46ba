import { SpanKind, trace } from '@opentelemetry/api';
import { TOPIC_CATALOG, type OutgoingMessage, type TopicNames } from '@priemnaya/contracts';
import { AppError, isRetriable, lastAttemptError, UnavailableError } from '@priemnaya/errors';
import { CompressionTypes, Partitioners, type Kafka, type Producer, type TopicMessages } from 'kafkajs';
import { publishedMessages } from './kafka-metrics.js';
import { injectTraceHeaders } from './trace-headers.js';

const tracer = trace.getTracer('@priemnaya/kafka');

export type { OutgoingMessage } from '@priemnaya/contracts';

export interface Publisher {
  connect(): Promise<void>;
  /**
   * Validates and sends messages, resolving only when every in-sync replica has them
   * (acks=-1, idempotent producer). Throws UnavailableError when the broker cannot be reached.
   * `withinMs`: what is left of the caller's own deadline; the earlier of it and the publisher's
   * `deadlineMs` applies, and messages still waiting for a batch then are withdrawn.
   */
  publish(messages: OutgoingMessage[], options?: { withinMs?: number }): Promise<void>;
  disconnect(): Promise<void>;
}

export interface PublisherOptions {
  kafka: Kafka;
  names: TopicNames;
  /** How long the broker may take to acknowledge a batch. */
  timeoutMs?: number;
  /** Set to bound the time a publish may take when the broker is down (kafkajs retries forever otherwise). */
  retry?: { retries: number; initialRetryTime: number; maxRetryTime: number };
  /**
   * How long a publish may take in all, connecting and retries included. Past it the caller gets
   * an UnavailableError and the producer is replaced; a broker that froze (accepts connections,
   * never answers) would otherwise hold a caller for every attempt's timeout in turn. The send
   * left behind may still land: callers publish again with the same appeal id, which consumers
   * dedupe.
   */
  deadlineMs?: number;
  /** The most messages one produce request of a group commit carries. */
  maxBatchMessages?: number;
}

interface Sending {
  topicMessages: TopicMessages[];
  count: number;
  sent: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export function createPublisher({ kafka, names, timeoutMs = 3_000, retry, deadlineMs, maxBatchMessages = 1_000 }: PublisherOptions): Publisher {
  const newProducer = (): Producer =>
    kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      // Bounded retries keep a caller's wait short when the broker is down; the caller retries
      // with the same appeal id, and every consumer is idempotent by appeal id.
      ...(retry ? { retry } : {}),
    });
  let producer = newProducer();
  let connected: Promise<void> | undefined;

  /**
   * After a failed send, kafkajs 2.2.4 winds the partition's sequence number back even when the
   * broker did write the batch; the next batch would then reuse that number and be acknowledged
   * as a duplicate without being written. A fresh producer gets a new producer id and starts its
   * sequences anew, so nothing acknowledged can be dropped that way.
   */
  function replaceProducer(failed: Producer): void {
    if (producer !== failed) return;
    producer = newProducer();
    connected = undefined;
    void failed.disconnect().catch(() => undefined);
  }

  function ready(): Promise<Producer> {
    const current = producer;
    connected ??= current.connect().catch((error: unknown) => {
      connected = undefined;
      throw error;
    });
    return connected.then(() => current);
  }

  /** What callers handed over and is not at the broker yet: the next batch takes all of it. */
  let queue: Sending[] = [];
  let flushing = false;

  /**
   * Group commit: a caller's messages wait while a batch is at the broker and go with every
   * other caller's in the next one; with nothing in flight they go at once (after this turn of
   * the event loop, so callers of the same turn share a request). One produce request for many
   * appeals, and nobody waits longer than one round trip for a batch to fill. Each caller's
   * messages stay together in one batch; a failed batch fails every caller in it.
   */
  function enqueue(topicMessages: TopicMessages[]): Sending {
    let settle!: Pick<Sending, 'resolve' | 'reject'>;
    const sent = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    const sending: Sending = { topicMessages, sent, ...settle, count: topicMessages.reduce((n, { messages }) => n + messages.length, 0) };
    queue.push(sending);
    if (!flushing) {
      flushing = true;
      setImmediate(() => void flush());
    }
    return sending;
  }

  /** A caller gave up (its deadline passed) before its messages left: they are not sent at all. */
  function withdraw(sending: Sending): boolean {
    const at = queue.indexOf(sending);
    if (at < 0) return false;
    queue.splice(at, 1);
    return true;
  }

  async function flush(): Promise<void> {
    try {
      while (queue.length > 0) {
        let count = 0;
        let taken = 0;
        while (taken < queue.length && (taken === 0 || count + (queue[taken]?.count ?? 0) <= maxBatchMessages)) count += queue[taken++]?.count ?? 0;
        const batch = queue.slice(0, taken);
        queue = queue.slice(taken);
        await sendTogether(batch);
      }
    } finally {
      flushing = false;
    }
  }

  async function sendTogether(batch: Sending[]): Promise<void> {
    const byTopic = new Map<string, TopicMessages>();
    for (const { topicMessages } of batch) {
      for (const { topic, messages } of topicMessages) {
        const entry = byTopic.get(topic) ?? { topic, messages: [] };
        entry.messages.push(...messages);
        byTopic.set(topic, entry);
      }
    }
    let sender: Producer = producer;
    try {
      sender = await ready();
      await sender.sendBatch({ topicMessages: [...byTopic.values()], acks: -1, timeout: timeoutMs, compression: CompressionTypes.None });
      for (const { topic, messages } of byTopic.values()) publishedMessages.inc({ topic }, messages.length);
      for (const sending of batch) sending.resolve();
    } catch (error) {
      replaceProducer(sender);
      for (const sending of batch) sending.reject(error);
    }
  }

  /** `sending`, or an UnavailableError naming the topics once `ms` has passed; a late failure is dropped. */
  async function withinDeadline(sending: Sending, ms: number, topics: readonly string[]): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        const left = withdraw(sending) ? ' (not sent)' : '';
        reject(new UnavailableError(`Kafka did not acknowledge the messages to ${topics.join(', ')} within ${ms} ms${left}`));
      }, ms);
    });
    sending.sent.catch(() => undefined);
    try {
      await Promise.race([sending.sent, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  function physicalTopic(message: OutgoingMessage): string {
    return message.topic === 'tasks' ? names.tasks(message.payload.unit) : names.of(message.topic);
  }

  return {
    async connect() {
      await ready();
    },
    async publish(messages, options) {
      // Validate everything before sending anything: a batch is published whole or not at all.
      const validated = messages.map((message) => ({
        topic: physicalTopic(message),
        payload: TOPIC_CATALOG[message.topic].parse(message.payload),
      }));
      const topics = [...new Set(validated.map((message) => message.topic))];
      await tracer.startActiveSpan(
        `publish ${topics.join(',')}`,
        { kind: SpanKind.PRODUCER, attributes: { 'messaging.system': 'kafka', 'messaging.batch.message_count': messages.length } },
        async (span) => {
          const byTopic = new Map<string, TopicMessages>();
          // Inside the span, so consumers continue this trace; the same for every message of the
          // batch (one span), so built once per payload version rather than once per message.
          const headersOf = new Map<number, Record<string, string>>();
          const headers = (version: number) => {
            let built = headersOf.get(version);
            if (built === undefined) headersOf.set(version, (built = injectTraceHeaders({ 'content-type': 'application/json', 'payload-version': String(version) })));
            return built;
          };
          for (const { topic, payload } of validated) {
            const entry = byTopic.get(topic) ?? { topic, messages: [] };
            entry.messages.push({ key: payload.appealId, value: JSON.stringify(payload), headers: headers(payload.version) });
            byTopic.set(topic, entry);
          }
          try {
            const sending = enqueue([...byTopic.values()]);
            const within = Math.min(deadlineMs ?? Infinity, options?.withinMs ?? Infinity);
            await (within === Infinity ? sending.sent : withinDeadline(sending, Math.max(0, within), topics));
          } catch (error) {
            span.recordException(error as Error);
            throw toPublishError(error);
          } finally {
            span.end();
          }
        },
      );
    },
    async disconnect() {
      connected = undefined;
      await producer.disconnect();
    },
  };
}

function toPublishError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const name = (lastAttemptError(error) as { name?: string }).name ?? 'Error';
  return isRetriable(error)
    ? new UnavailableError(`Kafka did not acknowledge the messages (${name})`, error)
    : new AppError('PublishRejected', `Kafka rejected the messages (${name})`, { retriable: false, cause: error });
}
