import express, { Router, type RequestHandler } from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Registry } from 'prom-client';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { GraphQLObserver } from '../../graphql/operation-metrics.js';
import { listen, type HttpServer } from '../server.js';
import { createMetrics } from './metrics.js';
import { requestMetrics } from './request-metrics.js';

/** What app.ts mounts and hands on when metrics are on. */
export interface AppMetrics {
  readonly registry: Registry;
  /** Observes every request; mount it first. */
  readonly observeRequests: ReturnType<typeof requestMetrics>;
  /** `GET /metrics`, for the main listener (METRICS=on); undefined when a listener of its own serves it. */
  readonly routes: Router | undefined;
  readonly graphql: GraphQLObserver;
  readonly onThrottled: () => void;
  /** The port of the metrics' own listener (METRICS=<port>). */
  readonly port: number | undefined;
  /** Closes the metrics' own listener and detaches from the pool. */
  close(): Promise<void>;
}

/** The text exposition of the registry, never cached on the way. */
function scrape(registry: Registry): RequestHandler {
  return (_req, res, next) => {
    registry.metrics().then((text) => {
      res.set({ 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' }).send(text);
    }, next);
  };
}

function metricsRouter(registry: Registry): Router {
  const router = Router();
  router.get('/metrics', scrape(registry));
  return router;
}

/**
 * The metrics of one app (undefined with METRICS=off): instruments in a registry of its own, and
 * where they are served — on the main listener, or on a listener of its own at HOST:METRICS with
 * nothing else on it (so the main port can be public and the metrics port stay on the scrapers'
 * network).
 */
export async function openMetrics(config: Config, orm: MikroORM, logger: Logger): Promise<AppMetrics | undefined> {
  const exposure = config.metrics;
  if (exposure.kind === 'off') return undefined;
  const metrics = createMetrics(orm, config.db.poolMax);
  let own: HttpServer | undefined;
  if (exposure.kind === 'separate') {
    const app = express();
    app.disable('x-powered-by');
    app.set('etag', false);
    app.use(metricsRouter(metrics.registry));
    app.use((_req, res) => {
      res.status(404).type('text/plain').send('Only /metrics is served here.\n');
    });
    try {
      own = await listen(app, config.host, exposure.port, config.http);
      logger.info({ host: config.host, port: own.port }, 'serving metrics at /metrics');
    } catch (error) {
      metrics.close();
      throw new Error(`METRICS: cannot listen on ${config.host}:${exposure.port}: ${(error as Error).message}`, { cause: error });
    }
  }
  return {
    registry: metrics.registry,
    observeRequests: requestMetrics(metrics),
    routes: exposure.kind === 'main' ? metricsRouter(metrics.registry) : undefined,
    graphql: {
      operationAnswered: (type, operation, outcome, seconds) => {
        metrics.graphqlOperations.inc({ type, operation, outcome });
        metrics.graphqlDuration.observe({ type, operation }, seconds);
      },
      domainError: (code) => metrics.domainErrors.inc({ code, transport: 'graphql' }),
    },
    onThrottled: () => metrics.scimThrottled.inc(),
    port: own?.port,
    close: async () => {
      await own?.drain();
      metrics.close();
    },
  };
}
