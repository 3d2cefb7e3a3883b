import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DomainErrorCode } from '../domain/shared/domain-error.js';

/**
 * One SCIM request and what is learnt of it while it is served, for the parts that look at it
 * once it is answered: connection health (the error's detail), the metrics (the route and the
 * domain error) and the trace (the route that names its span).
 */
export interface ScimExchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** The URL as it arrived (runs of slashes not yet collapsed): what a misconfigured client really calls. */
  readonly originalUrl: string;
  readonly requestId: string;
  /** Whether it is addressed to a group's facade (`/scim/v2/<group id>…`) rather than a stray `/scim` path. */
  inGroup: boolean;
  /** The template of the route that took it (`/Users/:id`); undefined when no route did. */
  route: string | undefined;
  /** The detail of the SCIM error it was answered with, if any. */
  errorDetail: string | null;
  /** The domain error that answer came from, if any. */
  domainErrorCode: DomainErrorCode | undefined;
}

const exchanges = new WeakMap<IncomingMessage, ScimExchange>();

export function openExchange(req: IncomingMessage, res: ServerResponse, requestId: string): ScimExchange {
  const exchange: ScimExchange = {
    req,
    res,
    originalUrl: req.url ?? '/',
    requestId,
    inGroup: false,
    route: undefined,
    errorDetail: null,
    domainErrorCode: undefined,
  };
  exchanges.set(req, exchange);
  return exchange;
}

/** The SCIM exchange of a request, when the SCIM door served it. */
export function scimExchangeOf(req: IncomingMessage): ScimExchange | undefined {
  return exchanges.get(req);
}
