export * from './fleet-topics.js';
export * from './sample-city.js';
