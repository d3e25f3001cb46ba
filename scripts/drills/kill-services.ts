import type { ServiceName } from '../fleet/fleet.js';
import { READY_REPORT_MS } from './support/drill-summary.js';
import { drillMain, sharedInfra } from './support/drill-main.js';
import { DRILL_SERVICES, sleep } from './support/fleet-under-load.js';
import { readyAgain } from './support/infra-outage.js';

/**
 * Drill: under a steady load of appeals, each service in turn is killed with SIGKILL (no chance
 * to finish or commit anything) and started again. Runs on the shared broker and database, on
 * topics and databases of its own. The platform simulator stands in for an outside system and is
 * left running. Its time to ready is the worst service's, from its restart to its `/readyz` 200.
 */
await drillMain('kill-services', {
  infra: sharedInfra(),
  async disrupt({ isolated, say }) {
    let worst: { service: ServiceName; ms: number } | undefined;
    const notReady: ServiceName[] = [];
    for (const service of DRILL_SERVICES.filter((name) => name !== 'pos-simulator')) {
      const { signal } = await isolated.fleet.kill(service, 'SIGKILL');
      say(`${service} killed (${signal}); restarting it`);
      await sleep(2_000);
      const from = Date.now();
      // The restart resolves on the first /readyz 200 (or fails after the fleet's ready timeout);
      // either way the service is then watched up to READY_REPORT_MS from its restart.
      await isolated.fleet.restart(service).catch((error: unknown) => say(`${service} restart: ${String(error).split('\n')[0]}`));
      const watched = await readyAgain([{ service, url: isolated.fleet.urls[service] }], 'its restart');
      const ms = watched.worstMs === undefined ? undefined : Date.now() - from;
      say(ms === undefined ? `${service} not ready ${READY_REPORT_MS / 1000} s after its restart` : `${service} ready again after ${(ms / 1000).toFixed(1)} s`);
      if (ms === undefined) notReady.push(service);
      else if (!worst || ms > worst.ms) worst = { service, ms };
      await sleep(5_000);
    }
    const after = 'its restart';
    if (notReady.length > 0) return { after, worstMs: undefined, worst: notReady[0], notReady };
    return { after, worstMs: worst?.ms ?? 0, worst: worst?.service, notReady: [] };
  },
});
