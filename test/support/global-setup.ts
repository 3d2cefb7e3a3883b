import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildIfChanged } from '../../scripts/build.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded-postgres.js';
import { createLogger } from '../../src/logger.js';
import { projectRoot } from '../../src/version.js';
import { adminQuery, dropDatabasesWithPrefix, migrateDatabase, type TestDatabaseServer } from './database-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseServer: TestDatabaseServer;
  }
}

/**
 * Once per run: finds the PostgreSQL server for the tests (TEST_DATABASE_URL, else DATABASE_URL,
 * else an embedded one in a temporary folder), creates a migrated template database that every
 * test file clones, and builds `dist/` for the tests that run the built server.
 */
export default async function globalSetup(project: TestProject): Promise<() => Promise<void>> {
  const logger = createLogger({ logLevel: 'silent' });
  let embedded: EmbeddedDatabase | undefined;
  let dataDir: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!adminUrl) {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'roster-test-pg-'));
    embedded = await startEmbeddedPostgres({ dataDir, logger });
    adminUrl = embedded.url;
  }
  const prefix = `roster_test_${process.pid}_`;
  const server: TestDatabaseServer = { adminUrl, prefix, template: `${prefix}template` };
  await dropDatabasesWithPrefix(server);
  await adminQuery(adminUrl, `create database "${server.template}"`);
  await migrateDatabase(server, server.template);
  project.provide('databaseServer', server);

  await buildIfChanged(projectRoot);

  return async () => {
    await dropDatabasesWithPrefix(server);
    await embedded?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
