import type { PrivateServer } from '@priemnaya/testing';
import type { ServiceName } from '../../fleet/fleet.js';
import { READY_REPORT_MS, type Recovery } from './drill-summary.js';
import { DRILL_SERVICES, sleep, type UnderLoad } from './fleet-under-load.js';

/**
 * Services whose `/readyz` depends on the broker or the database. The simulator has neither; nor
 * has the desk, a gRPC front of ingest, whose callers get UNAVAILABLE from ingest's 503 instead.
 */
const PROBED: readonly ServiceName[] = DRILL_SERVICES.filter((name) => name !== 'pos-simulator' && name !== 'desk');
/** Well beyond a readiness answer's own bound (1.5 s a check): a probe not answered in this long is a hang. */
const PROBE_TIMEOUT_MS = 10_000;
const PROBE_EVERY_MS = 1_000;

/** How a dependency is taken away and given back, and the words for it. */
export interface OutageSteps {
  down(): Promise<unknown>;
  up(): Promise<unknown>;
  /** "stopping the database", "freezing the database (SIGSTOP)". */
  downSaid(what: string): string;
  /** "starting the database again", "thawing the database (SIGCONT)". */
  upSaid(what: string): string;
  /** What it is meanwhile: "down", "frozen". */
  state: string;
}

/** Stopped as an operator stops a server, then started again from the same data. */
export function stopStart(...servers: PrivateServer[]): OutageSteps {
  return { down: () => Promise.all(servers.map((s) => s.stop())), up: () => Promise.all(servers.map((s) => s.start())), downSaid: (what) => `stopping the ${what}`, upSaid: (what) => `starting the ${what} again`, state: 'down' };
}

/** Paused (SIGSTOP): it still accepts connections and never answers; then resumed (SIGCONT). */
export function freezeThaw(...servers: PrivateServer[]): OutageSteps {
  return { down: () => Promise.all(servers.map((s) => s.freeze())), up: () => Promise.all(servers.map((s) => s.thaw())), downSaid: (what) => `freezing the ${what} (SIGSTOP)`, upSaid: (what) => `thawing the ${what} (SIGCONT)`, state: 'frozen' };
}

/** Killed (SIGKILL: nothing flushed or closed), then started again from the same data. */
export function killStart(...servers: PrivateServer[]): OutageSteps {
  return { down: () => Promise.all(servers.map((s) => s.kill())), up: () => Promise.all(servers.map((s) => s.start())), downSaid: (what) => `killing the ${what} (SIGKILL)`, upSaid: (what) => `starting the ${what} again`, state: 'down' };
}

/** What one service's `/readyz` said while its dependency was away. */
interface Watched {
  service: ServiceName;
  /** Ms from the start of the outage to its first 503. */
  firstUnavailableMs: number | undefined;
  /** 200 answers after that first 503, while the dependency was still away. */
  readyAgainWhileAway: number;
  /** Probes not answered at all (no connection, or no answer within PROBE_TIMEOUT_MS), and the slowest answer. */
  unanswered: number;
  slowestMs: number;
}

/**
 * Takes a private broker or database (or several) away under load for `downMs` by `steps.down`,
 * says which services' `/readyz` turned 503 meanwhile (and which hung or stayed ready), gives it
 * back by `steps.up`, and waits up to READY_REPORT_MS for every service to be ready; resolves
 * with how long that took, for the drill to judge.
 */
