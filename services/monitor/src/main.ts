import { telemetry } from './telemetry.js';
import { createStaffTokens } from '@priemnaya/auth';
import { runService } from '@priemnaya/runtime';
import { buildMonitorService } from './app.js';
import { createShiftedClock, systemClock } from './domain/clock.js';
import { MonitorEnv } from './env.js';

await runService({
  telemetry,
  service: 'monitor',
  envSchema: MonitorEnv,
  async build({ config, ...context }) {
    const testClock = config.TEST_CLOCK === 'on' ? createShiftedClock() : undefined;
    if (testClock) context.logger.warn('TEST_CLOCK is on: POST /_test/clock/advance moves this monitor\'s time');
    const monitor = await buildMonitorService({
      ...context,
      groupId: config.CONSUMER_GROUP,
      tokens: createStaffTokens(config.STAFF_TOKEN_SECRET),
      clock: testClock ?? systemClock,
      ...(testClock ? { testClock } : {}),
      tickIntervalMs: config.TICK_INTERVAL_MS,
      cityZone: config.CITY_TIME_ZONE,
      claimLeaseMs: config.CLAIM_LEASE_MS,
      feedRetentionDays: config.FEED_RETENTION_DAYS,
      forecastIntervalMs: config.FORECAST_INTERVAL_MS,
      paceWindowWorkingDays: config.PACE_WINDOW_WORKING_DAYS,
    });
    return { ...monitor, grpc: { server: monitor.grpc, host: config.GRPC_HOST, port: config.GRPC_PORT } };
  },
});
