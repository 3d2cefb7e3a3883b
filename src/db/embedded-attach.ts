import fs from 'node:fs/promises';
import path from 'node:path';
import { DirectoryLockedError, lockHolder } from './directory-lock.js';
import { portFileOf, readPortFile } from './embedded-port-file.js';
import { embeddedDatabaseUrl, EmbeddedPostgresError, startEmbeddedPostgres, type EmbeddedDatabase, type EmbeddedPostgresOptions } from './embedded-postgres.js';

export interface SharedEmbeddedOptions extends Omit<EmbeddedPostgresOptions, 'publishPort'> {
  /** How long a lock holder that has not published its port yet is waited for (default 10 s: a first start runs initdb). */
  readonly waitMs?: number;
}

/**
 * For operator commands on the embedded database, which cannot start PostgreSQL while a server
 * holds the data folder: uses the PostgreSQL of the live Roster process holding `dataDir` (port
 * from postgres-port.json, password from postgres-password), or, when no process holds it, starts
 * one for this process as the server would, without publishing it. Stopping an attached database
 * stops nothing: the server's PostgreSQL keeps running.
 * A holder without a published port may be a server still starting or another command on its own
 * PostgreSQL for a second or two, so it is waited for up to `waitMs`.
 * @throws EmbeddedPostgresError when the holder publishes no port in time, or its password cannot be read
 */
export async function openSharedEmbeddedPostgres(options: SharedEmbeddedOptions): Promise<EmbeddedDatabase> {
  const { dataDir } = options;
  const deadline = Date.now() + (options.waitMs ?? 10_000);
  for (;;) {
    const holder = await lockHolder(dataDir);
    if (holder === undefined) {
      try {
        return await startEmbeddedPostgres({ ...options, publishPort: false });
      } catch (error) {
        // Another process took the folder between the look and the start: look again.
        if (!(error instanceof DirectoryLockedError) || Date.now() >= deadline) throw error;
        continue;
      }
    }
    const record = await readPortFile(dataDir);
    if (record?.pid === holder) {
      const password = await readPassword(dataDir);
      return { url: embeddedDatabaseUrl(password, record.port, options.databaseName ?? 'roster'), port: record.port, stop: () => Promise.resolve() };
    }
    if (Date.now() >= deadline) {
      throw new EmbeddedPostgresError(
        `Another Roster process (pid ${holder}) is using the data folder ${dataDir} but has not published its PostgreSQL port (${portFileOf(dataDir)} is ${record ? 'stale' : 'missing'}): if it is still starting, try again in a moment; otherwise restart it (Roster before this version did not publish it), or set DATABASE_URL.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function readPassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'postgres-password');
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new EmbeddedPostgresError(`Cannot read the embedded PostgreSQL password ${file} (${code}); run this command as the user that runs the server.`);
  }
}
