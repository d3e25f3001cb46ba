export * from './alerts.js';
export * from './appeal.js';
export * from './events.js';
export * from './registration-number.js';
export * from './routing.js';
export * from './routing-topics.js';
export * from './topics.js';
export * from './timestamp.js';
