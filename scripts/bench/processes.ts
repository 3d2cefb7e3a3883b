/**
 * The servers under test, each its own `node` process started the way it is deployed: no tsx,
 * no inherited NODE_OPTIONS, output straight into a log file (the orchestrator never reads a
 * pipe, which would put the servers' logging on its own CPU).
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { projectRoot } from '../../src/version.js';
import type { Cleanup } from './cleanup.js';
import type { Endpoint } from './load.js';

export interface Service {
  readonly name: string;
  readonly pid: number;
  readonly endpoint: Endpoint;
  readonly origin: string;
  readonly logFile: string;
  /** SIGTERM, then SIGKILL after a grace period; resolves once the process has exited. */
  stop(): Promise<void>;
}

export interface ServiceSpec {
  readonly name: string;
  /** A JavaScript file, relative to the project root. */
  readonly script: string;
  readonly port: number;
  readonly env: Readonly<Record<string, string>>;
  readonly logFile: string;
  /** Options for node itself (a CPU profile), before the script. */
  readonly nodeArgs?: readonly string[];
  /** A request that answers 200 once the server is ready. */
  readonly ready: { readonly method: 'GET' | 'POST'; readonly path: string; readonly body?: string };
}

const startTimeoutMs = 60_000;
const stopGraceMs = 10_000;

function logTail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Starts a server, registers its stop with `cleanup`, and resolves once it answers `ready`. */
export async function startService(spec: ServiceSpec, cleanup: Cleanup): Promise<Service> {
  const log = openSync(spec.logFile, 'a');
  const child = spawn(process.execPath, [...(spec.nodeArgs ?? []), spec.script], {
    cwd: projectRoot,
    // Only what the server needs: nothing of the orchestrator's environment (tsx's loader
    // options, a developer's DATABASE_URL) leaks into the measured process.
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...spec.env },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${spec.name} did not start (${spec.script})`);
  let exitCode: number | string | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exitCode = code ?? signal ?? 'unknown';
      resolve();
    }),
  );
  const stop = cleanup.add(`stop ${spec.name}`, async () => {
    if (exitCode !== undefined) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
    await exited;
    clearTimeout(timer);
  });
  const origin = `http://127.0.0.1:${spec.port}`;
  const deadline = Date.now() + startTimeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (exitCode !== undefined)
      throw new Error(`${spec.name} exited (${exitCode}) before it was ready; its log (${spec.logFile}) ends:\n${logTail(spec.logFile)}`);
    try {
      const response = await fetch(`${origin}${spec.ready.path}`, {
        method: spec.ready.method,
        ...(spec.ready.body === undefined ? {} : { body: spec.ready.body, headers: { 'content-type': 'application/json' } }),
      });
      await response.arrayBuffer();
      if (response.status === 200) return { name: spec.name, pid, endpoint: { host: '127.0.0.1', port: spec.port }, origin, logFile: spec.logFile, stop };
      last = `status ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`${spec.name} was not ready within ${startTimeoutMs / 1000} s (last: ${last}); its log (${spec.logFile}) ends:\n${logTail(spec.logFile)}`);
}
