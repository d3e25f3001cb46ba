/** Run as `node --import tsx` (as the services run): starts the echo worker and prints its answer. */
import { once } from 'node:events';
import { startTypeScriptWorker } from '../../src/training/typescript-worker.js';

const worker = startTypeScriptWorker(new URL('./typescript-worker-echo.ts', import.meta.url), { workerData: { n: 21 } });
const [answer] = (await once(worker, 'message')) as [unknown];
process.stdout.write(`${JSON.stringify({ parentExecArgv: process.execArgv, answer })}\n`);
await worker.terminate();
