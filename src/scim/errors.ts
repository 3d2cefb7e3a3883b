import type { ErrorRequestHandler, Request } from 'express';
import { isDatabaseUnavailable, retryAfterSeconds, unavailableMessage } from '../db/unavailable.js';
import { DomainError } from '../domain/shared/domain-error.js';
import type { Logger } from '../logger.js';
import { scimErrorOf } from './error-codes.js';
import { fromBodyParserError, sendError } from './http.js';
import { ScimError } from './scim-error.js';

/**
 * Everything thrown in the SCIM facade, answered as RFC 7644 §3.12 error JSON: SCIM and domain
 * errors as they say, body-parser's as 400/413/415, a database that is away as 503 with
 * Retry-After, anything else as a masked 500 naming the request id. The detail is kept for
 * connection health.
 */
export function scimErrors(logger: Logger, requestIdOf: (req: Request) => string): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const requestId = requestIdOf(req);
    let answer: ScimError;
    if (error instanceof ScimError) answer = error;
    else if (error instanceof DomainError) {
      answer = scimErrorOf(error);
      // For the metrics' domain-error count (src/http/metrics), read once the answer is sent.
      res.locals.domainErrorCode = error.code;
    } else if (fromBodyParserError(error)) answer = fromBodyParserError(error) as ScimError;
    else if (isDatabaseUnavailable(error)) {
      logger.warn({ requestId, err: error }, 'SCIM request failed: database unavailable');
      answer = new ScimError(503, unavailableMessage, undefined, { 'Retry-After': String(retryAfterSeconds) });
    } else {
      logger.error({ requestId, err: error }, 'SCIM request failed');
      answer = new ScimError(500, `Internal server error. Quote request id ${requestId} when reporting it.`);
    }
    res.locals.scimErrorDetail = answer.detail;
    sendError(res, answer);
  };
}
