/** A worker module for the worker-thread test: TypeScript that imports a workspace package's TypeScript. */
import { parentPort, workerData } from 'node:worker_threads';
import { CITY_EXAMPLE_WEIGHT } from '@priemnaya/classifier';

const asked: { n: number } = workerData as { n: number };
parentPort?.postMessage({ doubled: asked.n * 2, weight: CITY_EXAMPLE_WEIGHT, execArgv: process.execArgv });
