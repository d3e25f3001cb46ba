import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Candidate, type CandidateRequest } from './build-candidate.js';

/** What the candidate process tells its parent: progress lines, then its candidate or why it failed. */
export type CandidateMessage =
  | { readonly kind: 'progress'; readonly message: string }
  | { readonly kind: 'candidate'; readonly candidate: Candidate }
  | { readonly kind: 'failure'; readonly message: string };

/** The run was stopped on purpose (SIGTERM or SIGINT to the scheduler): nothing of it was stored. */
export class RunAbandonedError extends Error {
  override readonly name = 'RunAbandonedError';
}

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const ENTRY = fileURLToPath(new URL('./candidate-process.ts', import.meta.url));

/**
 * Builds a candidate in a process of its own. Training is minutes of synchronous work, during
 * which a process hears no signal; apart from it, the scheduler stays responsive and abandons a
 * run by killing the process, which holds no connection and has written nothing. A process per
 * run also hands the training's memory back when the run ends.
 */
export function buildCandidateApart(request: CandidateRequest, options: { say: (message: string) => void; signal: AbortSignal }): Promise<Candidate> {
  return new Promise((resolve, reject) => {
    if (options.signal.aborted) {
      reject(new RunAbandonedError('stopping before the run started'));
      return;
    }
    // 'advanced' serialisation carries the model's arrays and the labels' dates as they are.
    const child = fork(ENTRY, [], { cwd: ROOT, execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let outcome: { candidate: Candidate } | { error: Error } | undefined;
    const abandon = () => {
      outcome ??= { error: new RunAbandonedError('the run was abandoned on a stop signal; nothing of it was stored') };
      child.kill('SIGKILL');
    };
    options.signal.addEventListener('abort', abandon, { once: true });
    child.on('message', (raw) => {
      const message = raw as CandidateMessage;
      if (message.kind === 'progress') options.say(message.message);
      else if (message.kind === 'candidate') outcome ??= { candidate: message.candidate };
      else outcome ??= { error: new Error(`the candidate process failed: ${message.message}`) };
    });
    child.on('error', (error) => (outcome ??= { error }));
    child.on('exit', (code, signal) => {
      options.signal.removeEventListener('abort', abandon);
      if (outcome === undefined) reject(new Error(`the candidate process exited (${signal ?? `code ${code}`}) without a candidate`));
      else if ('candidate' in outcome) resolve(outcome.candidate);
      else reject(outcome.error);
    });
    child.send(request);
  });
}
