import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Logger } from '../logger.js';

/** Arbitrary constant naming the advisory lock that serialises migrations across instances. */
const migrationLockKey = 7_405_318_221;

/**
 * Applies pending migrations, all in one transaction (`allOrNothing`), and returns their names.
 * PostgreSQL's transactional DDL means a failed start leaves the schema as it was. Several
 * instances starting together take turns through a session advisory lock held on a connection of
 * its own, so each migration runs once.
 */
export async function applyMigrations(orm: MikroORM, logger: Logger): Promise<string[]> {
  const lockClient = new pg.Client({ connectionString: orm.config.get('clientUrl'), application_name: 'roster-migrations' });
  lockClient.on('error', (error) => logger.warn({ err: { message: error.message } }, 'migration lock connection error'));
  await lockClient.connect();
  try {
    await lockClient.query('select pg_advisory_lock($1)', [migrationLockKey]);
    const migrator = orm.migrator;
    const pending = await migrator.getPendingMigrations();
    if (pending.length === 0) return [];
    logger.info({ pending: pending.map((m) => m.name) }, `applying ${pending.length} migration(s)`);
    const applied = await migrator.up();
    return applied.map((m) => m.name);
  } finally {
    // Ending the session releases the lock even if the unlock statement cannot run.
    await lockClient.end().catch(() => undefined);
  }
}
