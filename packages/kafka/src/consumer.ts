import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { TOPIC_CATALOG, type TopicId, type TopicNames, type TopicPayload } from '@priemnaya/contracts';
import { isRetriable } from '@priemnaya/errors';
import { liveness } from '@priemnaya/observability';
import { Partitioners, type Consumer, type EachMessagePayload, type Kafka, type Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { CONSUMER_SESSION } from './create-kafka.js';
import { superviseConsumer } from './crash-restart.js';
import { deadLetterOf } from './dead-letter.js';
import { consumedMessages, deadLetteredMessages, trackConsumerLag } from './kafka-metrics.js';
import { extractTraceContext } from './trace-headers.js';

const tracer = trace.getTracer('@priemnaya/kafka');

/**
 * How long one message may be in hand without its handler finishing before the process counts as
 * stuck (`/healthz` 503). Each call a handler makes to the broker or the database is bounded to a
 * few seconds and a failed one ends the attempt (kafkajs retries it as a new one), so only a
 * handler wedged on something unbounded stays in hand this long.
 */
export const CONSUMER_LIVENESS_BOUND_MS = 120_000;

export interface MessageMeta {
  topic: string;
  partition: number;
  offset: string;
}

export type MessageHandler<T extends TopicId> = (payload: TopicPayload<T>, meta: MessageMeta) => Promise<void>;

/** One handler for every subscribed topic: a topic without a handler does not compile. */
export type HandlerMap<T extends TopicId> = { [K in T]: MessageHandler<K> };

/** What every consumer of a service shares. */
export interface ConsumerContext {
  kafka: Kafka;
  names: TopicNames;
  groupId: string;
  logger: Logger;
  /**
   * Called when the consumer has crashed for good (kafkajs will not restart it, and the crash was
   * not the broker being away): the process should stop rather than live on consuming nothing.
   */
  onFatal?: (error: unknown) => void;
}

export interface ConsumerOptions<T extends TopicId> extends ConsumerContext {
  topics: readonly T[];
  handlers: HandlerMap<T>;
  /** Start from the beginning when the group has no committed offset (rebuilding read models). */
  fromBeginning?: boolean;
  /** How long a message may be in hand before `/healthz` fails (CONSUMER_LIVENESS_BOUND_MS). */
  livenessBoundMs?: number;
}

export interface RunningConsumer {
  /** Resolves once the consumer has joined its group and been given partitions. */
  joined: Promise<void>;
  /** True from joining the group until the consumer crashes for good or stops: for readiness. */
  healthy(): boolean;
  stop(): Promise<void>;
}

/** A consumer of this package's own, which can also be paused. */
export interface PausableConsumer extends RunningConsumer {
  /**
   * Stops handling the consumer's topics (not a `tasks` pattern) until `resume`: the message in
   * hand is finished, the rest of its batch and later ones wait, uncommitted, so nothing is
   * skipped. For a process that must give a burst of its own work the CPU first.
   */
  pause(): void;
  resume(): void;
}

/**
 * Runs a consumer group whose messages are validated against the topic catalog before the
 * handler sees them. A message that cannot be decoded, fails validation, or whose handler fails
 * with a non-retriable error goes to `<topic>.dlq` with the reason; a retriable failure is
 * retried by kafkajs (the offset is not committed), so nothing is skipped silently.
 */
export async function startConsumer<T extends TopicId>(options: ConsumerOptions<T>): Promise<PausableConsumer> {
  const { kafka, names, groupId, topics, handlers, logger, onFatal, fromBeginning = true, livenessBoundMs = CONSUMER_LIVENESS_BOUND_MS } = options;
  const consumer: Consumer = kafka.consumer({
    groupId,
    ...CONSUMER_SESSION,
    allowAutoTopicCreation: false,
    // A short long-poll keeps stop() and rebalances quick; an idle fetch costs little.
    maxWaitTimeInMs: 1_000,
    retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10_000 },
  });
  const deadLetters: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });

  let resolveJoined!: () => void;
  const joined = new Promise<void>((resolve) => (resolveJoined = resolve));
  let healthy = false;
  const runConsumer = () => consumer.run({ autoCommit: true, eachMessage: processMessage });
  // kafkajs restarts after a retriable crash and rejoins; otherwise this consumer is done,
  // unless the crash was only the broker being away.
  const restarter = superviseConsumer({
    consumer,
    run: runConsumer,
    groupId,
    logger,
    onFatal,
    onJoin: (memberAssignment) => {
      logger.info({ groupId, memberAssignment }, 'joined consumer group');
      healthy = true;
      resolveJoined();
    },
    onCrash: () => (healthy = false),
  });
  consumer.on(consumer.events.STOP, () => {
    healthy = false;
  });

  /** `loggedReason`: what may be logged of the reason, when the reason itself may quote data. */
  async function deadLetter({ topic, partition, message }: EachMessagePayload, reason: string, loggedReason = reason): Promise<void> {
    const letter = deadLetterOf(names, groupId, { topic, partition, message }, reason);
    await deadLetters.send({ topic: letter.topic, acks: -1, messages: [letter.message] });
    deadLetteredMessages.inc({ topic });
    consumedMessages.inc({ topic, outcome: 'dead-lettered' });
    logger.warn({ topic, partition, offset: message.offset, reason: loggedReason }, 'message dead-lettered');
  }

  async function handle(payload: EachMessagePayload): Promise<void> {
    const { topic, partition, message } = payload;
    const meta: MessageMeta = { topic, partition, offset: message.offset };
    const topicId = names.idOf(topic);
    if (topicId === undefined || !(topics as readonly TopicId[]).includes(topicId)) {
      await deadLetter(payload, `no handler for topic ${topic}`);
      return;
    }
    let decoded: unknown;
    try {
      decoded = JSON.parse(message.value?.toString('utf8') ?? 'null');
    } catch {
      await deadLetter(payload, 'value is not JSON');
      return;
    }
    const parsed = TOPIC_CATALOG[topicId].safeParse(decoded);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
      await deadLetter(payload, `payload does not match ${topicId}: ${fields.join('; ')}`);
      return;
    }
    const handler = handlers[topicId as T] as MessageHandler<T>;
    try {
      await handler(parsed.data as TopicPayload<T>, meta);
      consumedMessages.inc({ topic, outcome: 'handled' });
    } catch (error) {
      if (isRetriable(error)) throw error;
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      await deadLetter(payload, `handler failed: ${name}: ${message}`, `handler failed: ${name}`);
    }
  }

  async function processMessage(payload: EachMessagePayload): Promise<void> {
    await progress.run(() => traceMessage(payload));
  }

  async function traceMessage(payload: EachMessagePayload): Promise<void> {
    const parent = extractTraceContext(payload.message.headers);
    await context.with(parent, () =>
      tracer.startActiveSpan(
        `process ${payload.topic}`,
        { kind: SpanKind.CONSUMER, attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': payload.topic } },
        async (span) => {
          try {
            await handle(payload);
          } catch (error) {
            span.setStatus({ code: SpanStatusCode.ERROR });
            consumedMessages.inc({ topic: payload.topic, outcome: 'retried' });
            logger.warn({ topic: payload.topic, partition: payload.partition, offset: payload.message.offset, err: error }, 'message will be retried');
            throw error;
          } finally {
            span.end();
          }
        },
      ),
    );
  }

  const progress = liveness.watch(`consume ${groupId}`, { boundMs: livenessBoundMs });
  const stopLagTracking = trackConsumerLag(kafka, groupId);
  try {
    await deadLetters.connect();
    await consumer.connect();
    await consumer.subscribe({
      topics: topics.map((topic) => (topic === 'tasks' ? names.tasksPattern() : names.of(topic))),
      fromBeginning,
    });
    await runConsumer();
  } catch (error) {
    progress.close();
    await Promise.allSettled([consumer.disconnect(), deadLetters.disconnect(), stopLagTracking()]);
    throw error;
  }

  const pausable = topics.flatMap((topic) => (topic === 'tasks' ? [] : [{ topic: names.of(topic) }]));
  return {
    joined,
    healthy: () => healthy,
    pause: () => consumer.pause(pausable),
    resume: () => consumer.resume(pausable),
    async stop() {
      restarter.cancel();
      await consumer.disconnect();
      await deadLetters.disconnect();
      await stopLagTracking();
      progress.close();
    },
  };
}
