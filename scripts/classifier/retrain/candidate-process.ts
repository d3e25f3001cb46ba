/**
 * The candidate process of a scheduled retrain: reads one request from its parent, builds the
 * candidate and sends it back. It stores nothing; the scheduler does.
 */
import { buildCandidate, type CandidateRequest } from './build-candidate.js';
import { type CandidateMessage } from './spawn-candidate-process.js';

// The scheduler decides what a stop signal means (Ctrl-C reaches the whole process group).
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => undefined);
// Orphaned, the work has no one to go to.
process.on('disconnect', () => process.exit(1));

const tell = (message: CandidateMessage): Promise<void> =>
  new Promise((resolve, reject) => process.send?.(message, undefined, undefined, (error) => (error ? reject(error) : resolve())) ?? reject(new Error('no parent process to tell')));

process.once('message', (request: CandidateRequest) => {
  // A progress line that cannot be told is not worth failing the run for.
  buildCandidate(request, (message) => void tell({ kind: 'progress', message }).catch(() => undefined))
    .then((candidate) => tell({ kind: 'candidate', candidate }))
    .catch((error: unknown) => tell({ kind: 'failure', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }))
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
});
