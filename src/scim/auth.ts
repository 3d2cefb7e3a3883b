import type { Request, RequestHandler, Response } from 'express';
import { scimBaseUrl } from '../domain/groups/scim-url.js';
import type { Services } from '../domain/services.js';
import type { ScimTokenActor } from '../domain/shared/actor.js';
import { isUuid } from '../domain/shared/ids.js';
import type { Logger } from '../logger.js';
import { detectClient } from './client-detection.js';
import type { ScimRequestContext } from './http.js';
import { ScimError } from './scim-error.js';

export interface ScimAuthDependencies {
  readonly logger: Logger;
  readonly publicUrl: string;
  /** The domain services of one request. */
  readonly openServices: () => Services;
  readonly requestIdOf: (req: Request) => string;
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

function rejectionReason(token: string | undefined): string {
  if (!token) return 'no bearer token';
  return token.startsWith('roster_scim_') ? 'unknown, revoked or expired token' : 'not a Roster SCIM token';
}

/** Records the answer for connection health once it is sent (batched; it never fails the request). */
function recordOutcome(services: Services, actor: ScimTokenActor, req: Request, res: Response, requestId: string, logger: Logger): void {
  res.once('finish', () => {
    const detail = typeof res.locals.scimErrorDetail === 'string' ? res.locals.scimErrorDetail : null;
    const outcome = { client: detectClient(req), userAgent: req.headers['user-agent']?.slice(0, 256) ?? null, status: res.statusCode, detail, requestId };
    services.scimConnections.recordRequest(actor, outcome)?.catch((error: unknown) => logger.warn({ err: error }, 'recording SCIM connection health failed'));
  });
}

/**
 * Authenticates the group's token into an actor and sets up the request's context. A token works
 * only on its own group's URL; elsewhere the URL behaves exactly like one that does not exist.
 * Refused tokens are recorded on the group the URL names (when it is a SCIM group).
 */
export function scimAuthentication(deps: ScimAuthDependencies): RequestHandler {
  return (req, res, next) => {
    const requestId = deps.requestIdOf(req);
    const services = deps.openServices();
    const token = bearerToken(req.headers.authorization);
    const groupId = (req.params as { groupId?: string }).groupId ?? '';
    const rejected = (reason: string) => {
      if (!isUuid(groupId)) return;
      services.scimConnections
        .recordRejected(groupId, { reason, tokenLastFour: token && token.length >= 8 ? token.slice(-4) : null, client: detectClient(req) })
        .catch((error: unknown) => deps.logger.warn({ err: error }, 'recording a rejected SCIM token failed'));
    };
    (token ? services.scimTokens.authenticate(token, requestId) : Promise.resolve(null))
      .then((actor) => {
        if (!actor) {
          rejected(rejectionReason(token));
          throw unauthorized();
        }
        if (actor.groupId !== groupId) {
          rejected("another group's token");
          throw new ScimError(404, 'There is no SCIM endpoint at this URL. Copy the SCIM URL of the group from the portal.');
        }
        recordOutcome(services, actor, req, res, requestId, deps.logger);
        const context: ScimRequestContext = { actor, services, baseUrl: scimBaseUrl(deps.publicUrl, groupId), requestId };
        res.locals.scim = context;
        next();
      })
      .catch(next);
  };
}
