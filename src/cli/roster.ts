#!/usr/bin/env node
/**
 * Operator commands: `roster <command> [options]` (the package's bin, `node dist/src/cli/roster.js`
 * in the image, or `npm run cli -- …` from sources). Uses the server's configuration: DATABASE_URL,
 * or the embedded PostgreSQL under DATA_DIR, that of the running server if there is one
 * (src/db/embedded-attach.ts). Applies pending migrations first.
 *
 * Every outcome ends in one explicit `process.exit(code)` once the database is closed and the
 * output written: 0 done, 1 the command failed, 2 a usage mistake. Never a stack trace.
 */
import 'reflect-metadata';
import { loadOperatorConfig } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';
import { applyMigrations } from '../db/migrator.js';
import { createServices } from '../domain/services.js';
import { createLogger } from '../logger.js';
import { commandUsage, generalUsage, parseArguments } from './arguments.js';
import { DatabaseUnreachableError, describeFailure, UsageError } from './cli-errors.js';
import { commands } from './commands.js';

async function main(args: readonly string[]): Promise<number> {
  let database: Database | undefined;
  try {
    const parsed = parseArguments(args, commands);
    if (parsed.kind === 'help') {
      const command = commands.find((c) => c.name === parsed.command);
      process.stdout.write(command ? commandUsage(command) : generalUsage(commands));
      return 0;
    }
    const command = commands.find((c) => c.name === parsed.command);
    if (!command) throw new UsageError(`Unknown command "${parsed.command}".`);
    const config = loadOperatorConfig();
    // Warnings (a pool error, say) go to stderr: stdout carries only the result, --json included.
    const logger = createLogger({ logLevel: 'warn' }, process.stderr);
    database = await openDatabase(config, logger, { shareEmbedded: true });
    // Fails within DB_CONNECT_TIMEOUT_MS when the database is down or a black hole.
    const check = await database.orm.checkConnection();
    if (!check.ok) throw new DatabaseUnreachableError(check.error ?? new Error(check.reason));
    const appliedMigrations = await applyMigrations(database.orm, logger);
    const services = createServices(database.orm.em.fork(), { sessionTtlMs: config.auth.sessionTtlMs });
    await command.run(parsed.values, services, (text) => process.stdout.write(text), { appliedMigrations });
    return 0;
  } catch (error) {
    const failure = describeFailure(error, database?.displayUrl);
    const usage = error instanceof UsageError ? usageAfterMistake(error.command) : '';
    process.stderr.write(`${failure.message}\n${usage}`);
    return failure.exitCode;
  } finally {
    await database?.close();
  }
}

function usageAfterMistake(commandName: string | undefined): string {
  const command = commands.find((c) => c.name === commandName);
  return `\n${command ? commandUsage(command) : generalUsage(commands)}`;
}

/** Resolves once everything written to the stream so far has been handed to the system. */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

const exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${describeFailure(error, undefined).message}\n`);
  return 1;
});
await Promise.all([drained(process.stdout), drained(process.stderr)]);
process.exit(exitCode);
