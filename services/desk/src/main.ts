import { telemetry } from './telemetry.js';
import { createStaffTokens } from '@priemnaya/auth';
import { runService } from '@priemnaya/runtime';
import { buildDesk } from './app.js';
import { createIntakeClient } from './data-access/intake-client.js';
import { createRegistryClient } from './data-access/registry-client.js';
import { createRouterClient } from './data-access/router-client.js';
import { DeskEnv } from './env.js';

await runService({
  telemetry,
  service: 'desk',
  envSchema: DeskEnv,
  async build({ config, logger }) {
    const intake = createIntakeClient(config.INTAKE_GRPC_ADDRESS, {
      registerTimeoutMs: config.INTAKE_REGISTER_TIMEOUT_MS,
      lookupTimeoutMs: config.INTAKE_LOOKUP_TIMEOUT_MS,
    });
    const { http, grpc } = await buildDesk({
      logger,
      tokens: createStaffTokens(config.STAFF_TOKEN_SECRET),
      intake,
      registry: createRegistryClient(config.REGISTRY_URL, config.REGISTRY_TIMEOUT_MS),
      router: createRouterClient(config.ROUTER_URL, config.ROUTER_TIMEOUT_MS),
    });
    return {
      http,
      grpc: { server: grpc, host: config.GRPC_HOST, port: config.GRPC_PORT },
      start: async () => {},
      // Runs after the gRPC server has let its calls finish.
      stop: async () => intake.close(),
    };
  },
});
