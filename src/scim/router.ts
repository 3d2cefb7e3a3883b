import { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import { scimBaseUrl } from '../domain/groups/scim-url.js';
import { DomainError } from '../domain/shared/domain-error.js';
import type { Services } from '../domain/services.js';
import type { Logger } from '../logger.js';
import { discoveryRoutes } from './discovery/discovery.routes.js';
import { connectionWriteIntervalSeconds } from '../domain/scim-connections/scim-connection.service.js';
import { isUuid } from '../domain/shared/ids.js';
import { detectClient } from './client-detection.js';
import { scimErrorOf } from './error-codes.js';
import { fromBodyParserError, sendError, type ScimRequestContext } from './http.js';
import type { ScimPaging } from './list-query.js';
import { ScimError } from './scim-error.js';
import { groupRoutes } from './groups/group.routes.js';
import { rootSearchRoutes } from './search.routes.js';
import { userRoutes } from './users/user.routes.js';

export interface ScimDependencies {
  readonly logger: Logger;
  readonly publicUrl: string;
  readonly bodyLimitBytes: number;
  readonly paging: ScimPaging;
  /** A request scope: the domain services on a forked EntityManager. */
  readonly openScope: () => { em: EntityManager; services: Services };
  /** The domain services on a given EntityManager (a transaction's). */
  readonly servicesOn: (em: EntityManager) => Services;
  /** Per-token throttling, run after authentication (absent: unthrottled). */
  readonly throttle?: RequestHandler;
  /** The request id the HTTP layer gave this request. */
  readonly requestIdOf: (req: Parameters<RequestHandler>[0]) => string;
}

/** Every 401 looks the same, whatever the cause (no header, wrong scheme, bad checksum, revoked). */
const unauthorized = () =>
  new ScimError(401, "Authentication failed. Send this group's SCIM token as `Authorization: Bearer <token>`.", undefined, {
    'WWW-Authenticate': 'Bearer realm="roster"',
  });

/** Only the Bearer scheme is accepted, in any letter case (SECURITY.md). */
function bearerToken(header: string | undefined): string | undefined {
  return header ? /^bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
}

/** Driver and pool failures mean the database is away: 503 with Retry-After, not a 500. */
function isDatabaseUnavailable(error: unknown): boolean {
  const { name, code, message } = (error ?? {}) as { name?: string; code?: string; message?: string };
  if (name === 'KnexTimeoutError' || name === 'ConnectionException') return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006'].includes(code ?? '')) return true;
  // A pooled connection dropped mid-query (database restart): pg reports it without a code.
  return typeof message === 'string' && /connection (terminated|ended) unexpectedly|timeout acquiring a connection/i.test(message);
}

/**
 * The SCIM 2.0 facade of one group, mounted at `/scim/v2/:groupId`. Authenticates the token into
 * an actor (a token works only on its own group's URL; elsewhere the URL does not exist), then
 * hands over to the resource routes, which only translate between SCIM and the domain services.
 */
export function createScimRouter(deps: ScimDependencies): Router {
  const router = Router({ mergeParams: true });

  /**
   * Successes refresh connection health at most every 30 s; this instance remembers when it last
   * wrote, to skip even the statement in between (other instances write their own; the database
   * applies the same interval, so correctness never depends on this memory).
   */
  const lastRecorded = new Map<string, { at: number; client: string }>();
  const recentlyRecorded = (groupId: string, client: string): boolean => {
    const last = lastRecorded.get(groupId);
    const now = Date.now();
    if (last && last.client === client && now - last.at < connectionWriteIntervalSeconds * 1000) return true;
    if (lastRecorded.size > 10_000) lastRecorded.clear();
    lastRecorded.set(groupId, { at: now, client });
    return false;
  };

  /** Connection health is written on its own connection, after the answer; it never fails a request. */
  const record = (what: string, write: (services: Services) => Promise<void>) => {
    write(deps.openScope().services).catch((error: unknown) => deps.logger.warn({ err: error }, `recording SCIM ${what} failed`));
  };

  const authenticate: RequestHandler = (req, res, next) => {
    const requestId = deps.requestIdOf(req);
    const { em, services } = deps.openScope();
    const token = bearerToken(req.headers.authorization);
    const groupId = (req.params as { groupId?: string }).groupId ?? '';
    const rejected = (reason: string) =>
      record('rejected token', (s) =>
        s.scimConnections.recordRejected(groupId, { reason, tokenLastFour: token && token.length >= 8 ? token.slice(-4) : null, client: detectClient(req) }),
      );
    (token ? services.scimTokens.authenticate(token, requestId) : Promise.resolve(null))
      .then((actor) => {
        if (!actor) {
          if (isUuid(groupId))
            rejected(!token ? 'no bearer token' : token.startsWith('roster_scim_') ? 'unknown, revoked or expired token' : 'not a Roster SCIM token');
          throw unauthorized();
        }
        // Another group's URL behaves exactly like one that does not exist.
        if (actor.groupId !== groupId) {
          if (isUuid(groupId)) rejected("another group's token");
          throw new ScimError(404, 'There is no SCIM endpoint at this URL. Copy the SCIM URL of the group from the portal.');
        }
        res.on('finish', () => {
          const detail = typeof res.locals.scimErrorDetail === 'string' ? res.locals.scimErrorDetail : null;
          const client = detectClient(req);
          if (res.statusCode < 400 && recentlyRecorded(groupId, client)) return;
          record('request', (s) =>
            s.scimConnections.recordRequest(actor, {
              client,
              userAgent: req.get('user-agent')?.slice(0, 256) ?? null,
              status: res.statusCode,
              detail,
              requestId,
            }),
          );
        });
        const context: ScimRequestContext = {
          actor,
          services,
          em,
          baseUrl: scimBaseUrl(deps.publicUrl, groupId),
          requestId,
          transaction: (work) => em.transactional((tx) => work(deps.servicesOn(tx))),
        };
        res.locals.scim = context;
        next();
      })
      .catch(next);
  };

  router.use(authenticate);
  if (deps.throttle) router.use(deps.throttle);
  router.use(discoveryRoutes(deps.publicUrl, deps.paging));
  router.use(userRoutes({ bodyLimitBytes: deps.bodyLimitBytes, paging: deps.paging }));
  router.use(groupRoutes({ bodyLimitBytes: deps.bodyLimitBytes, paging: deps.paging }));
  router.use(rootSearchRoutes({ bodyLimitBytes: deps.bodyLimitBytes, paging: deps.paging }));
  router.use((req, _res, next) => {
    next(new ScimError(404, `No SCIM resource at ${req.method} ${req.path}. Supported: /Users, /Groups, /ServiceProviderConfig, /ResourceTypes, /Schemas.`));
  });

  const errors: ErrorRequestHandler = (error: unknown, req, res, _next) => {
    const requestId = deps.requestIdOf(req);
    let answer: ScimError;
    if (error instanceof ScimError) answer = error;
    else if (error instanceof DomainError) answer = scimErrorOf(error);
    else if (fromBodyParserError(error)) answer = fromBodyParserError(error) as ScimError;
    else if (isDatabaseUnavailable(error)) {
      deps.logger.warn({ requestId, err: error }, 'SCIM request failed: database unavailable');
      answer = new ScimError(503, 'The service is temporarily unavailable. Retry shortly.', undefined, { 'Retry-After': '5' });
    } else {
      deps.logger.error({ requestId, err: error }, 'SCIM request failed');
      answer = new ScimError(500, `Internal server error. Quote request id ${requestId} when reporting it.`);
    }
    res.locals.scimErrorDetail = answer.detail;
    sendError(res, answer);
  };
  router.use(errors);
  return router;
}

/** SCIM paths outside any group (`/scim/v2`, `/scim/v1/…`): a SCIM 404, never an HTML page. */
export function scimNotFound(): RequestHandler {
  return (req, res) => {
    sendError(res, new ScimError(404, `No SCIM endpoint at ${req.originalUrl.split('?')[0] ?? ''}. SCIM URLs look like /scim/v2/<group id>/Users.`));
  };
}
