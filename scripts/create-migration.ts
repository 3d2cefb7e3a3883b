/**
 * `npm run db:migration:create [-- --name <name>] [--blank]`: applies the pending migrations to the
 * configured database (the embedded one by default), diffs the entities against the schema
 * snapshot, writes the new migration into `migrations/` and regenerates `migrations/index.ts`.
 */
import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { writeMigrationsIndex } from '../src/db/migrations-index.js';
import { applyMigrations } from '../src/db/migrator.js';
import { createLogger } from '../src/logger.js';
import { projectRoot } from '../src/version.js';

const { values } = parseArgs({ options: { name: { type: 'string' }, blank: { type: 'boolean', default: false } } });
const config = loadConfig();
const logger = createLogger({ logLevel: 'warn' });
const database = await openDatabase(config, logger);
try {
  await applyMigrations(database.orm, logger);
  const folder = path.join(projectRoot, 'migrations');
  const result = await database.orm.migrator.createMigration(folder, values.blank, false, values.name);
  if (!result.fileName) {
    console.log('No entity changes since the last migration: nothing written.');
  } else {
    await writeMigrationsIndex(folder);
    console.log(`Wrote migrations/${result.fileName} and regenerated migrations/index.ts:`);
    console.log(result.diff.up.map((line) => `  ${line}`).join('\n'));
  }
} finally {
  await database.close();
}
