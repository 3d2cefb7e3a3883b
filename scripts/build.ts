/**
 * Builds `dist/` with tsc (the server) and Vite (the admin portal, into dist/portal) and stamps it with a fingerprint of what it was built from, so that
 * `npm start` rebuilds only when the sources changed (scripts/start.ts).
 *
 *   tsx scripts/build.ts               clean build (images, the benchmark)
 *   tsx scripts/build.ts --if-changed  build incrementally, and only when the fingerprint differs
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** What the build reads: its sources, its compiler settings, and the installed dependencies' versions. */
const inputs = { folders: ['src', 'migrations', 'portal'], files: ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'] };
const stampFile = 'dist/.source-fingerprint';

async function filesUnder(root: string, folder: string): Promise<string[]> {
  const entries = await fs.readdir(path.join(root, folder), { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

/** A hash over the path and content of every input file: equal fingerprints build equal output. */
export async function sourceFingerprint(root: string): Promise<string> {
  const files = [...(await Promise.all(inputs.folders.map((f) => filesUnder(root, f)))).flat(), ...inputs.files].sort();
  const hash = createHash('sha256');
  for (const file of files) {
    const content = await fs.readFile(path.join(root, file)).catch(() => null);
    hash.update(`${file}\0${content === null ? '-' : createHash('sha256').update(content).digest('hex')}\0`);
  }
  return hash.digest('hex');
}

/** True when `dist/` was built from exactly the sources there are now. */
export async function isBuildCurrent(root: string): Promise<boolean> {
  const stamp = await fs.readFile(path.join(root, stampFile), 'utf8').catch(() => '');
  return stamp.trim() !== '' && stamp.trim() === (await sourceFingerprint(root));
}

/**
 * Compiles `src/` and `migrations/` into `dist/`, and bundles the portal into `dist/portal/`. A clean build empties `dist/` first; otherwise tsc
 * works incrementally from its build info. The stamp is written last, so an interrupted or failed
 * build is never taken for a current one.
 */
export async function build(root: string, options: { clean: boolean }): Promise<void> {
  const fingerprint = await sourceFingerprint(root);
  if (options.clean) await fs.rm(path.join(root, 'dist'), { recursive: true, force: true });
  else await fs.rm(path.join(root, stampFile), { force: true });
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--incremental', '--tsBuildInfoFile', 'dist/.tsbuildinfo'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  // Vite empties dist/portal itself, so a stale bundle never outlives its sources. NODE_ENV is set
  // because Vite follows an inherited one: under vitest (NODE_ENV=test) it would bundle React's
  // development build.
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'portal/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  await fs.writeFile(path.join(root, stampFile), fingerprint + '\n');
}

/** Builds unless `dist/` is current; says which on stderr. Returns whether it built. */
export async function buildIfChanged(root: string): Promise<boolean> {
  if (await isBuildCurrent(root)) return false;
  process.stderr.write('Building dist/ (the sources changed since the last build)…\n');
  const started = Date.now();
  await build(root, { clean: false });
  process.stderr.write(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = path.resolve(import.meta.dirname, '..');
  try {
    if (process.argv.includes('--if-changed')) await buildIfChanged(root);
    else await build(root, { clean: true });
  } catch {
    // tsc or Vite has printed its diagnostics.
    process.exit(1);
  }
}
