/**
 * `npm run db:migration:create [-- --name <name>] [--blank]`: applies the pending migrations to the
 * configured database (the embedded one by default), diffs the entities against the schema
 * snapshot, writes the new migration into `migrations/` and regenerates `migrations/index.ts`.
 */
import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { writeMigrationsIndex } from '../src/db/migrations-index.js';
import { applyMigrations } from '../src/db/migrator.js';
import { createLogger } from '../src/logger.js';
import { projectRoot } from '../src/version.js';

const { values } = parseArgs({ options: { name: { type: 'string' }, blank: { type: 'boolean', default: false } } });
if (values.name !== undefined && !/^[A-Za-z0-9_]+$/.test(values.name)) {
  // The name becomes part of a class name.
  console.error('--name may contain only letters, digits and "_" (e.g. --name add_groups).');
  process.exit(2);
}
const config = loadConfig();
const logger = createLogger({ logLevel: 'warn' });
const database = await openDatabase(config, logger, { authoringMigrations: true });
const folder = path.join(projectRoot, 'migrations');
const snapshotFile = path.join(folder, 'schema-snapshot.json');
try {
  // Applying migrations makes MikroORM rewrite the snapshot from the database, which also holds
  // hand-written constraints the entities cannot express; the diff must start from the committed
  // snapshot (the entities as of the last migration), so it is put back before diffing.
  const committedSnapshot = await readFile(snapshotFile, 'utf8');
  await applyMigrations(database.orm, logger);
  await writeFile(snapshotFile, committedSnapshot);
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
