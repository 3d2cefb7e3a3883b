import { AsyncLocalStorage } from 'node:async_hooks';
import type { EventSubscriber } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';

/**
 * One deadline per API request (REQUEST_DEADLINE_MS), for everything that request does with the
 * database, whichever way it goes: src/db/sql.ts statements and transactions, MikroORM reads and
 * MikroORM transactions. The deadline travels with the request's async context, so no call needs
 * to pass it on, and it is enforced where every path meets — the pool (see bindRequestDeadlines):
 *
 * - every wait for a pooled connection shares what is left of it (not the pool's acquire timeout
 *   anew each time);
 * - no statement of src/db/sql.ts starts after it, and no transaction starts, flushes or commits
 *   after it — one that passes it is rolled back;
 *
 * then the request fails with RequestDeadlineError, an outage (503 + Retry-After, retry).
 */
const deadlines = new AsyncLocalStorage<number>();

/** A request ran out of its time (REQUEST_DEADLINE_MS) before the database answered it. */
export class RequestDeadlineError extends Error {
  override name = 'RequestDeadlineError';
  /** Kept when MikroORM wraps the error in its own exception (it copies own properties, not the name). */
  readonly code = 'REQUEST_DEADLINE';
  constructor() {
    super('The request ran out of time waiting for the database.');
  }
}

/** Runs `work` (and all it starts) due by `deadline` (epoch ms), or by an earlier one already in force. */
export function withRequestDeadline<T>(deadline: number, work: () => T): T {
  const current = deadlines.getStore();
  return deadlines.run(current === undefined ? deadline : Math.min(current, deadline), work);
}

/**
 * Runs `work` free of any request's deadline: background work (batched writes, compaction) a
 * request happens to set off must not fail because that request ran out of time.
 */
export function outsideRequestDeadline<T>(work: () => T): T {
  return deadlines.exit(work);
}

/** The deadline (epoch ms) of the request this code runs for, if any. */
export function currentDeadline(): number | undefined {
  return deadlines.getStore();
}

/** Throws RequestDeadlineError when the current request's deadline has passed. */
export function checkDeadline(): void {
  const deadline = deadlines.getStore();
  if (deadline !== undefined && Date.now() >= deadline) throw new RequestDeadlineError();
}

/**
 * `acquire()`, waited for no longer than the current request's deadline. A connection that
 * arrives after the deadline goes straight back with `release`.
 */
export async function acquireByDeadline<C>(acquire: () => Promise<C>, release: (connection: C) => unknown): Promise<C> {
  const deadline = deadlines.getStore();
  if (deadline === undefined) return acquire();
  const remaining = deadline - Date.now();
  if (remaining <= 0) throw new RequestDeadlineError();
  const acquiring = acquire();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new RequestDeadlineError()), remaining);
  });
  try {
    return await Promise.race([acquiring, expired]);
  } catch (error) {
    if (error instanceof RequestDeadlineError) acquiring.then(release).catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** knex's client, which hands out MikroORM's (and src/db/sql.ts's) pooled connections. */
interface PoolClient {
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<void>;
}

const bound = new WeakSet<object>();

/** No transaction through the unit of work starts, flushes or commits past the request's deadline. */
const transactionGuard: EventSubscriber = {
  beforeTransactionStart: checkDeadline,
  beforeFlush: checkDeadline,
  beforeTransactionCommit: checkDeadline,
};

/**
 * Makes the ORM's pool and unit of work keep request deadlines: every connection knex acquires —
 * for a MikroORM read, a MikroORM transaction or a src/db/sql.ts statement — waits only until the
 * deadline of the request asking for it. Call once per ORM, before it serves requests.
 */
export function bindRequestDeadlines(orm: MikroORM): void {
  const client = orm.em.getConnection().getKnex().client as unknown as PoolClient;
  if (bound.has(client)) return;
  bound.add(client);
  const acquire = client.acquireConnection.bind(client);
  const release = client.releaseConnection.bind(client);
  client.acquireConnection = () => acquireByDeadline(acquire, release);
  orm.em.getEventManager().registerSubscriber(transactionGuard);
}
