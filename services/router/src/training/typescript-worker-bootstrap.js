// The entry of every TypeScript worker thread (see typescript-worker.ts): registers tsx in this
// thread, then imports the module whose URL is the worker's first argument.
import { argv } from 'node:process';
import { register } from 'tsx/esm/api';

register();
await import(argv[2]);
