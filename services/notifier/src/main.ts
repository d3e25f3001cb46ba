import { telemetry } from './telemetry.js';
import { runService } from '@priemnaya/runtime';
import { buildNotifierService } from './app.js';
import { NotifierEnv } from './env.js';

await runService({
  telemetry,
  service: 'notifier',
  envSchema: NotifierEnv,
  build: ({ config, ...context }) =>
    buildNotifierService({
      ...context,
      groupId: config.CONSUMER_GROUP,
      timeZone: config.CITY_TIME_ZONE,
      graceMs: config.NOTIFY_GRACE_MS,
      ...(config.NOTIFY_SINCE !== undefined ? { notifySince: new Date(config.NOTIFY_SINCE) } : {}),
    }),
});
