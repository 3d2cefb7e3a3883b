import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';

/** What is read of the pool under MikroORM (knex's tarn pool): its counts and its acquire events. */
export interface PoolStats {
  /** Connections lent out. */
  numUsed(): number;
  /** Open connections waiting in the pool. */
  numFree(): number;
  /** Callers waiting for a connection. */
  numPendingAcquires(): number;
  on(event: PoolAcquireEvent, listener: (eventId: number) => void): void;
  removeListener(event: PoolAcquireEvent, listener: (eventId: number) => void): void;
}

/** tarn emits these around every acquire, with one event id per acquire (tarn 3 `Pool.acquire`). */
export type PoolAcquireEvent = 'acquireRequest' | 'acquireSuccess' | 'acquireFail';

/**
 * The pool that both MikroORM and src/db/sql.ts take connections from, or undefined once it has
 * been destroyed (knex clears `client.pool` on close). Read it anew each time: it is not kept.
 */
export function poolOf(source: MikroORM | EntityManager): PoolStats | undefined {
  const knex = ('em' in source ? source.em : source).getConnection().getKnex() as unknown as { client: { pool?: PoolStats } };
  return knex.client.pool ?? undefined;
}
