import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import express, { type Express, type RequestHandler } from 'express';
import { expressMiddleware } from '@as-integrations/express5';
import type { ApolloServer } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createApolloServer } from '../graphql/apollo.js';
import { GraphQLError } from 'graphql';
import cookieParser from 'cookie-parser';
import type { DomainSettings } from '../domain/services.js';
import type { GraphQLContext } from '../graphql/context.js';
import { createLoaders } from '../graphql/loaders.js';
import { buildGraphQLSchema } from '../graphql/schema.js';
import { answerOversizedBodiesAtOnce } from './body-limit.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { graphqlIdeRoutes } from './graphql-ide.js';
import { portalRoutes } from './portal.js';
import { healthRoutes } from './health.routes.js';
import type { Lifecycle } from './lifecycle.js';
import { requestIdOf, requestLogging } from './request-logging.js';
import { securityHeaders } from './security-headers.js';
import { presentedSessionToken, sessionCookieOn } from './auth/session-auth.js';
import { createRequestScope } from './request-scope.js';
import { maskedScimError } from '../scim/errors.js';
import { createScimDoor } from '../scim/router.js';
import { ScimError } from '../scim/scim-error.js';
import { sendError } from '../scim/http.js';
import { scimThrottle } from '../scim/throttle.js';
import { sqlOf } from '../db/sql.js';
import { withRequestDeadline } from '../db/request-deadline.js';
import { isDatabaseUnavailable, retryAfterSeconds, unavailableMessage } from '../db/unavailable.js';
import { SharedRateLimiter } from '../db/shared-rate-limiter.js';
import { CredentialCache } from '../domain/shared/credential-cache.js';
import { ScimConnectionRecorder } from '../domain/scim-connections/scim-connection.recorder.js';
import { MemberBlockCompactor } from '../domain/members/member-block.compactor.js';
import { ActivityRetention } from '../domain/activity/activity-retention.js';
import { WebhookWorker } from '../domain/webhooks/webhook-worker.js';
import { version } from '../version.js';
import { openMetrics, type AppMetrics } from './metrics/app-metrics.js';

export interface AppDependencies {
  readonly config: Config;
  readonly logger: Logger;
  readonly orm: MikroORM;
  readonly lifecycle: Lifecycle;
}

export interface App {
  /**
   * What the HTTP server calls for every request: `/scim…` goes to the SCIM door on Node's own
   * request and response, everything else to the express app.
   */
  readonly handler: RequestListener;
  readonly app: Express;
  readonly apollo: ApolloServer<GraphQLContext>;
  /** Prometheus metrics (docs/metrics.md); undefined with METRICS=off. */
  readonly metrics: AppMetrics | undefined;
  /**
   * Stops the background work (connection health, throttle counts) after writing what it holds,
   * and the metrics' own listener.
   * Call it once the HTTP server has drained, before the database closes.
   */
  close(): Promise<void>;
}

/** How often the instance writes batched connection health and exchanges throttle counts. */
const backgroundIntervalMs = 1_000;
/** How often an instance looks for new events to send as webhooks, and for retries that are due. */
const webhookIntervalMs = 1_000;
/** How often an instance prunes activity events past EVENT_RETENTION_DAYS. */
const retentionIntervalMs = 5 * 60_000;
/** How long a checked SCIM token or session is trusted without reading it again. */
const credentialTtlMs = 1_000;

