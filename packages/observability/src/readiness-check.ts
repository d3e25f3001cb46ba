export interface ReadinessCheckOptions {
  /** How long a probe waits for the check; a check still running then counts as failed. */
  timeoutMs: number;
  /** How long an answer, either way, is given again without asking; 0 asks on every probe. */
  maxAgeMs?: number;
  now?: () => number;
}

/**
 * Wraps a check of a dependency (a database ping, a broker metadata request) for `/readyz`. A
 * probe answers true or false within `timeoutMs` whatever the dependency does: a rejection or a
 * late answer is false. An answer is given again for `maxAgeMs`, so a storm of probes asks the
 * dependency once. Two checks never run at once: concurrent probes share one, and a check still
 * running past a probe's deadline is waited for again by the next probe rather than started
 * afresh, so a dependency that hangs is asked at most once per driver timeout.
 */
export function readinessCheck(check: () => Promise<boolean> | boolean, { timeoutMs, maxAgeMs = 0, now = Date.now }: ReadinessCheckOptions): () => Promise<boolean> {
  let last: { at: number; ready: boolean } | undefined;
  let running: Promise<boolean> | undefined;
  let answering: Promise<boolean> | undefined;

  function startCheck(): Promise<boolean> {
    const started = Promise.resolve()
      .then(check)
      .then(
        (ready) => ready === true,
        () => false,
      );
    running = started;
    void started.then(() => {
      if (running === started) running = undefined;
    });
    return started;
  }

  async function answer(): Promise<boolean> {
    const pending = running ?? startCheck();
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

  return () => {
    if (last && now() - last.at < maxAgeMs) return Promise.resolve(last.ready);
    answering ??= answer().finally(() => (answering = undefined));
    return answering;
  };
}
