export * from './create-pos-simulator.js';
export * from './faults.js';
export * from './platform-item.js';
export type { Acknowledgement, LoggedRequest, PostedAnswer, PostedStatusChange } from './simulator-state.js';
