import { Router, type Request, type RequestHandler } from 'express';
import type { Services } from '../domain/services.js';
import type { Logger } from '../logger.js';
import { scimAuthentication } from './auth.js';
import { discoveryRoutes } from './discovery/discovery.routes.js';
import { scimErrors } from './errors.js';
import { groupRoutes } from './groups/group.routes.js';
import type { ScimPaging } from './list-query.js';
import { ScimError } from './scim-error.js';
import { rootSearchRoutes } from './search.routes.js';
import { userRoutes } from './users/user.routes.js';

export { scimStrayRequests } from './auth.js';

export interface ScimDependencies {
  readonly logger: Logger;
  readonly publicUrl: string;
  readonly bodyLimitBytes: number;
  readonly paging: ScimPaging;
  /** The domain services of one request. */
  readonly openServices: () => Services;
  /** Per-token throttling, run after authentication (absent: unthrottled). */
  readonly throttle?: RequestHandler;
  /** The request id the HTTP layer gave this request. */
  readonly requestIdOf: (req: Request) => string;
}

/**
 * The SCIM 2.0 facade of one group, mounted at `/scim/v2/:groupId`: token authentication, the
 * throttle, then the resource routes (which only translate between SCIM and the domain services),
 * and SCIM error JSON for everything that goes wrong.
 */
export function createScimRouter(deps: ScimDependencies): Router {
  const router = Router({ mergeParams: true });
  router.use(scimAuthentication(deps));
  if (deps.throttle) router.use(deps.throttle);
  // Routes on this router itself (no nested routers to enter per request), the busiest first.
  const limits = { bodyLimitBytes: deps.bodyLimitBytes, paging: deps.paging };
  userRoutes(router, limits);
  groupRoutes(router, limits);
  rootSearchRoutes(router, limits);
  discoveryRoutes(router, deps.publicUrl, deps.paging);
  router.use((req, _res, next) => {
    next(new ScimError(404, `No SCIM resource at ${req.method} ${req.path}. Supported: /Users, /Groups, /ServiceProviderConfig, /ResourceTypes, /Schemas.`));
  });
  router.use(scimErrors(deps.logger, deps.requestIdOf));
  return router;
}
