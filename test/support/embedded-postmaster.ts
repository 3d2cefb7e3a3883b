import { spawn } from 'node:child_process';
import { readFileSync, readlinkSync, statSync } from 'node:fs';
import path from 'node:path';
import { isProcessAlive } from '../../src/db/directory-lock.js';

/** The embedded PostgreSQL of a Roster server on DATA_DIR, as the operating system sees it. */
export interface Postmaster {
  readonly pid: number;
  readonly port: number;
  /** The binary and arguments it runs with (from /proc), so it can be started again exactly so. */
  readonly exe: string;
  readonly argv: readonly string[];
}

/**
 * Reads DATA_DIR/postgres/postmaster.pid (line 1 the pid, line 4 the port: PostgreSQL's
 * `pidfile.h`) and the process's command line from /proc.
 */
export function postmasterOf(dataDir: string): Postmaster {
  const lines = readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  return { pid, port, exe: readlinkSync(`/proc/${pid}/exe`), argv: argv.slice(1) };
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !condition();) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Fast shutdown (SIGINT: PostgreSQL rolls back open transactions and disconnects everyone), then waits for the exit. */
export async function stopPostmaster(postmaster: Postmaster): Promise<void> {
  process.kill(postmaster.pid, 'SIGINT');
  await until(() => !isProcessAlive(postmaster.pid), 15_000, `PostgreSQL (pid ${postmaster.pid}) did not stop`);
}

/**
 * Starts the same PostgreSQL again on the same data and port, as the user owning the cluster (as
 * root it cannot run as root), detached from the Roster server, which knows nothing of it.
 * Resolves once it accepts connections; `stop` shuts it down (a Roster stopping on SIGTERM
 * leaves a PostgreSQL it did not start running, as after any restart behind its back).
 */
export async function restartPostmaster(dataDir: string, like: Postmaster): Promise<{ pid: number; stop(): Promise<void> }> {
  const owner = statSync(path.join(dataDir, 'postgres'));
  const asOwner = process.getuid?.() === 0 ? { uid: owner.uid, gid: owner.gid } : {};
  const child = spawn(like.exe, [...like.argv], { ...asOwner, stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('database system is ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`PostgreSQL exited (${code}) before it was ready:\n${output}`)));
  });
  const pid = child.pid ?? 0;
  return {
    pid,
    stop: async () => {
      if (!isProcessAlive(pid)) return;
      child.kill('SIGINT');
      await until(() => !isProcessAlive(pid), 15_000, `PostgreSQL (pid ${pid}) did not stop`);
    },
  };
}
