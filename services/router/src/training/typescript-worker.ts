import { Worker, type WorkerOptions } from 'node:worker_threads';

const BOOTSTRAP = new URL('./typescript-worker-bootstrap.js', import.meta.url);

/**
 * A worker thread running a TypeScript module. The services run TypeScript through `--import tsx`,
 * and a worker inherits that flag in its execArgv, but on Node 20 the loader hooks the flag
 * registers do not reach the worker's own imports (ERR_UNKNOWN_FILE_EXTENSION for the `.ts` entry;
 * nodejs/node#47747, privatenumber/tsx#354). So the worker starts from a JavaScript bootstrap that
 * registers tsx in its own thread and then imports the module; that works the same under
 * `node --import tsx`, under vitest (no tsx flag at all) and on later Node versions.
 */
export function startTypeScriptWorker(entry: URL, options: Omit<WorkerOptions, 'argv'> = {}): Worker {
  return new Worker(BOOTSTRAP, { ...options, argv: [entry.href] });
}
