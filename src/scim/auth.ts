import type { IncomingMessage } from 'node:http';
import { scimBaseUrl } from '../domain/groups/scim-url.js';
import type { Services } from '../domain/services.js';
import type { ScimTokenActor } from '../domain/shared/actor.js';
import { ScimRejectionCode } from '../domain/scim-connections/scim-connection.entity.js';
import type { HeaderRefusal } from '../domain/scim-connections/scim-connection.service.js';
import { isUuid } from '../domain/shared/ids.js';
import type { Logger } from '../logger.js';
import { detectClient } from './client-detection.js';
import type { ScimExchange } from './exchange.js';
import { sendError, type ScimRequestContext } from './http.js';
import { ScimError } from './scim-error.js';

export interface ScimAuthDependencies {
  readonly logger: Logger;
  readonly publicUrl: string;
  /** The domain services of one request. */
  readonly openServices: () => Services;
  readonly requestIdOf: (req: IncomingMessage) => string;
}

/** Every 401 looks the same, whatever the cause (no header, wrong scheme, bad checksum, revoked). */
const unauthorized = () =>
  new ScimError(401, "Authentication failed. Send this group's SCIM token as `Authorization: Bearer <token>`.", undefined, {
    'WWW-Authenticate': 'Bearer realm="roster"',
  });

/** The same 404 as for a URL that does not exist: a token never learns of other groups. */
const noEndpoint = () =>
  new ScimError(404, "There is no SCIM endpoint at this URL. Set the identity provider's SCIM URL to the group's SCIM URL as Roster shows it.");

/**
 * Reads the Authorization header. Only the Bearer scheme is accepted, in any letter case
 * (SECURITY.md); the other shapes are told apart only for the admins' troubleshooting.
 */
export function readAuthorization(header: string | undefined): { token: string } | { refusal: HeaderRefusal; token?: string } {
  const value = header?.trim() ?? '';
  if (value === '') return { refusal: { code: ScimRejectionCode.MISSING_AUTHORIZATION } };
  const doubled = /^bearer\s+bearer\s+(\S+)$/i.exec(value);
  if (doubled) return { refusal: { code: ScimRejectionCode.SCHEME_DOUBLED }, token: doubled[1] as string };
  const bearer = /^bearer\s+(\S+)$/i.exec(value);
  if (bearer) return { token: bearer[1] as string };
  if (!/\s/.test(value)) return { refusal: { code: ScimRejectionCode.SCHEME_MISSING }, token: value };
  const scheme = /^([A-Za-z][\w.+-]*)\s/.exec(value)?.[1];
  if (scheme && scheme.toLowerCase() !== 'bearer') return { refusal: { code: ScimRejectionCode.WRONG_SCHEME, scheme: scheme.slice(0, 32) } };
  // "Bearer" with nothing usable after it (spaces inside the token, several words).
  return { refusal: { code: ScimRejectionCode.SCHEME_MISSING } };
}

const lastFourOf = (token: string | undefined): string | null => (token && token.length >= 8 ? token.slice(-4) : null);

/** The path as the client sent it, without the query. */
const pathOf = (exchange: ScimExchange): string => exchange.originalUrl.split('?')[0] ?? '';

/** Records the answer for connection health once it is sent (batched; it never fails the request). */
function recordOutcome(services: Services, actor: ScimTokenActor, exchange: ScimExchange, logger: Logger): void {
  const { req, res } = exchange;
  res.once('finish', () => {
    const outcome = {
      client: detectClient(req),
      userAgent: req.headers['user-agent']?.slice(0, 256) ?? null,
      status: res.statusCode,
      detail: exchange.errorDetail,
      requestId: exchange.requestId,
    };
    services.scimConnections.recordRequest(actor, outcome)?.catch((error: unknown) => logger.warn({ err: error }, 'recording SCIM connection health failed'));
  });
}

/**
 * Authenticates the group's token into an actor and sets up the request's context. A token works
 * only on its own group's URL; elsewhere the URL behaves exactly like one that does not exist (and
 * the token's group is told where its requests go). Refusals are recorded for the admins who can
 * fix them (ScimConnectionService.recordRefused). Rejects with the SCIM error to answer.
 */
export async function authenticateScim(deps: ScimAuthDependencies, exchange: ScimExchange, groupId: string): Promise<ScimRequestContext> {
  const { req } = exchange;
  const services = deps.openServices();
  const presented = readAuthorization(req.headers.authorization);
  const credentials = { client: detectClient(req), tokenLastFour: lastFourOf(presented.token) };
  const urlGroupId = isUuid(groupId) ? groupId : null;
  const recordFailure = (error: unknown) => deps.logger.warn({ err: error }, 'recording a refused SCIM request failed');
  if ('refusal' in presented) {
    services.scimConnections.recordRefused(urlGroupId, presented.refusal, credentials).catch(recordFailure);
    throw unauthorized();
  }
  const authentication = await services.scimTokens.authenticate(presented.token, exchange.requestId);
  if (!authentication.actor) {
    services.scimConnections.recordRefused(urlGroupId, authentication, credentials).catch(recordFailure);
    throw unauthorized();
  }
  const { actor } = authentication;
  recordOutcome(services, actor, exchange, deps.logger);
  if (actor.groupId !== groupId) {
    services.scimConnections.recordWrongUrl(actor, pathOf(exchange), scimBaseUrl(deps.publicUrl, actor.groupId), credentials).catch(recordFailure);
    throw noEndpoint();
  }
  return { actor, services, baseUrl: scimBaseUrl(deps.publicUrl, groupId), requestId: exchange.requestId };
}

/**
 * SCIM paths outside any group (`/scim/v2`, `/scim/Users`, …): a SCIM 404, never an HTML page.
 * When one of a group's valid tokens comes with it (a SCIM URL pasted short), that group's admins
 * are told where its requests arrive.
 */
export function answerStrayRequest(deps: ScimAuthDependencies, exchange: ScimExchange): void {
  const { req, res } = exchange;
  const path = pathOf(exchange);
  const answer = () => {
    const error = new ScimError(404, `No SCIM endpoint at ${path}. SCIM URLs look like /scim/v2/<group id>/Users.`);
    exchange.errorDetail = error.detail;
    sendError(res, error);
  };
  const presented = readAuthorization(req.headers.authorization);
  if ('refusal' in presented) {
    answer();
    return;
  }
  const services = deps.openServices();
  services.scimTokens
    .authenticate(presented.token, exchange.requestId)
    .then(({ actor }) => {
      if (!actor) return;
      recordOutcome(services, actor, exchange, deps.logger);
      const credentials = { client: detectClient(req), tokenLastFour: lastFourOf(presented.token) };
      services.scimConnections
        .recordWrongUrl(actor, path, scimBaseUrl(deps.publicUrl, actor.groupId), credentials)
        .catch((error: unknown) => deps.logger.warn({ err: error }, 'recording a refused SCIM request failed'));
    })
    // The answer is a 404 whatever the token: a lookup that failed only loses the record.
    .catch((error: unknown) => deps.logger.warn({ err: error }, 'checking the token of a stray SCIM request failed'))
    .finally(answer);
}
