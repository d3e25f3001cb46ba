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

/** The system time moved forward by an offset that only grows; for end-to-end tests of a running monitor. */
export interface ShiftedClock extends Clock {
  advance(milliseconds: number): void;
}

export function createShiftedClock(): ShiftedClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(milliseconds) {
      offset += Math.max(0, milliseconds);
    },
  };
}
