import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { inject } from 'vitest';
import { createOrmConfig } from '../../src/db/orm-config.js';
import { createLogger } from '../../src/logger.js';
import { adminQuery, databaseUrl, testDbSettings } from './database-server.js';

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test file: a clone of the migrated template (`migrated: true`,
 * the default) or an empty one, for tests of start-up on a fresh database.
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const server = inject('databaseServer');
  const name = `${server.prefix}${randomBytes(5).toString('hex')}`;
  const template = options.migrated === false ? 'template0' : server.template;
  await adminQuery(server.adminUrl, `create database "${name}" template "${template}"`);
  return {
    name,
    url: databaseUrl(server, name),
    drop: () => adminQuery(server.adminUrl, `drop database if exists "${name}" with (force)`).then(() => undefined),
  };
}

/** An ORM on a fresh migrated database; `close` also drops the database. */
export async function createTestOrm(): Promise<{ orm: MikroORM; database: TestDatabase; close(): Promise<void> }> {
  const database = await createTestDatabase();
  const orm = await MikroORM.init(createOrmConfig({ databaseUrl: database.url, ...testDbSettings }, createLogger({ logLevel: 'silent' })));
  return {
    orm,
    database,
    close: async () => {
      await orm.close(true);
      await database.drop();
    },
  };
}
