import type { RequestHandler } from 'express';
import type { SharedRateLimiter } from '../db/shared-rate-limiter.js';
import { contextOf } from './http.js';
import { ScimError } from './scim-error.js';

/**
 * Per-token throttling for the SCIM facade, on a budget shared by every instance (see
 * SharedRateLimiter: decided in memory, reconciled through PostgreSQL once a second). Over the
 * budget → 429 with Retry-After and a SCIM error body (Entra pauses for Retry-After and retries
 * only the failed requests). `onThrottled` is told of each refusal (the metrics count them).
 */
export function scimThrottle(limiter: SharedRateLimiter, requestsPerMinute: number, onThrottled?: () => void): RequestHandler {
  return (_req, res, next) => {
    const decision = limiter.consume(contextOf(res).actor.tokenId);
    if (decision.allowed) {
      next();
      return;
    }
    onThrottled?.();
    const seconds = decision.retryAfterSeconds;
    next(
      new ScimError(429, `Too many requests with this token (at most ${requestsPerMinute} a minute). Retry after ${seconds} s.`, undefined, {
        'Retry-After': String(seconds),
      }),
    );
  };
}
