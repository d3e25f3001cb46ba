import client from 'prom-client';

/**
 * One Prometheus registry per process, with Node's process metrics, served by every service at
 * `GET /metrics`. Metric names start with `priemnaya_`; label values are route templates, topic
 * names, partitions, stages and decision kinds, never anything an appeal or a person says.
 */
export const metricsRegistry = new client.Registry();
client.collectDefaultMetrics({ register: metricsRegistry, prefix: 'priemnaya_' });

export const METRICS_CONTENT_TYPE = metricsRegistry.contentType;

type Labels<L extends string> = Partial<Record<L, string | number>>;

export interface Counter<L extends string> {
  inc(labels?: Labels<L>, value?: number): void;
}
export interface Gauge<L extends string> {
  set(labels: Labels<L>, value: number): void;
}
export interface Histogram<L extends string> {
  observe(labels: Labels<L>, value: number): void;
}

/**
 * Metrics are defined where they are counted, at module level or per app; several apps in one
 * process (tests) share one definition by name rather than failing on a second registration.
 */
function existing<M>(name: string): M | undefined {
  return metricsRegistry.getSingleMetric(name) as M | undefined;
}

function checkName(name: string): void {
  if (!name.startsWith('priemnaya_')) throw new Error(`metric name ${name} must start with priemnaya_`);
}

export function counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
  checkName(name);
  const metric = existing<client.Counter<L>>(name) ?? new client.Counter<L>({ name, help, labelNames, registers: [metricsRegistry] });
  return { inc: (labels = {}, value = 1) => metric.inc(labels, value) };
}

export function gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
  checkName(name);
  const metric = existing<client.Gauge<L>>(name) ?? new client.Gauge<L>({ name, help, labelNames, registers: [metricsRegistry] });
  return { set: (labels, value) => metric.set(labels, value) };
}

/**
 * A gauge whose values are computed when Prometheus scrapes. `collect` returns every labelled
 * value; series that it no longer returns are dropped. The latest `collect` is the one used, so
 * an app built again (tests) replaces the previous one's source.
 */
export function collectedGauge<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
  collect: () => Promise<{ labels: Labels<L>; value: number }[]>,
): () => void {
  checkName(name);
  const source = collect;
  collectors.set(name, source);
  // Stops the gauge calling back into an app that has closed.
  const detach = () => {
    if (collectors.get(name) === source) collectors.delete(name);
  };
  if (existing(name)) return detach;
  new client.Gauge<L>({
    name,
    help,
    labelNames,
    registers: [metricsRegistry],
    async collect() {
      const source = collectors.get(name);
      if (!source) {
        this.reset();
        return;
      }
      const values = await source().catch(() => undefined);
      // A failed collection leaves the last values in place rather than reporting zeros.
      if (!values) return;
      this.reset();
      for (const { labels, value } of values) this.set(labels as Labels<L>, value);
    },
  });
  return detach;
}
const collectors = new Map<string, () => Promise<{ labels: Labels<string>; value: number }[]>>();

export function histogram<L extends string>(name: string, help: string, labelNames: readonly L[], buckets: number[]): Histogram<L> {
  checkName(name);
  const metric = existing<client.Histogram<L>>(name) ?? new client.Histogram<L>({ name, help, labelNames, buckets, registers: [metricsRegistry] });
  return { observe: (labels, value) => metric.observe(labels, value) };
}

/** The registry's text exposition, what `GET /metrics` answers. */
export function renderMetrics(): Promise<string> {
  return metricsRegistry.metrics();
}

/**
 * A value computed at most once per `maxAgeMs`: for gauges whose source is a database scan, so
 * that frequent scrapes cost one query per period. Concurrent callers share one computation.
 */
export function cachedValue<T>(compute: () => Promise<T>, maxAgeMs: number, now: () => number = Date.now): () => Promise<T> {
  let last: { at: number; value: T } | undefined;
  let pending: Promise<T> | undefined;
  return () => {
    if (last && now() - last.at < maxAgeMs) return Promise.resolve(last.value);
    pending ??= compute()
      .then((value) => {
        last = { at: now(), value };
        return value;
      })
      .finally(() => (pending = undefined));
    return pending;
  };
}
