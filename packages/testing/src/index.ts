export * from './infra.js';
export * from './wait-for.js';
