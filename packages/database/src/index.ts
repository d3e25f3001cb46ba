export * from './connect-database.js';
