import { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { openSharedEmbeddedPostgres } from './embedded-attach.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.js';
import { createOrmConfig } from './orm-config.js';
import { bindRequestDeadlines } from './request-deadline.js';

export interface Database {
  readonly orm: MikroORM;
  /** Where the database is, with any password replaced by `***`, for logs and the start banner. */
  readonly displayUrl: string;
  readonly embedded: boolean;
  /** Closes the pool, then stops the embedded server if there is one. Idempotent. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  readonly authoringMigrations?: boolean;
  /**
   * On the embedded database, use the PostgreSQL of the Roster server running on `DATA_DIR` when
   * there is one, instead of failing on its lock (operator commands; see embedded-attach.ts).
   */
  readonly shareEmbedded?: boolean;
}

/**
 * Opens the configured database: `DATABASE_URL` when set, otherwise the embedded PostgreSQL under
 * `DATA_DIR`. The ORM is created without waiting for the server, so a database that is down at
 * start does not stop the process (readiness reports it instead). Its pool keeps API requests'
 * deadlines (request-deadline.ts).
 */
export async function openDatabase(config: Config, logger: Logger, options: OpenDatabaseOptions = {}): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (url === undefined) {
    const embeddedOptions = { dataDir: config.dataDir, port: config.embeddedPgPort, logger };
    embedded = options.shareEmbedded ? await openSharedEmbeddedPostgres(embeddedOptions) : await startEmbeddedPostgres(embeddedOptions);
    url = embedded.url;
  }
  try {
    const orm = await MikroORM.init({
      ...createOrmConfig({ databaseUrl: url, db: config.db }, logger, { authoringMigrations: options.authoringMigrations === true }),
      connect: false,
    });
    bindRequestDeadlines(orm);
    let closed: Promise<void> | undefined;
    return {
      orm,
      displayUrl: redactUrl(url),
      embedded: embedded !== undefined,
      close: () =>
        (closed ??= (async () => {
          await orm.close(true).catch((error: unknown) => logger.warn({ err: error }, 'closing the database pool failed'));
          await embedded?.stop();
        })()),
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
