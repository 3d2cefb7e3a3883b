import { isDatabaseUnavailable, retryAfterSeconds, unavailableMessage } from '../db/unavailable.js';
import { DomainError } from '../domain/shared/domain-error.js';
import type { Logger } from '../logger.js';
import { scimErrorOf } from './error-codes.js';
import type { ScimExchange } from './exchange.js';
import { fromBodyParserError, sendError } from './http.js';
import { ScimError } from './scim-error.js';

/** What a failure nobody anticipated answers: nothing of it, only the request id to quote. */
export function maskedScimError(requestId: string): ScimError {
  return new ScimError(500, `Internal server error. Quote request id ${requestId} when reporting it.`);
}

/**
 * Answers everything thrown in the SCIM facade as RFC 7644 §3.12 error JSON: SCIM and domain
 * errors as they say, body-parser's as 400/413/415, a database that is away as 503 with
 * Retry-After, anything else as a masked 500 naming the request id. The detail is kept for
 * connection health, the domain error's code for the metrics.
 */
export function answerScimError(logger: Logger, exchange: ScimExchange, error: unknown): void {
  const { requestId, res } = exchange;
  if (res.headersSent) {
    // Part of an answer is out already: it cannot become an error now. The client sees it cut short.
    logger.error({ requestId, err: error }, 'SCIM request failed after its answer had started');
    res.destroy();
    return;
  }
  let answer: ScimError;
  if (error instanceof ScimError) answer = error;
  else if (error instanceof DomainError) {
    answer = scimErrorOf(error);
    exchange.domainErrorCode = error.code;
  } else if (fromBodyParserError(error)) answer = fromBodyParserError(error) as ScimError;
  else if (isDatabaseUnavailable(error)) {
    logger.warn({ requestId, err: error }, 'SCIM request failed: database unavailable');
    answer = new ScimError(503, unavailableMessage, undefined, { 'Retry-After': String(retryAfterSeconds) });
  } else {
    logger.error({ requestId, err: error }, 'SCIM request failed');
    answer = maskedScimError(requestId);
  }
  exchange.errorDetail = answer.detail;
  sendError(res, answer);
}
