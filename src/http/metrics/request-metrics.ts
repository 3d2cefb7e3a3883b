import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';
import type { DomainErrorCode } from '../../domain/shared/domain-error.js';
import { detectClient } from '../../scim/client-detection.js';
import { scimExchangeOf } from '../../scim/exchange.js';
import type { Metrics } from './metrics.js';

/** Methods named as they are; anything else a client invents is `OTHER`. */
const knownMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** `/scim/v2/<group id>/<first segment>`: runs of slashes count as one, as app.ts routes them. */
const scimPath = /^\/+scim\/+v2\/+[^/]+(?:\/+([^/]*))?/i;

/** The first path segment under a group's SCIM base URL → the resource label (express matches paths case-insensitively). */
const scimResources: Readonly<Record<string, string>> = {
  users: 'User',
  groups: 'Group',
  serviceproviderconfig: 'discovery',
  resourcetypes: 'discovery',
  schemas: 'discovery',
  '.search': 'search',
};

const statusClasses = ['1xx', '2xx', '3xx', '4xx', '5xx'];

/** When each request arrived (no closure or object per request). */
const startedAt = new WeakMap<ServerResponse, number>();

/** A request as express or the SCIM door leaves it: express adds the route it took and the URL before rewrites. */
type ObservedRequest = IncomingMessage & Partial<Pick<Request, 'route' | 'originalUrl'>>;

function pathOf(req: ObservedRequest): string {
  const url = req.originalUrl ?? req.url ?? '';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * The route as a template, never the path itself: `/scim/v2/:groupId/Users/:id`, `/graphql`,
 * `/healthz`. Routers mounted at `/` report their own `req.route.path`; GraphQL, mounted under a
 * prefix, is named here, and the SCIM door says which of its routes took a request. A request no
 * route took is `(unmatched)`.
 */
function routeOf(req: ObservedRequest, path: string, scim: RegExpExecArray | null): string {
  if (scim) return `/scim/v2/:groupId${scimExchangeOf(req)?.route ?? '/*'}`;
  const routePath: unknown = (req.route as { path?: unknown } | undefined)?.path;
  if (path === '/graphql') return '/graphql';
  if (/^\/+scim(\/|$)/i.test(path)) return '/scim/*';
  return typeof routePath === 'string' ? routePath : '(unmatched)';
}

function statusOf(res: ServerResponse): string {
  // A client that left before the answer was complete: the status set so far says nothing.
  if (!res.writableFinished) return 'aborted';
  return statusClasses[Math.floor(res.statusCode / 100) - 1] ?? 'other';
}

/** The request is over: its duration, and for the SCIM facade its operation and domain error. */
function record(metrics: Metrics, res: ServerResponse): void {
  const req: ObservedRequest = res.req;
  const seconds = (performance.now() - (startedAt.get(res) ?? performance.now())) / 1_000;
  const method = req.method && knownMethods.has(req.method) ? req.method : 'OTHER';
  const path = pathOf(req);
  const scim = scimPath.exec(path);
  const status = statusOf(res);
  metrics.httpDuration.observe({ method, route: routeOf(req, path, scim), status }, seconds);
  if (!scim) return;
  const resource = scim[1] === undefined ? 'other' : (scimResources[scim[1].toLowerCase()] ?? 'other');
  metrics.scimRequests.inc({ resource, method, status: status === 'aborted' ? status : String(res.statusCode), client: detectClient(req) });
  const code: DomainErrorCode | undefined = scimExchangeOf(req)?.domainErrorCode;
  if (code !== undefined) metrics.domainErrors.inc({ code, transport: 'scim' });
}

/**
 * Observes every request once it is over: the HTTP duration histogram, and for the SCIM facade the
 * per-operation counter (with the identity provider, detected as connection health detects it)
 * and the domain error the answer came from (kept on the SCIM exchange by scim/errors.ts).
 * Per request it costs one timestamp, one listener (shared, not a closure) and the label objects.
 */
export function requestMetrics(metrics: Metrics): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  // `this` is the response that closed. `on`, not `once`, which wraps each listener anew; a
  // response closes once, after `finish`, or early when the client leaves.
  function onClose(this: ServerResponse) {
    record(metrics, this);
  }
  return (_req, res, next) => {
    startedAt.set(res, performance.now());
    res.on('close', onClose);
    next();
  };
}
