export * from './read-city-history.js';
