/**
 * Runs the Gosuslugi feedback platform simulator (docs/pos-platform-contract.md) on a port for
 * the local fleet, with a few invented items in its feed. More can be published by hand:
 * `curl -X POST http://127.0.0.1:8095/_simulator/items -H 'content-type: application/json' -d '[{...}]'`;
 * `GET /_simulator/state` shows what the adapter acknowledged and posted.
 */
import { env, loadEnv } from '@priemnaya/config';
import { z } from 'zod';
import { aPlatformItem, createPosSimulator } from '../packages/pos-simulator/src/index.js';

const config = loadEnv(
  'pos-simulator',
  z.object({
    POS_SIMULATOR_HOST: env.host(),
    POS_SIMULATOR_PORT: env.port(8095),
    /** The invented client the adapter logs in with; only the simulator knows it. */
    POS_CLIENT_ID: z.string().min(1).default('priemnaya-city'),
    POS_CLIENT_SECRET: z.string().min(1).default('simulator-secret'),
    /** Invented items published at start, appeals and messages in turn. */
    POS_SIMULATOR_SEED_ITEMS: z.coerce.number().int().min(0).max(100).default(3),
  }),
);

const simulator = createPosSimulator({ clientId: config.POS_CLIENT_ID, clientSecret: config.POS_CLIENT_SECRET });
for (let index = 0; index < config.POS_SIMULATOR_SEED_ITEMS; index++) simulator.enqueue(aPlatformItem(index % 2 === 0 ? 'appeal' : 'message'));
const url = await simulator.listen(config.POS_SIMULATOR_PORT, config.POS_SIMULATOR_HOST);
process.stderr.write(`[pos-simulator] listening on ${url} with ${config.POS_SIMULATOR_SEED_ITEMS} items in the feed\n`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    void simulator.close().then(() => process.exit(0));
  });
}
