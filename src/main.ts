/**
 * Process entry: config → tracing (when configured) → logger → database → app → listen →
 * migrations → ready; graceful stop. `reflect-metadata` is imported first, before any decorated
 * class is loaded.
 */
import 'reflect-metadata';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { classifyConnectionFailure } from './db/connection-failure.js';
import type { App } from './http/app.js';
import { createLifecycle, type Lifecycle } from './http/lifecycle.js';
import type { HttpServer } from './http/server.js';
import { createLogger, exitAfterLogs, linesWritten, type Logger } from './logger.js';
import { loadConfigOrExit } from './preflight.js';
import { version } from './version.js';

const config = loadConfigOrExit();
// Instrumentation patches express, pg and graphql as they load, so tracing starts before the
// modules that load them are imported (hence the import() calls), and only when configured: with
// tracing off the OpenTelemetry SDK is never imported at all.
const tracing = config.tracing.enabled ? (await import('./telemetry/tracing.js')).startTracing() : undefined;
const { openDatabase } = await import('./db/database.js');
const { applyMigrations } = await import('./db/migrator.js');
const { createServices } = await import('./domain/services.js');
const { createApp } = await import('./http/app.js');
const { listen } = await import('./http/server.js');

/** Start-up cannot go on, for a reason retrying will not fix; the message names the fix. */
class StartupError extends Error {
  override name = 'StartupError';
}

/**
 * Applies migrations once the database answers. A database server that is unreachable at start is
 * waited for (readiness says so, retries back off to 5 s); one that refuses us for good (unknown
 * database, wrong credentials) stops start-up with the fix. A migration that fails on a reachable
 * database is a bug in the release, so the process exits.
 */
