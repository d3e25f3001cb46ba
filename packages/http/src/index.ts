export * from './create-http-server.js';
export * from './openapi-document.js';
