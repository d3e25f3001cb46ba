export * from './create-http-server.js';
