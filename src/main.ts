/**
 * Process entry: config → logger → database → app → listen → migrations → ready; graceful stop.
 * `reflect-metadata` is imported first, before any decorated class is loaded.
 */
import 'reflect-metadata';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { applyMigrations } from './db/migrator.js';
import { createServices } from './domain/services.js';
import { createApp, type App } from './http/app.js';
import { createLifecycle, type Lifecycle } from './http/lifecycle.js';
import { listen, type HttpServer } from './http/server.js';
import { createLogger, exitAfterLogs, type Logger } from './logger.js';
import { version } from './version.js';

function loadConfigOrExit(): Config {
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
 * Applies migrations once the database answers. A database that is down at start is waited for
 * (readiness stays 503, retries back off to 5 s); a migration that fails on a reachable database
 * is a bug in the release, so the process exits.
 */
async function migrateWhenReachable(database: Database, logger: Logger, lifecycle: Lifecycle): Promise<void> {
  for (let attempt = 1, delay = 250; lifecycle.phase === 'starting'; attempt++, delay = Math.min(delay * 2, 5_000)) {
    const check = await database.orm.checkConnection();
    if (check.ok) {
      const applied = await applyMigrations(database.orm, logger);
      if (applied.length > 0) logger.info({ applied }, `applied ${applied.length} migration(s)`);
      return;
    }
    logger.warn({ attempt, retryInMs: delay, reason: check.reason }, `database ${database.displayUrl} unreachable; retrying`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

function announce(config: Config, port: number, database: Database, logger: Logger): void {
  const base = config.publicUrl;
  const urls = {
    graphql: `${base}/graphql`,
    ide: config.graphql.ide ? `${base}/graphql (open in a browser)` : 'disabled (GRAPHQL_IDE=false)',
    healthz: `${base}/healthz`,
    readyz: `${base}/readyz`,
  };
  logger.info({ version, port, database: database.displayUrl, embeddedDatabase: database.embedded, urls }, 'Roster is ready');
  if (process.stdout.isTTY) {
    process.stdout.write(
      [
        '',
        `  Roster ${version} is ready`,
        `  GraphQL API  ${urls.graphql}`,
        `  GraphQL IDE  ${urls.ide}`,
        `  Health       ${urls.healthz}  ·  readiness ${urls.readyz}`,
        `  Database     ${database.displayUrl}${database.embedded ? ` (embedded, data in ${config.dataDir})` : ''}`,
        '  Press Ctrl-C to stop.',
        '',
      ].join('\n') + '\n',
    );
  }
}

/**
 * First start on an empty database (development only): a demo PRO organization and an OWNER.
 * The password goes to the console once, never into the JSON log.
 */
async function bootstrapDemo(database: Database, config: Config, logger: Logger): Promise<void> {
  const services = createServices(database.orm.em.fork(), { sessionTtlMs: config.auth.sessionTtlMs });
  const demo = await services.organizations.bootstrapDemo();
  if (!demo) return;
  logger.info(
    { organizationId: demo.organization.id, email: demo.email },
    'created the demo organization and its owner; the password is printed on the console once',
  );
  process.stdout.write(
    [
      '',
      '  First start: created a demo organization (PRO plan) and its owner.',
      `  Sign in with   email: ${demo.email}   password: ${demo.password}`,
      '  This password is shown only now. Reset it with `npm run cli -- reset-password --email <email>`.',
      '  (BOOTSTRAP_DEMO=false turns this off.)',
      '',
    ].join('\n') + '\n',
  );
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config);
  const lifecycle = createLifecycle();
  const database = await openDatabase(config, logger);
  let http: HttpServer | undefined;
  let app: App | undefined;
  let stopping = false;

  const shutdown = async (reason: string, exitCode: number): Promise<void> => {
    if (stopping) {
      logger.warn({ reason }, 'already shutting down; waiting for in-flight requests');
      return;
    }
    stopping = true;
    lifecycle.phase = 'draining';
    logger.info({ reason }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out; exiting anyway');
      exitAfterLogs(logger, exitCode || 1);
    }, config.shutdownTimeoutMs);
    force.unref();
    try {
      await http?.drain();
      await app?.close();
      await database.close();
      logger.info('stopped');
    } catch (error) {
      logger.error({ err: error }, 'error while shutting down');
      exitCode ||= 1;
    }
    clearTimeout(force);
    exitAfterLogs(logger, exitCode);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void shutdown(signal, 0));
  process.on('unhandledRejection', (error) => logger.error({ err: error }, 'unhandled promise rejection'));

  try {
    app = await createApp({ config, logger, orm: database.orm, lifecycle });
    http = await listen(app.app, config.host, config.port);
    logger.info({ host: config.host, port: http.port }, 'listening');
    await migrateWhenReachable(database, logger, lifecycle);
    if (lifecycle.phase === 'starting') {
      if (config.bootstrapDemo) await bootstrapDemo(database, config, logger);
      lifecycle.phase = 'ready';
      announce(config, http.port, database, logger);
    }
  } catch (error) {
    logger.fatal({ err: error }, 'start-up failed');
    await shutdown('start-up failed', 1);
  }
}

main().catch((error: unknown) => {
  // Errors before the logger exists (the embedded database failing to start, say) land here.
  process.stderr.write(`Roster could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