async function migrateWhenReachable(database: Database, logger: Logger, lifecycle: Lifecycle): Promise<void> {
  for (let attempt = 1, delay = 250; lifecycle.phase === 'starting'; attempt++, delay = Math.min(delay * 2, 5_000)) {
    const check = await database.orm.checkConnection();
    if (check.ok) {
      lifecycle.waitingFor = 'applying migrations';
      const applied = await applyMigrations(database.orm, logger);
      if (applied.length > 0) logger.info({ applied }, `applied ${applied.length} migration(s)`);
      lifecycle.waitingFor = undefined;
      return;
    }
    const failure = classifyConnectionFailure(check.error ?? check.reason, database.displayUrl);
    if (!failure.retry) throw new StartupError(failure.message);
    lifecycle.waitingFor = `${failure.message}; retrying`;
    logger.warn({ attempt, retryInMs: delay, reason: check.reason }, `${failure.message}; retrying in ${delay} ms`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/** Where Prometheus scrapes, if anywhere (METRICS). */
function metricsUrl(config: Config): string | null {
  if (config.metrics.kind === 'main') return `${config.publicUrl}/metrics`;
  if (config.metrics.kind === 'separate') return `http://${config.host}:${config.metrics.port}/metrics`;
  return null;
}

interface Started {
  readonly config: Config;
  readonly port: number;
  readonly database: Database;
  /** The demo admin's email, on a later start of a development database that has one. */
  readonly demoAdminEmail: string | null;
}

/**
 * Says where everything is: one JSON log line for machines, and on a terminal (not in production)
 * a short banner for people.
 */
async function announce({ config, port, database, demoAdminEmail }: Started, logger: Logger): Promise<void> {
  const base = config.publicUrl;
  const urls = {
    portal: `${base}/`,
    graphql: `${base}/graphql`,
    ide: config.graphql.ide ? `${base}/graphql` : null,
    healthz: `${base}/healthz`,
    readyz: `${base}/readyz`,
    metrics: metricsUrl(config),
  };
  logger.info({ version, port, database: database.displayUrl, embeddedDatabase: database.embedded, urls }, 'Roster is ready');
  await linesWritten(logger);
  if (!process.stdout.isTTY || config.nodeEnv === 'production') return;
  const lines = [
    '',
    `  Roster ${version} is ready`,
    `  Admin portal ${urls.portal}`,
    `  GraphQL API  ${urls.graphql}`,
    `  GraphQL IDE  ${urls.ide ? `${urls.ide} (open it in a browser)` : `off (${config.graphql.ideOffBecause ?? 'disabled'})`}`,
    `  Health       ${urls.healthz}  ·  readiness ${urls.readyz}`,
    ...(urls.metrics ? [`  Metrics      ${urls.metrics}`] : []),
    `  Database     ${database.displayUrl}${database.embedded ? ` (embedded, data in ${config.dataDir})` : ''}`,
  ];
  if (demoAdminEmail) {
    lines.push(
      `  Demo admin   ${demoAdminEmail} (its password was printed on the first start;`,
      `               a new one: npm run cli -- reset-password --email ${demoAdminEmail})`,
    );
  }
  for (const warning of config.warnings) lines.push(`  Warning      ${warning}`);
  lines.push('  Press Ctrl-C to stop.', '');
  process.stdout.write(lines.join('\n') + '\n');
}

/**
 * Development only: on the first start against an empty database, a demo PRO organization and an
 * OWNER, whose password goes to the console once, never into the JSON log. On later starts,
 * answers the demo admin's email for the banner.
 */
async function bootstrapDemo(database: Database, config: Config, logger: Logger): Promise<string | null> {
  const services = createServices(database.orm.em.fork(), { sessionTtlMs: config.auth.sessionTtlMs });
  const demo = await services.organizations.bootstrapDemo();
  if (!demo) return services.organizations.demoAdminEmail();
  logger.info(
    { organizationId: demo.organization.id, email: demo.email },
    'created the demo organization and its owner; the password is printed on the console once',
  );
  await linesWritten(logger);
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
  return null;
}

async function main(): Promise<void> {
  const logger = createLogger(config, undefined, { fields: tracing?.logFields });
  for (const warning of config.warnings) logger.warn(warning);
  if (tracing) {
    tracing.reportTo(logger);
    logger.info({ endpoint: config.tracing.endpoint, sampler: config.tracing.sampler }, 'tracing: exporting spans over OTLP');
  }
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
      if (config.shutdownGraceMs > 0 && http) {
        // Behind a load balancer: readiness is 503 now; keep serving until it has noticed, with
        // keep-alive clients told to reconnect (elsewhere), then close the listener.
        http.closeConnectionsAfterAnswers();
        logger.info({ graceMs: config.shutdownGraceMs }, 'readiness is 503; still serving during the grace period');
        await new Promise((resolve) => setTimeout(resolve, config.shutdownGraceMs));
      }
      await http?.drain();
      await app?.close();
      await database.close();
      logger.info('stopped');
    } catch (error) {
      logger.error({ err: error }, 'error while shutting down');
      exitCode ||= 1;
    }
    // The last requests' spans are still buffered.
    await tracing?.shutdown();
    clearTimeout(force);
    exitAfterLogs(logger, exitCode);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void shutdown(signal, 0));
  process.on('unhandledRejection', (error) => logger.error({ err: error }, 'unhandled promise rejection'));

  try {
    app = await createApp({ config, logger, orm: database.orm, lifecycle });
    http = await listen(app.handler, config.host, config.port, config.http);
    logger.info({ host: config.host, port: http.port }, 'listening');
    await migrateWhenReachable(database, logger, lifecycle);
    if (lifecycle.phase === 'starting') {
      const demoAdminEmail = config.bootstrapDemo ? await bootstrapDemo(database, config, logger) : null;
      lifecycle.phase = 'ready';
      await announce({ config, port: http.port, database, demoAdminEmail }, logger);
    }
  } catch (error) {
    if (error instanceof StartupError) {
      logger.fatal(error.message);
      process.stderr.write(`Roster could not start: ${error.message}\n`);
    } else {
      logger.fatal({ err: error }, 'start-up failed');
    }
    await shutdown('start-up failed', 1);
  }
}

main().catch((error: unknown) => {
  // Errors before the logger exists (the embedded database failing to start, say) land here.
  process.stderr.write(`Roster could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
