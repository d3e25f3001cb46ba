import { readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';

const CONSOLE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where the built web application is served from (git-ignored). */
export const WEB_ROOT = path.join(CONSOLE_ROOT, 'dist', 'web');
/** What the build is made of: the application, and the form schemas and pure logic it shares with the server. */
const SOURCES = ['web', 'src/forms', 'src/domain'].map((folder) => path.join(CONSOLE_ROOT, folder));

async function newestSource(directory: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await newestSource(full) : (await stat(full)).mtimeMs);
  }
  return newest;
}

async function builtAt(): Promise<number> {
  return stat(path.join(WEB_ROOT, 'index.html')).then((s) => s.mtimeMs, () => 0);
}

/**
 * Builds the web application when its build is missing or older than a source, so `./scripts/dev
 * up` and the tests serve what the tree holds (vite takes a few seconds). It builds beside the
 * served folder and swaps it in, so a console already serving never sees half a build.
 */
export async function ensureWebBuild(logger: Logger): Promise<'built' | 'current'> {
  const sources = Math.max(...(await Promise.all(SOURCES.map(newestSource))));
  if ((await builtAt()) >= sources) return 'current';
  const started = Date.now();
  const outDir = `${WEB_ROOT}.${process.pid}.tmp`;
  // Vite is a build tool, loaded only when a build is due.
  const { build } = await import('vite');
  await build({ configFile: path.join(CONSOLE_ROOT, 'web', 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  await rm(WEB_ROOT, { recursive: true, force: true });
  try {
    await rename(outDir, WEB_ROOT);
  } catch (error) {
    // Another console of the same tree (a second test fleet) swapped its build in first.
    await rm(outDir, { recursive: true, force: true });
    if ((await builtAt()) === 0) throw error;
  }
  logger.info({ ms: Date.now() - started }, 'web application built');
  return 'built';
}
