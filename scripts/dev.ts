/**
 * `npm run dev`: the API from sources in watch mode (`npm run dev:api`, tsx) and the admin portal's
 * Vite dev server with hot reload (`npm run dev:portal`), side by side. Vite proxies /graphql (and
 * /scim, /healthz, /readyz) to the API, so the portal on http://127.0.0.1:5173 talks to it as the
 * built portal does on the API's own port. Ctrl-C stops both; if one stops, so does the other.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const apiPort = process.env.PORT ?? '4000';

const children: ChildProcess[] = [
  spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'watch', '--clear-screen=false', 'src/main.ts'], { cwd: root, stdio: 'inherit' }),
  spawn(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), '--config', 'portal/vite.config.ts'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ROSTER_API_URL: process.env.ROSTER_API_URL ?? `http://127.0.0.1:${apiPort}` },
  }),
];

let stopping = false;
function stopAll(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill(signal);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stopAll(signal));
for (const child of children) {
  child.on('exit', (code) => {
    stopAll('SIGTERM');
    if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(code ?? 0);
  });
}
