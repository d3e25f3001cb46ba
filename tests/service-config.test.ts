import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLEET_SERVICES } from '../scripts/fleet/fleet.js';

const ROOT = path.resolve(import.meta.dirname, '..');

async function startWithEnv(entry: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, entry)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}

describe('service start-up configuration', () => {
  // Every service of the fleet with Kafka and a database; the platform simulator is a stand-in,
  // not a service, and the console has neither (below).
  it.each(FLEET_SERVICES.filter((s) => s.entry.startsWith('services/') && s.name !== 'console').map((s) => [s.name, s.entry]))(
    'when %s is started with a missing and a malformed variable, it stops naming both',
    async (service, entry) => {
      const { code, stderr } = await startWithEnv(entry, { MONGO_URL: 'mongodb://127.0.0.1:1', HTTP_PORT: 'eighty' });
      expect(code).toBe(78);
      expect(stderr).toContain(`${service}: cannot start`);
      expect(stderr).toContain('KAFKA_BROKERS: is required');
      expect(stderr).toContain('HTTP_PORT: must be a number, got "eighty"');
    },
  );

  // Every variable of the console has a default (it keeps nothing of its own), so none can be
  // missing; two malformed ones are both named.
  it('when the console is started with two malformed variables, it stops naming both', async () => {
    const console = FLEET_SERVICES.find((s) => s.name === 'console');
    expect(console).toBeDefined();
    const { code, stderr } = await startWithEnv(console?.entry ?? '', { HTTP_PORT: 'eighty', DESK_GRPC_ADDRESS: 'desk-without-port' });
    expect(code).toBe(78);
    expect(stderr).toContain('console: cannot start');
    expect(stderr).toContain('HTTP_PORT: must be a number, got "eighty"');
    expect(stderr).toContain('DESK_GRPC_ADDRESS: must be host:port');
  });
});
