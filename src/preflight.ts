/**
 * What start-up checks before it does anything that takes time (building, starting PostgreSQL,
 * connecting): the configuration, and that no other Roster process uses the data folder. Shared by
 * `npm start`'s launcher (scripts/start.ts, before any build) and the server itself (src/main.ts).
 */
import { ConfigError, loadConfig, type Config } from './config.js';
import { lockedMessage, lockHolder } from './db/directory-lock.js';

/** The configuration, or the process ends with every problem named and status 1. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable and its default.\n`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Ends the process (status 1) when another live Roster process holds the embedded database's data
 * folder. Taking the lock stays with the embedded PostgreSQL's start; this only answers early.
 */
export async function exitIfDataFolderTaken(config: Config): Promise<void> {
  if (config.databaseUrl !== undefined) return;
  const holder = await lockHolder(config.dataDir);
  if (holder === undefined) return;
  process.stderr.write(`${lockedMessage(config.dataDir, holder)}\n`);
  process.exit(1);
}
