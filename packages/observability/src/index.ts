export * from './logger.js';
export * from './telemetry.js';
export * from './metrics.js';
export * from './spans.js';
export * from './readiness-check.js';
export * from './liveness.js';
