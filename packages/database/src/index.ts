export * from './connect-database.js';
export * from './batched-inserts.js';
