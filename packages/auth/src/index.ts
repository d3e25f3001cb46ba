export * from './grpc-auth.js';
export * from './http-auth.js';
export * from './staff-principal.js';
export * from './staff-tokens.js';
