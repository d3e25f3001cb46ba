import { telemetry } from './telemetry.js';
import { createPublisher } from '@priemnaya/kafka';
import { readPublishedAnswersFile } from '@priemnaya/prescreen';
import { runService } from '@priemnaya/runtime';
import { buildIngest, PUBLISH_RETRY } from './app.js';
import { createRegistryClient } from './data-access/registry-client.js';
import { IngestEnv } from './env.js';

await runService({
  telemetry,
  service: 'ingest',
  envSchema: IngestEnv,
  async build({ config, logger, database, kafka, names, onFatal }) {
    const publisher = createPublisher({
      kafka,
      names,
      timeoutMs: config.PUBLISH_TIMEOUT_MS,
      retry: PUBLISH_RETRY,
      deadlineMs: config.PUBLISH_DEADLINE_MS,
    });
    // The producer connects before the ports open: an appeal is never accepted without it.
    await publisher.connect();
    const ingest = await buildIngest({
      logger,
      appealsFeed: { kafka, names, onFatal },
      personWindowDays: config.PERSON_WINDOW_DAYS,
      database,
      publisher,
      registry: createRegistryClient(config.REGISTRY_URL),
      timeZone: config.CITY_TIME_ZONE,
      registrationDeadlineMs: config.REGISTRATION_DEADLINE_MS,
      rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
      attachmentLimits: { maxFiles: config.ATTACHMENT_MAX_FILES, maxFileBytes: config.ATTACHMENT_MAX_BYTES },
      repeatWindowDays: config.REPEAT_WINDOW_DAYS,
      // A list that does not validate stops the start, naming the entry and field, rather than screening without it.
      ...(config.PUBLISHED_ANSWERS_FILE !== undefined ? { publishedAnswers: await readPublishedAnswersFile(config.PUBLISHED_ANSWERS_FILE) } : {}),
      open311: {
        apiKeys: config.OPEN311_API_KEYS,
        ...(config.OPEN311_JURISDICTION_ID !== undefined ? { jurisdictionId: config.OPEN311_JURISDICTION_ID } : {}),
      },
      notifications: {
        groupId: config.NOTIFICATIONS_CONSUMER_GROUP,
        onFatal,
        // Notifications need only the token; the webhook (the bot taking appeals) needs its secret too.
        ...(config.TELEGRAM_BOT_TOKEN !== undefined
          ? { telegram: { botToken: config.TELEGRAM_BOT_TOKEN, apiBaseUrl: config.TELEGRAM_API_BASE_URL, sendTimeoutMs: config.TELEGRAM_SEND_TIMEOUT_MS, sendAttempts: config.TELEGRAM_SEND_ATTEMPTS } }
          : {}),
      },
      chat:
        config.TELEGRAM_BOT_TOKEN !== undefined && config.TELEGRAM_WEBHOOK_SECRET !== undefined
          ? {
              telegram: {
                botToken: config.TELEGRAM_BOT_TOKEN,
                webhookSecret: config.TELEGRAM_WEBHOOK_SECRET,
                apiBaseUrl: config.TELEGRAM_API_BASE_URL,
                sendTimeoutMs: config.TELEGRAM_SEND_TIMEOUT_MS,
                sendAttempts: config.TELEGRAM_SEND_ATTEMPTS,
              },
            }
          : {},
    });
    return {
      http: ingest.http,
      grpc: { server: ingest.grpc, host: config.GRPC_HOST, port: config.GRPC_PORT },
      start: () => ingest.start(),
      stop: async () => {
        await ingest.stop();
        await publisher.disconnect();
      },
    };
  },
});
