/** The endpoints a fault can be aimed at; undefined aims it at every API call but the token. */
export type SimulatorRoute = 'token' | 'items' | 'acknowledgement' | 'status-changes' | 'answers';

export interface FailureSpec {
  status: 500 | 502 | 503 | 429;
  /** Sent as `Retry-After` (seconds) with a 429 or 503. */
  retryAfterSeconds?: number;
  route?: SimulatorRoute;
}

export interface DelaySpec {
  ms: number;
  /** How many calls are delayed; every call from now on when left out. */
  times?: number;
  route?: SimulatorRoute;
}

interface Pending<T> {
  spec: T;
  remaining: number;
}

/**
 * Faults armed by a test: failures for the next N calls and delays. Each call takes at most one
 * failure and one delay, the earliest armed that matches its route.
 */
export function createFaults() {
  const failures: Pending<FailureSpec>[] = [];
  const delays: Pending<DelaySpec>[] = [];

  const matches = (target: SimulatorRoute | undefined, route: SimulatorRoute) => (target === undefined ? route !== 'token' : target === route);

  function take<T extends { route?: SimulatorRoute }>(list: Pending<T>[], route: SimulatorRoute): T | undefined {
    const index = list.findIndex((pending) => matches(pending.spec.route, route));
    const pending = list[index];
    if (pending === undefined) return undefined;
    pending.remaining -= 1;
    if (pending.remaining <= 0) list.splice(index, 1);
    return pending.spec;
  }

  return {
    failNext(count: number, spec: FailureSpec): void {
      failures.push({ spec, remaining: count });
    },
    delay(spec: DelaySpec): void {
      delays.push({ spec, remaining: spec.times ?? Number.POSITIVE_INFINITY });
    },
    clear(): void {
      failures.length = 0;
      delays.length = 0;
    },
    takeFailure: (route: SimulatorRoute) => take(failures, route),
    takeDelay: (route: SimulatorRoute) => take(delays, route),
  };
}
export type Faults = ReturnType<typeof createFaults>;
