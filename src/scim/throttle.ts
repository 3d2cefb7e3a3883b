import type { SharedRateLimiter } from '../db/shared-rate-limiter.js';
import type { ScimTokenActor } from '../domain/shared/actor.js';
import { ScimError } from './scim-error.js';

/** Takes one request of the actor's token from its budget, or throws the 429 to answer with. */
export type ScimThrottle = (actor: ScimTokenActor) => void;

/**
 * Per-token throttling for the SCIM facade, on a budget shared by every instance (see
 * SharedRateLimiter: decided in memory, reconciled through PostgreSQL once a second). Over the
 * budget → 429 with Retry-After and a SCIM error body (Entra pauses for Retry-After and retries
 * only the failed requests). `onThrottled` is told of each refusal (the metrics count them).
 */
export function scimThrottle(limiter: SharedRateLimiter, requestsPerMinute: number, onThrottled?: () => void): ScimThrottle {
  return (actor) => {
    const decision = limiter.consume(actor.tokenId);
    if (decision.allowed) return;
    onThrottled?.();
    const seconds = decision.retryAfterSeconds;
    throw new ScimError(429, `Too many requests with this token (at most ${requestsPerMinute} a minute). Retry after ${seconds} s.`, undefined, {
      'Retry-After': String(seconds),
    });
  };
}
