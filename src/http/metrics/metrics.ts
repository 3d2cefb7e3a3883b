import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { poolOf, type PoolStats } from '../../db/pool.js';
import type { MikroORM } from '@mikro-orm/postgresql';

/**
 * Every metric of one app, in a registry of its own (not prom-client's global one), so two apps
 * in one process (the tests) keep separate counts. docs/metrics.md lists them all.
 *
 * Label values come only from closed sets — method names, route templates, status codes, resource
 * kinds, identity-provider kinds, schema root fields, error codes — never from ids, names, tokens
 * or bodies, so the number of series stays bounded whatever clients send.
 */
export interface Metrics {
  readonly registry: Registry;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly scimRequests: Counter<'resource' | 'method' | 'status' | 'client'>;
  readonly scimThrottled: Counter;
  readonly graphqlOperations: Counter<'type' | 'operation' | 'outcome'>;
  readonly graphqlDuration: Histogram<'type' | 'operation'>;
  readonly domainErrors: Counter<'code' | 'transport'>;
  /** Detaches from the database pool. */
  close(): void;
}

/** Request durations, 5 ms to 10 s: a SCIM call takes a few ms, a deadline (503) ends at 10 s. */
const requestBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Waits for a pooled connection: well under a millisecond when the pool has one free. */
const acquireBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export function createMetrics(orm: MikroORM, poolMax: number): Metrics {
  const registry = new Registry();
  const registers = [registry];
  // Event-loop lag, GC, heap, CPU, file descriptors. prom-client cannot stop these collectors
  // again (each keeps a GC observer), which is why tests leave metrics off unless they need them.
  collectDefaultMetrics({ register: registry });
  const pool = observePool(orm, poolMax, registers);
  return {
    registry,
    httpDuration: new Histogram({
      name: 'roster_http_request_duration_seconds',
      help: 'HTTP requests by method, route template and status class, from arrival to the last byte of the answer.',
      labelNames: ['method', 'route', 'status'],
      buckets: requestBuckets,
      registers,
    }),
    scimRequests: new Counter({
      name: 'roster_scim_requests_total',
      help: 'SCIM requests by resource, method, answered status and the identity provider they look like.',
      labelNames: ['resource', 'method', 'status', 'client'],
      registers,
    }),
    scimThrottled: new Counter({
      name: 'roster_scim_throttled_total',
      help: 'SCIM requests refused with 429 because their token was over SCIM_RATE_LIMIT_PER_MINUTE.',
      registers,
    }),
    graphqlOperations: new Counter({
      name: 'roster_graphql_operations_total',
      help: 'GraphQL operations by type, first root field and outcome (ok, or the first error code).',
      labelNames: ['type', 'operation', 'outcome'],
      registers,
    }),
    graphqlDuration: new Histogram({
      name: 'roster_graphql_operation_duration_seconds',
      help: 'GraphQL operations by type and first root field, from the request to the answer.',
      labelNames: ['type', 'operation'],
      buckets: requestBuckets,
      registers,
    }),
    domainErrors: new Counter({
      name: 'roster_domain_errors_total',
      help: 'Domain errors by code and by the transport that answered them (graphql, scim).',
      labelNames: ['code', 'transport'],
      registers,
    }),
    close: () => pool.close(),
  };
}

/** Gauges read from the pool at each scrape, and the time every acquire waited (tarn's events). */
function observePool(orm: MikroORM, poolMax: number, registers: Registry[]): { close(): void } {
  const read = (gauge: Gauge, count: (pool: PoolStats) => number) => {
    const pool = poolOf(orm);
    // A closed pool has no counts; leave the last ones rather than report an empty pool.
    if (pool) gauge.set(count(pool));
  };
  new Gauge({
    name: 'roster_db_pool_connections_in_use',
    help: 'Database connections lent out of the pool.',
    registers,
    collect() {
      read(this, (pool) => pool.numUsed());
    },
  });
  new Gauge({
    name: 'roster_db_pool_connections_idle',
    help: 'Open database connections waiting in the pool.',
    registers,
    collect() {
      read(this, (pool) => pool.numFree());
    },
  });
  new Gauge({
    name: 'roster_db_pool_acquires_waiting',
    help: 'Callers waiting for a database connection (DB_ACQUIRE_TIMEOUT_MS bounds the wait).',
    registers,
    collect() {
      read(this, (pool) => pool.numPendingAcquires());
    },
  });
  new Gauge({ name: 'roster_db_pool_connections_max', help: 'The pool size (DB_POOL_MAX).', registers }).set(poolMax);
  const acquireDuration = new Histogram({
    name: 'roster_db_pool_acquire_duration_seconds',
    help: 'How long taking a connection from the pool took, by result (acquired, or failed: timed out or pool closed).',
    labelNames: ['result'],
    buckets: acquireBuckets,
    registers,
  });
  const pool = poolOf(orm);
  if (!pool) return { close: () => undefined };
  // One entry per acquire in flight, at most the callers waiting plus the pool size.
  const started = new Map<number, number>();
  const onRequest = (eventId: number) => started.set(eventId, performance.now());
  const ended = (result: 'acquired' | 'failed') => (eventId: number) => {
    const at = started.get(eventId);
    if (at === undefined) return;
    started.delete(eventId);
    acquireDuration.observe({ result }, (performance.now() - at) / 1_000);
  };
  const onSuccess = ended('acquired');
  const onFail = ended('failed');
  pool.on('acquireRequest', onRequest);
  pool.on('acquireSuccess', onSuccess);
  pool.on('acquireFail', onFail);
  return {
    close: () => {
      pool.removeListener('acquireRequest', onRequest);
      pool.removeListener('acquireSuccess', onSuccess);
      pool.removeListener('acquireFail', onFail);
      started.clear();
    },
  };
}
