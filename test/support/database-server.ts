import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { createOrmConfig } from '../../src/db/orm-config.js';
import { applyMigrations } from '../../src/db/migrator.js';
import { createLogger } from '../../src/logger.js';

/** The PostgreSQL server the tests use, and the names of their databases on it. */
export interface TestDatabaseServer {
  /** A URL on the server with the right to create databases. */
  readonly adminUrl: string;
  /** Every database the run creates starts with this, so teardown finds them all. */
  readonly prefix: string;
  /** A database with every migration applied, cloned for each test file. */
  readonly template: string;
}

export const testDbSettings = { db: { poolMax: 5, acquireTimeoutMs: 5_000, connectTimeoutMs: 5_000, statementTimeoutMs: 15_000 } } as const;

export function databaseUrl(server: TestDatabaseServer, name: string): string {
  const url = new URL(server.adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(adminUrl: string, sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

export async function migrateDatabase(server: TestDatabaseServer, name: string): Promise<void> {
  const logger = createLogger({ logLevel: 'silent' });
  const orm = await MikroORM.init(createOrmConfig({ databaseUrl: databaseUrl(server, name), ...testDbSettings }, logger));
  try {
    await applyMigrations(orm, logger);
  } finally {
    await orm.close(true);
  }
}

export async function dropDatabasesWithPrefix(server: TestDatabaseServer): Promise<void> {
  const { rows } = await adminQuery(server.adminUrl, `select datname from pg_database where starts_with(datname, $1)`, [server.prefix]);
  for (const { datname } of rows as { datname: string }[]) {
    await adminQuery(server.adminUrl, `drop database if exists "${datname}" with (force)`);
  }
}
