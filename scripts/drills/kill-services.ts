import { DRILL_SERVICES, sleep, waitForReadiness } from './support/fleet-under-load.js';
import { drillMain, sharedInfra } from './support/drill-main.js';

/**
 * Drill: under a steady load of appeals, each service in turn is killed with SIGKILL (no chance
 * to finish or commit anything) and started again. Runs on the shared broker and database, on
 * topics and databases of its own. The platform simulator stands in for an outside system and is
 * left running.
 */
await drillMain('kill-services', {
  infra: sharedInfra(),
  async disrupt({ isolated, say }) {
    for (const service of DRILL_SERVICES.filter((name) => name !== 'pos-simulator')) {
      const { signal } = await isolated.fleet.kill(service, 'SIGKILL');
      say(`${service} killed (${signal}); restarting it`);
      await sleep(2_000);
      const from = Date.now();
      await isolated.fleet.restart(service);
      say(`${service} ready again after ${((Date.now() - from) / 1000).toFixed(1)} s`);
      await waitForReadiness(isolated.fleet.urls[service], true);
      await sleep(5_000);
    }
  },
});
