/** The monitor's only source of the time, so tests can run days of deadlines in milliseconds. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that moves only when told; for tests and benchmarks. */
export interface ManualClock extends Clock {
  set(instant: string | Date): void;
  advance(milliseconds: number): void;
}

export function createManualClock(start: string | Date): ManualClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set(instant) {
      current = new Date(instant).getTime();
    },
    advance(milliseconds) {
      current += milliseconds;
    },
  };
}
