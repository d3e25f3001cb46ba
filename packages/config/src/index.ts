export * from './load-env.js';
export * from './variables.js';
