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
export function readinessCheck(check: () => Promise<boolean> | boolean, { timeoutMs, maxAgeMs = 0, now = Date.now }: ReadinessCheckOptions): () => Promise<boolean> {
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

  return () => {
    if (last && now() - last.at < maxAgeMs) return Promise.resolve(last.ready);
    answering ??= answer().finally(() => (answering = undefined));
    return answering;
  };
}
