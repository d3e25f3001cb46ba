export * from './call.js';
export * from './grpc-errors.js';
export * from './grpc-server.js';
export * from './unary.js';
