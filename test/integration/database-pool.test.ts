import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrmConfig } from '../../src/db/orm-config.js';
import { createLogger } from '../../src/logger.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

describe('the database pool', () => {
  let database: TestDatabase;
  let orm: MikroORM;
  beforeAll(async () => {
    database = await createTestDatabase();
    const db = { poolMax: 1, acquireTimeoutMs: 300, connectTimeoutMs: 2_000, statementTimeoutMs: 500 };
    orm = await MikroORM.init(createOrmConfig({ databaseUrl: database.url, db }, createLogger({ logLevel: 'silent' })));
  });
  afterAll(async () => {
    await orm.close(true);
    await database.drop();
  });

  it('has the server cut off statements that run longer than the statement timeout', async () => {
    const em = orm.em.fork();
    expect(await em.execute(`select current_setting('statement_timeout') as value`)).toEqual([{ value: '500ms' }]);
    await expect(em.execute('select pg_sleep(2)')).rejects.toThrow(/statement timeout/);
  });

  it('fails fast when every connection is taken, instead of queueing forever', async () => {
    const holder = orm.em.fork();
    let release!: () => void;
    const held = holder.transactional(async (em) => {
      await em.execute('select 1');
      await new Promise<void>((resolve) => (release = resolve));
    });
    await expect.poll(() => typeof release).toBe('function');
    await expect(orm.em.fork().execute('select 1')).rejects.toThrow(/Timeout acquiring a connection/);
    release();
    await held;
    expect(await orm.em.fork().execute('select 1 as one')).toEqual([{ one: 1 }]);
  });
});
