import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startTypeScriptWorker } from '../src/training/typescript-worker.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

describe('the TypeScript worker threads of the router (city imports)', () => {
  it('when the router runs as `node --import tsx`, a worker inherits that execArgv and runs a TypeScript module importing workspace packages', async () => {
    const script = fileURLToPath(new URL('./support/start-typescript-worker.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { cwd: ROOT });
    const printed = JSON.parse(stdout) as { parentExecArgv: string[]; answer: { doubled: number; weight: number; execArgv: string[] } };
    expect(printed.parentExecArgv).toEqual(['--import', 'tsx']);
    expect(printed.answer).toEqual({ doubled: 42, weight: 3, execArgv: ['--import', 'tsx'] });
  });

  it('when the parent has no tsx flag (as under vitest), the worker still runs the TypeScript module', async () => {
    const worker = startTypeScriptWorker(new URL('./support/typescript-worker-echo.ts', import.meta.url), { workerData: { n: 2 } });
    const [answer] = (await once(worker, 'message')) as [{ doubled: number }];
    await worker.terminate();
    expect(answer.doubled).toBe(4);
  });
});
