import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { Services } from '../domain/services.js';
import type { Logger } from '../logger.js';
import { answerStrayRequest, authenticateScim } from './auth.js';
import { discoveryRoutes } from './discovery/discovery.routes.js';
import { answerScimError } from './errors.js';
import { openExchange, type ScimExchange } from './exchange.js';
import { groupRoutes } from './groups/group.routes.js';
import { jsonBodyReader, type ScimMethod, type ScimMethodRoute, type ScimRoute } from './http.js';
import type { ScimPaging } from './list-query.js';
import { ScimError } from './scim-error.js';
import { rootSearchRoutes } from './search.routes.js';
import type { ScimThrottle } from './throttle.js';
import { userRoutes } from './users/user.routes.js';

export interface ScimDependencies {
  readonly logger: Logger;
  readonly publicUrl: string;
  readonly bodyLimitBytes: number;
  readonly paging: ScimPaging;
  /** The domain services of one request. */
  readonly openServices: () => Services;
  /** Per-token throttling, run after authentication (absent: unthrottled). */
  readonly throttle?: ScimThrottle;
  /** The request id the HTTP layer gave this request. */
  readonly requestIdOf: (req: IncomingMessage) => string;
}

/** The routes under one first path segment (`users`): the collection, its `.search`, one item. */
interface RouteFamily {
  collection?: ScimRoute;
  search?: ScimRoute;
  item?: ScimRoute;
}

/** A route of the table with what is answered for methods it does not take. */
interface TableRoute {
  readonly route: ScimRoute;
  /** The methods it takes, for 405's Allow header ("GET, POST"). */
  readonly allow: string;
}

/**
 * The routes by their first segment, matched as express matched them before: letter case aside,
 * with or without one trailing slash. Built once; a request costs a split and two map lookups.
 */
function routeTable(routes: readonly ScimRoute[]): Map<string, { collection?: TableRoute; search?: TableRoute; item?: TableRoute }> {
  const families = new Map<string, RouteFamily>();
  for (const route of routes) {
    const [, first = '', second] = route.template.split('/');
    const family = families.get(first.toLowerCase()) ?? {};
    families.set(first.toLowerCase(), family);
    if (second === undefined) family.collection = route;
    else if (second === '.search') family.search = route;
    else if (second === ':id') family.item = route;
    else throw new Error(`SCIM route template ${route.template} is not /<resource>, /<resource>/.search or /<resource>/:id`);
  }
  const withAllow = (route: ScimRoute | undefined): TableRoute | undefined => route && { route, allow: Object.keys(route.methods).join(', ') };
  return new Map(
    [...families].map(([first, family]) => [
      first,
      { collection: withAllow(family.collection), search: withAllow(family.search), item: withAllow(family.item) },
    ]),
  );
}

/** A path segment percent-decoded; one that does not decode is kept as sent (it then names nothing). */
function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** `/scim/v2/<group id>` and what follows it, in any letter case (express matched mount paths so). */
const groupPath = /^\/scim\/v2\/([^/]+)(\/.*)?$/i;

const emptyBody: Record<string, unknown> = Object.freeze({});

/**
 * The SCIM 2.0 door, for every request whose path starts with `/scim`: on Node's own request and
 * response, with no web framework in between (express's app, router and middleware chain cost a
 * SCIM request more CPU than its query). Each group's facade is at `/scim/v2/<group id>`: token
 * authentication, the throttle, then the resource routes (which only translate between SCIM and
 * the domain services), and SCIM error JSON for everything that goes wrong. Any other `/scim`
 * path is a SCIM 404 (answerStrayRequest). Runs of slashes in the path count as one: a SCIM URL
 * pasted with a trailing slash makes clients call `…/<group id>//Users`.
 */
export function createScimDoor(deps: ScimDependencies): (req: IncomingMessage, res: ServerResponse) => void {
  const table = routeTable([
    ...userRoutes(deps.paging),
    ...groupRoutes(deps.paging),
    rootSearchRoutes(deps.paging),
    ...discoveryRoutes(deps.publicUrl, deps.paging),
  ]);
  const readBody = jsonBodyReader(deps.bodyLimitBytes);

  /** The route for a path under a group's base URL, with its `:id`. */
  const resolve = (rest: string): { table: TableRoute; id: string } | undefined => {
    const path = rest.endsWith('/') ? rest.slice(0, -1) : rest;
    const parts = path.split('/');
    if (parts.length < 2 || parts.length > 3) return undefined;
    const family = table.get((parts[1] as string).toLowerCase());
    const second = parts[2];
    if (!family) return undefined;
    if (second === undefined) return family.collection && { table: family.collection, id: '' };
    if (family.search && second.toLowerCase() === '.search') return { table: family.search, id: '' };
    return family.item && second !== '' ? { table: family.item, id: decodeSegment(second) } : undefined;
  };

  const serve = async (exchange: ScimExchange, groupId: string, rest: string, search: string): Promise<void> => {
    const { req, res } = exchange;
    const context = await authenticateScim(deps, exchange, groupId);
    deps.throttle?.(context.actor);
    const found = resolve(rest);
    if (!found) {
      throw new ScimError(
        404,
        `No SCIM resource at ${req.method ?? ''} ${rest === '' ? '/' : rest}. Supported: /Users, /Groups, /ServiceProviderConfig, /ResourceTypes, /Schemas.`,
      );
    }
    exchange.route = found.table.route.template;
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const route: ScimMethodRoute | undefined = found.table.route.methods[method as ScimMethod];
    if (!route) throw new ScimError(405, `${req.method ?? ''} is not supported here; use ${found.table.allow}.`, undefined, { Allow: found.table.allow });
    const body = route.body ? await readBody(req, res) : emptyBody;
    await route.handle({ headers: req.headers, query: parseQuery(search), id: found.id, body }, res, context);
  };

  /** The answer for what went wrong; should even that fail, the connection goes (never a request left hanging). */
  const fail = (exchange: ScimExchange, error: unknown) => {
    try {
      answerScimError(deps.logger, exchange, error);
    } catch (failure) {
      deps.logger.error({ requestId: exchange.requestId, err: failure }, 'answering a failed SCIM request failed');
      exchange.res.destroy();
    }
  };

  return (req, res) => {
    const exchange = openExchange(req, res, deps.requestIdOf(req));
    try {
      const url = exchange.originalUrl;
      const queryAt = url.indexOf('?');
      let path = queryAt === -1 ? url : url.slice(0, queryAt);
      if (path.includes('//')) path = path.replace(/\/{2,}/g, '/');
      const inGroup = groupPath.exec(path);
      if (!inGroup) {
        answerStrayRequest(deps, exchange);
        return;
      }
      exchange.inGroup = true;
      serve(exchange, decodeSegment(inGroup[1] as string), inGroup[2] ?? '', queryAt === -1 ? '' : url.slice(queryAt + 1)).catch((error: unknown) => {
        fail(exchange, error);
      });
    } catch (error) {
      // Nothing thrown while a request is being taken in may escape the listener: it would stop the process.
      fail(exchange, error);
    }
  };
}
