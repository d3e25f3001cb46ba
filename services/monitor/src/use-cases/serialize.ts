/**
 * Runs tasks one at a time, in order. The monitor's plan writes (events and re-plans) go through
 * one of these: FerretDB does not isolate concurrent updates of one document, and a bucket of the
 * schedule must have a single writer.
 */
export function createSerializer() {
  let tail: Promise<unknown> = Promise.resolve();
  return function serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
export type Serialize = ReturnType<typeof createSerializer>;
