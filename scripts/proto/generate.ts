// Generates the TypeScript of every .proto in proto/ into packages/grpc/src/generated, with buf
// and ts-proto from the lockfile. Skips the work when the protos have not changed since the last run.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const protoDir = path.join(root, 'proto');
const outDir = path.join(root, 'packages/grpc/src/generated');
const stamp = path.join(outDir, '.inputs-hash');
const buf = path.join(root, 'packages/grpc/node_modules/.bin/buf');

const inputs = readdirSync(protoDir, { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith('.proto') || file.endsWith('.yaml'))
  .sort();
const hash = createHash('sha256');
for (const file of inputs) hash.update(file).update(readFileSync(path.join(protoDir, file)));
hash.update(readFileSync(path.join(root, 'pnpm-lock.yaml')));
const digest = hash.digest('hex');

if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest && !process.argv.includes('--force')) {
  process.stderr.write('[proto] generated code is up to date\n');
} else {
  process.stderr.write(`[proto] generating TypeScript from ${inputs.filter((f) => f.endsWith('.proto')).length} .proto files\n`);
  rmSync(outDir, { recursive: true, force: true });
  execFileSync(buf, ['lint'], { cwd: protoDir, stdio: 'inherit' });
  execFileSync(buf, ['generate'], { cwd: protoDir, stdio: 'inherit' });
  writeFileSync(stamp, digest);
}
