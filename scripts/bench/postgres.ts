/**
 * The PostgreSQL server of a run: an embedded one in the run's temp folder, or the server that
 * BENCH_DATABASE_URL points at. Every database the benchmark uses is created fresh on it and
 * given Roster's real schema by Roster's own migrations, so the floors read and write the very
 * tables and indexes Roster does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from '../../src/logger.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase, redactUrl } from '../../src/db/database.js';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { applyMigrations } from '../../src/db/migrator.js';
import type { Cleanup } from './cleanup.js';
import { parentPid } from './proc-cpu.js';

export interface BenchPostgres {
  /** e.g. "PostgreSQL 17.6 on x86_64-pc-linux-gnu…" */
  readonly version: string;
  /** Where it is, password hidden. */
  readonly display: string;
  readonly embedded: boolean;
  /** The postmaster's pid when its processes are visible in this machine's /proc; else undefined. */
  readonly postmasterPid: number | undefined;
  /** Creates a fresh database with Roster's schema; returns its URL and a function dropping it. */
  createDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> }>;
  /**
   * Writes every dirty page out now (CHECKPOINT), before each measured phase of each server: left
   * to its schedule, a checkpoint lands in whichever phase is running (its writes, and the full
   * page images every first change of a page writes after it, charged to that phase's PostgreSQL
   * CPU). Skipped, with one note, where the role may not (neither superuser nor pg_checkpoint).
   */
  checkpoint(): Promise<void>;
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * The postmaster of the server we are connected to: a backend's parent. Only trusted when the
 * server is on this machine and that process is a PostgreSQL one (a remote server's backend pid
 * could be any local process).
 */
function findPostmaster(serverUrl: string, backendPid: number): number | undefined {
  const host = new URL(serverUrl).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]', '::1', ''].includes(host)) return undefined;
  const ppid = parentPid(backendPid);
  if (ppid === undefined) return undefined;
  try {
    return /postgres/.test(readFileSync(`/proc/${ppid}/cmdline`, 'utf8')) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Vacuums every table of a database and refreshes its planner statistics, as autovacuum does but
 * now: between phases, so that neither server's phase is charged (in PostgreSQL CPU) for the
 * vacuum of the dead rows the phase before it left, which autovacuum would start at a moment that
 * depends on timing.
 */
export async function analyze(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'roster-bench' });
  await client.connect();
  try {
    await client.query('vacuum analyze');
  } finally {
    await client.end();
  }
}

export async function startBenchPostgres(tempDir: string, cleanup: Cleanup, logger: Logger): Promise<BenchPostgres> {
  let serverUrl = process.env.BENCH_DATABASE_URL;
  const embedded = serverUrl === undefined || serverUrl === '';
  if (embedded) {
    const server = await startEmbeddedPostgres({ dataDir: path.join(tempDir, 'postgres'), logger, databaseName: 'postgres' });
    cleanup.add('stop the embedded PostgreSQL', () => server.stop());
    serverUrl = server.url;
  }
  const adminUrl = serverUrl ?? '';
  const admin = new pg.Client({ connectionString: adminUrl, application_name: 'roster-bench' });
  await admin.connect();
  // A dropped admin connection (the server stopped under us on Ctrl-C) must not crash the run.
  admin.on('error', () => undefined);
  cleanup.add('close the admin connection', () => admin.end());
  const { rows } = await admin.query<{ version: string; pid: number }>('select version() as version, pg_backend_pid() as pid');
  const info = rows[0];
  if (!info) throw new Error('PostgreSQL did not answer select version()');
  const postmasterPid = findPostmaster(adminUrl, info.pid);
  if (postmasterPid === undefined) process.stderr.write('PostgreSQL runs elsewhere (not in this /proc): its CPU is not measured.\n');
  let checkpoints = true;
  const config = (url: string) => loadConfig({ NODE_ENV: 'production', DATABASE_URL: url, PUBLIC_URL: 'http://127.0.0.1', LOG_LEVEL: 'warn' });

  return {
    version: info.version,
    display: redactUrl(adminUrl),
    embedded,
    postmasterPid,
    async checkpoint() {
      if (!checkpoints) return;
      try {
        await admin.query('checkpoint');
      } catch (error) {
        checkpoints = false;
        process.stderr.write(`CHECKPOINT refused (${(error as Error).message}): phases are measured without one before each.\n`);
      }
    },
    async createDatabase(name) {
      const quoted = admin.escapeIdentifier(name);
      await admin.query(`drop database if exists ${quoted} with (force)`);
      await admin.query(`create database ${quoted}`);
      const drop = cleanup.add(`drop database ${name}`, async () => {
        // An embedded server may already have stopped (Ctrl-C reaches it too); its databases go
        // with the temp folder, so only a failure on BENCH_DATABASE_URL's server is worth a word.
        await admin.query(`drop database if exists ${quoted} with (force)`).catch((error: unknown) => {
          if (!embedded) throw error;
        });
      });
      const url = withDatabase(adminUrl, name);
      // Roster's migrations, applied the way Roster applies them (its ORM config and migrator).
      const database = await openDatabase(config(url), logger);
      try {
        await applyMigrations(database.orm, logger);
      } finally {
        await database.close();
      }
      return { url, drop };
    },
  };
}