/** Until migrations are applied, API requests get 503 with a hint to retry. */
function readinessGate(lifecycle: Lifecycle): RequestHandler {
  return (_req, res, next) => {
    if (lifecycle.phase === 'starting') {
      res
        .status(503)
        .set('Retry-After', '5')
        .json({ errors: [{ message: 'Roster is starting (waiting for the database). Retry shortly.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
      return;
    }
    next();
  };
}

/**
 * Everything an API request does with the database is due REQUEST_DEADLINE_MS after it arrives
 * (src/db/request-deadline.ts): the rest of the request runs in that deadline's context.
 */
function requestDeadline(deadlineMs: number): RequestHandler {
  return (_req, _res, next) => {
    withRequestDeadline(Date.now() + deadlineMs, next);
  };
}

/** `/scim`, `/scim/…` and `/scim?…`, in any letter case (as express matched its mount paths). */
const scimPath = /^\/scim(?:[/?]|$)/i;

/** The path and query of an absolute-form request target; anything else as it is. */
function originFormOf(target: string): string {
  if (!/^https?:\/\//i.test(target)) return target;
  try {
    const url = new URL(target);
    return url.pathname + url.search;
  } catch {
    return target;
  }
}

/** For the steps shared with express that call `next` at once and never with an error. */
const carryOn = () => undefined;

/**
 * The session lookup failed: with the database away, 503 with Retry-After (never a 500 with driver
 * text); anything else is a bug, answered as a masked 500.
 */
function unavailable(logger: Logger, requestId: string, error: unknown): never {
  if (!isDatabaseUnavailable(error)) {
    logger.error({ requestId, err: error }, 'session lookup failed');
    throw error;
  }
  logger.warn({ requestId, err: error }, 'session lookup failed: database unavailable');
  throw new GraphQLError(unavailableMessage, {
    extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds, http: { status: 503, headers: new Map([['retry-after', String(retryAfterSeconds)]]) } },
  });
}

/**
 * The HTTP application: request ids and access log, security headers, health probes, the offline
 * IDE, `/graphql`, then JSON 404 and error handlers. Every request's GraphQL context gets its own
 * forked EntityManager.
 */
export async function createApp(deps: AppDependencies): Promise<App> {
  const { config, logger, orm, lifecycle } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const metrics = await openMetrics(config, orm, logger);
  const logRequest = requestLogging(logger);
  const setSecurityHeaders = securityHeaders();
  if (metrics) app.use(metrics.observeRequests);
  app.use(logRequest);
  app.use(setSecurityHeaders);
  app.use(healthRoutes(orm, lifecycle));
  // Unauthenticated, like the probes: README says how to keep it private.
  if (metrics?.routes) app.use(metrics.routes);
  if (config.graphql.ide) app.use(graphqlIdeRoutes());

  const apollo = createApolloServer(await buildGraphQLSchema(), config, logger, metrics?.graphql);
  await apollo.start();
  const sql = sqlOf(orm);
  const onBackgroundError = (error: unknown) => logger.warn({ err: error }, 'background database write failed');
  const recorder = new ScimConnectionRecorder(sql, { intervalMs: backgroundIntervalMs, onError: onBackgroundError });
  recorder.start();
  const limiter =
    config.scim.rateLimitPerMinute > 0
      ? new SharedRateLimiter(sql, { prefix: 'scim', perMinute: config.scim.rateLimitPerMinute, intervalMs: backgroundIntervalMs, onError: onBackgroundError })
      : undefined;
  limiter?.start();
  const compactor = new MemberBlockCompactor(sql, { intervalMs: 60_000, onError: onBackgroundError });
  compactor.start();
  const retention = new ActivityRetention(sql, {
    retentionDays: config.eventRetentionDays,
    intervalMs: retentionIntervalMs,
    onError: onBackgroundError,
    onPruned: (pruned) =>
      logger.info(pruned, `pruned ${pruned.events} activity event(s) and ${pruned.deliveries} webhook delivery(ies) older than ${pruned.retentionDays} days`),
  });
  retention.start();
  const webhooks = new WebhookWorker(sql, {
    policy: config.webhooks,
    retryScheduleSeconds: config.webhooks.retryScheduleSeconds,
    intervalMs: webhookIntervalMs,
    userAgent: `Roster-Webhooks/${version}`,
    onError: onBackgroundError,
    active: () => lifecycle.phase === 'ready',
  });
  webhooks.start();
  const settings: DomainSettings = {
    sql,
    sessionTtlMs: config.auth.sessionTtlMs,
    onBackgroundError,
    scimTokenCache: new CredentialCache({ ttlMs: credentialTtlMs }),
    sessionCache: new CredentialCache({ ttlMs: credentialTtlMs }),
    scimConnectionRecorder: recorder,
    webhookPolicy: config.webhooks,
  };
  const secureCookies = config.publicUrl.startsWith('https:');
  app.use('/graphql', requestDeadline(config.requestDeadlineMs));
  app.use(
    '/graphql',
    readinessGate(lifecycle),
    cookieParser(),
    answerOversizedBodiesAtOnce(express.json({ limit: config.http.bodyLimitBytes }), config.http.bodyLimitBytes),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<GraphQLContext> => {
        const requestId = requestIdOf(req);
        const { services } = createRequestScope(orm, settings);
        const token = presentedSessionToken(req);
        const actor = token ? await services.auth.authenticate(token, requestId).catch((error: unknown) => unavailable(logger, requestId, error)) : null;
        return {
          requestId,
          actor,
          services,
          loaders: createLoaders(services),
          sessionCookie: sessionCookieOn(res, secureCookies),
          publicUrl: config.publicUrl,
        };
      },
    }),
  );

  const scimDoor = createScimDoor({
    logger,
    publicUrl: config.publicUrl,
    openServices: () => createRequestScope(orm, settings).services,
    requestIdOf,
    bodyLimitBytes: config.http.bodyLimitBytes,
    paging: config.scim,
    ...(limiter ? { throttle: scimThrottle(limiter, config.scim.rateLimitPerMinute, metrics?.onThrottled) } : {}),
  });
  // A SCIM request takes the steps every request takes (metrics, access log, security headers),
  // then the SCIM door, with SCIM error JSON for a server still starting.
  const scim = (req: IncomingMessage, res: ServerResponse) => {
    try {
      metrics?.observeRequests(req, res, carryOn);
      logRequest(req, res, carryOn);
      setSecurityHeaders(req, res, carryOn);
      if (lifecycle.phase === 'starting') {
        sendError(res, new ScimError(503, 'Roster is starting. Retry shortly.', undefined, { 'Retry-After': '5' }));
        return;
      }
      withRequestDeadline(Date.now() + config.requestDeadlineMs, () => {
        scimDoor(req, res);
      });
    } catch (error) {
      // A bug in these steps must not escape the listener (it would stop the process): a masked 500.
      const requestId = requestIdOf(req);
      logger.error({ requestId, err: error }, 'SCIM request failed');
      if (res.headersSent) res.destroy();
      else sendError(res, maskedScimError(requestId));
    }
  };
  // The admin portal (portal/, built into dist/portal): its client routes and assets, after the API's.
  app.use(portalRoutes());

  app.use(notFoundHandler());
  app.use(errorHandler(logger));
  return {
    handler: (req, res) => {
      // A request target in absolute form (`GET http://host/scim/…`, RFC 9112 §3.2.2) is routed by its path.
      if (req.url !== undefined && !req.url.startsWith('/')) req.url = originFormOf(req.url);
      if (scimPath.test(req.url ?? '')) scim(req, res);
      else app(req, res);
    },
    app,
    apollo,
    metrics,
    close: async () => {
      await Promise.all([recorder.stop(), limiter?.stop(), compactor.stop(), retention.stop(), webhooks.stop(), metrics?.close()]);
    },
  };
}
