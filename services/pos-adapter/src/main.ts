import { telemetry } from './telemetry.js';
import { runService } from '@priemnaya/runtime';
import { buildPosAdapter } from './app.js';
import { createIntakeClient } from './data-access/intake-client.js';
import { createPlatformClient } from './data-access/platform-client.js';
import { PosAdapterEnv } from './env.js';

await runService({
  telemetry,
  service: 'pos-adapter',
  envSchema: PosAdapterEnv,
  build: ({ config, ...context }) =>
    buildPosAdapter({
      ...context,
      groupId: config.CONSUMER_GROUP,
      platform: createPlatformClient({
        baseUrl: config.POS_BASE_URL,
        clientId: config.POS_CLIENT_ID,
        clientSecret: config.POS_CLIENT_SECRET,
        timeoutMs: config.POS_TIMEOUT_MS,
      }),
      intake: createIntakeClient(config.INTAKE_GRPC_ADDRESS, config.INTAKE_TIMEOUT_MS),
      pollIntervalMs: config.POS_POLL_INTERVAL_MS,
      pageSize: config.POS_PAGE_SIZE,
      retryPolicy: { baseMs: config.RETRY_BASE_MS, maxMs: config.RETRY_MAX_MS, maxAttempts: config.RETRY_MAX_ATTEMPTS },
      stopGraceMs: config.STOP_GRACE_MS,
      answerSignedBy: config.POS_ANSWER_SIGNED_BY,
      closeHoldMs: config.POS_CLOSE_HOLD_MS,
    }),
});
