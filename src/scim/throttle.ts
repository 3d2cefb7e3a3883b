import type { RequestHandler } from 'express';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '../logger.js';
import { contextOf } from './http.js';
import { ScimError } from './scim-error.js';

export interface ThrottleOptions {
  /** A knex instance on the application's pool (the counters live in the `rate_limit` table). */
  readonly knex: unknown;
  readonly requestsPerMinute: number;
  readonly logger: Logger;
}

/**
 * Per-token throttling for the SCIM facade. Counters are in PostgreSQL, so every instance behind
 * a load balancer counts together; while the database is unreachable an in-memory limiter with
 * the same budget stands in. Over the budget → 429 with Retry-After and a SCIM error body
 * (Entra pauses for Retry-After and retries only the failed requests).
 */
export function scimThrottle(options: ThrottleOptions): RequestHandler {
  const budget = { points: options.requestsPerMinute, duration: 60 };
  const limiter = new RateLimiterPostgres({
    ...budget,
    storeClient: options.knex,
    storeType: 'knex',
    tableName: 'rate_limit',
    tableCreated: true,
    clearExpiredByTimeout: false,
    keyPrefix: 'scim',
    insuranceLimiter: new RateLimiterMemory({ ...budget, keyPrefix: 'scim' }),
  });
  return (_req, res, next) => {
    const { actor } = contextOf(res);
    limiter
      .consume(actor.tokenId)
      .then(() => {
        next();
      })
      .catch((rejection: unknown) => {
        if (rejection instanceof RateLimiterRes) {
          const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
          next(
            new ScimError(429, `Too many requests with this token (at most ${options.requestsPerMinute} a minute). Retry after ${seconds} s.`, undefined, {
              'Retry-After': String(seconds),
            }),
          );
          return;
        }
        options.logger.warn({ err: rejection }, 'SCIM throttle failed; letting the request through');
        next();
      });
  };
}