export async function outage(what: string, steps: OutageSteps, downMs: number, { isolated, say }: UnderLoad): Promise<Recovery> {
  // "the broker and the database were down"
  const [is, was] = / and /.test(what) ? ['are', 'were'] : ['is', 'was'];
  say(steps.downSaid(what));
  await steps.down();
  const awayFrom = Date.now();
  const backAt = awayFrom + downMs;
  say(`the ${what} ${is} ${steps.state}; probing /readyz for ${downMs / 1000} s`);
  const watched = await Promise.all(PROBED.map((service) => watch(service, isolated.fleet.urls[service], awayFrom, backAt)));
  const unavailable = watched.filter(({ firstUnavailableMs }) => firstUnavailableMs !== undefined);
  say(`while the ${what} ${was} ${steps.state}, /readyz said 503 for: ${unavailable.map(({ service, firstUnavailableMs }) => `${service} (after ${seconds(firstUnavailableMs ?? 0)} s)`).join(', ') || 'none'}`);
  const stayedReady = watched.filter(({ firstUnavailableMs }) => firstUnavailableMs === undefined).map(({ service }) => service);
  if (stayedReady.length > 0) say(`never 503 in ${downMs / 1000} s with the ${what} ${steps.state}: ${stayedReady.join(', ')}`);
  const flapped = watched.filter(({ readyAgainWhileAway }) => readyAgainWhileAway > 0);
  if (flapped.length > 0) say(`said ready again while the ${what} ${was} still ${steps.state}: ${flapped.map(({ service, readyAgainWhileAway }) => `${service} (${readyAgainWhileAway} times)`).join(', ')}`);
  const hung = watched.filter(({ unanswered }) => unanswered > 0);
  if (hung.length > 0) say(`/readyz gave no answer in ${PROBE_TIMEOUT_MS / 1000} s (or refused) while the ${what} ${was} ${steps.state}: ${hung.map(({ service, unanswered }) => `${service} (${unanswered} probes)`).join(', ')}`);
  say(`slowest /readyz answers meanwhile: ${watched.map(({ service, slowestMs }) => `${service} ${seconds(slowestMs)} s`).join(', ')}`);

  say(steps.upSaid(what));
  const upFrom = Date.now();
  await steps.up();
  say(`the ${what} ${is} back (that took ${seconds(Date.now() - upFrom)} s); waiting for every service to be ready`);
  const after = `the ${what} came back`;
  const recovery = await readyAgain(PROBED.map((service) => ({ service, url: isolated.fleet.urls[service] })), after);
  if (recovery.worstMs !== undefined) say(`every service ready again ${seconds(recovery.worstMs)} s after ${after} (slowest: ${recovery.worst})`);
  else say(`not ready ${READY_REPORT_MS / 1000} s after ${after}: ${recovery.notReady.join(', ')}`);
  return recovery;
}

/** Polls every service's `/readyz` until each answers 200, up to READY_REPORT_MS; counts from now. */
export async function readyAgain(services: readonly { service: string; url: string }[], after: string): Promise<Recovery> {
  const from = Date.now();
  const times = await Promise.all(
    services.map(async ({ service, url }) => {
      for (;;) {
        if ((await probe(url)).status === 200) return { service, ms: Date.now() - from };
        if (Date.now() - from > READY_REPORT_MS) return { service, ms: undefined };
        await sleep(500);
      }
    }),
  );
  const notReady = times.filter(({ ms }) => ms === undefined).map(({ service }) => service);
  const slowest = times.reduce<{ service: string; ms: number } | undefined>((worst, t) => (t.ms !== undefined && (!worst || t.ms > worst.ms) ? { service: t.service, ms: t.ms } : worst), undefined);
  return notReady.length > 0 ? { after, worstMs: undefined, worst: notReady[0], notReady } : { after, worstMs: slowest?.ms ?? 0, worst: slowest?.service, notReady: [] };
}

async function watch(service: ServiceName, url: string, from: number, until: number): Promise<Watched> {
  const watched: Watched = { service, firstUnavailableMs: undefined, readyAgainWhileAway: 0, unanswered: 0, slowestMs: 0 };
  while (Date.now() < until) {
    const started = Date.now();
    // The outage ends on time: a probe still waiting then is left to itself, not counted.
    const answer = await Promise.race([probe(url), sleep(until - started).then(() => undefined)]);
    if (!answer) {
      watched.slowestMs = Math.max(watched.slowestMs, Date.now() - started);
      break;
    }
    const { status, ms } = answer;
    watched.slowestMs = Math.max(watched.slowestMs, ms);
    if (status === 0) watched.unanswered += 1;
    else if (status === 503 && watched.firstUnavailableMs === undefined) watched.firstUnavailableMs = Date.now() - from;
    else if (status === 200 && watched.firstUnavailableMs !== undefined) watched.readyAgainWhileAway += 1;
    await sleep(Math.min(PROBE_EVERY_MS, Math.max(0, until - Date.now())));
  }
  return watched;
}

/** One `/readyz` probe: its status (0 when nothing answered) and how long it took. */
async function probe(url: string): Promise<{ status: number; ms: number }> {
  const from = Date.now();
  const status = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) }).then(
    async (response) => {
      await response.arrayBuffer().catch(() => undefined);
      return response.status;
    },
    () => 0,
  );
  return { status, ms: Date.now() - from };
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}
