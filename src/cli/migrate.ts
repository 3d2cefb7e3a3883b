/** `npm run db:migrate`: applies pending migrations to the configured database and exits. */
import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { applyMigrations } from '../db/migrator.js';
import { createLogger } from '../logger.js';

const config = loadConfig();
const logger = createLogger(config);
const database = await openDatabase(config, logger);
try {
  const applied = await applyMigrations(database.orm, logger);
  console.log(applied.length === 0 ? 'The database is up to date.' : `Applied ${applied.length} migration(s): ${applied.join(', ')}`);
} finally {
  await database.close();
}
