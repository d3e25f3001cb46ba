import { startTelemetry } from '@priemnaya/observability';

/**
 * Imported first by main.ts, so the SDK is running before any library module that it may
 * instrument is evaluated.
 */
export const telemetry = startTelemetry('console');
