export interface ReadinessCheckOptions {
  /** How long a probe waits for the check; a check still running then counts as failed and is abandoned. */
  timeoutMs: number;
  /** How long an answer, either way, is given again without asking; 0 asks on every probe. */
  maxAgeMs?: number;
  now?: () => number;
}

/**
 * Wraps a check of a dependency (a database ping, a broker metadata request) for `/readyz`. A
 * probe answers true or false within `timeoutMs` whatever the dependency does: a rejection or a
 * late answer is false. An answer is given again for `maxAgeMs`, so a storm of probes asks the
 * dependency once, and probes arriving together share one check.
 *
 * A check still running past its probe's deadline is abandoned: its late answer is ignored and
 * the next probe starts a new check. A check that never settles (a command sent to a server that
 * then froze, on a connection nobody times out) would otherwise be waited for by every later
 * probe, and the service would stay not ready after its dependency came back.
 */
/** A bounded check: call it for an answer; `lastKnown()` for the latest one without waiting. */
export interface ReadinessProbe {
  (): Promise<boolean>;
  /**
   * The latest answer (undefined before the first), at once: for a hot path that should refuse
   * work while a dependency is known to be away rather than wait out its timeouts. When that
   * answer is older than `maxAgeMs` a new check starts in the background, so the hot path keeps
   * it fresh even when nobody probes `/readyz`.
   */
  lastKnown(): boolean | undefined;
}

export function readinessCheck(check: () => Promise<boolean> | boolean, { timeoutMs, maxAgeMs = 0, now = Date.now }: ReadinessCheckOptions): ReadinessProbe {
  let last: { at: number; ready: boolean } | undefined;
  let answering: Promise<boolean> | undefined;

  async function answer(): Promise<boolean> {
    const pending = Promise.resolve()
      .then(check)
      .then(
        (ready) => ready === true,
        () => false,
      );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
      timer.unref();
    });
    try {
      const ready = await Promise.race([pending, late]);
      last = { at: now(), ready };
      return ready;
    } finally {
      clearTimeout(timer);
    }
  }

  const probe = () => {
    if (last && now() - last.at < maxAgeMs) return Promise.resolve(last.ready);
    answering ??= answer().finally(() => (answering = undefined));
    return answering;
  };
  return Object.assign(probe, {
    lastKnown() {
      void probe();
      return last?.ready;
    },
  });
}
