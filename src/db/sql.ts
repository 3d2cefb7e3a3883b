import { createHash } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { checkDeadline, currentDeadline } from './request-deadline.js';

/**
 * Raw SQL on MikroORM's own connection pool, for the request paths where the ORM's query builder
 * and unit of work are pure overhead (STACK.md: one pool, one acquire timeout, one statement
 * timeout for everything).
 *
 * Static statements are defined once at module level with `statement()` and are prepared once per
 * connection (PostgreSQL parses and plans them once, not on every request). Dynamic SQL — a
 * compiled SCIM filter — is prepared too while the number of distinct texts stays small (a filter's
 * text depends only on its shape, never on its values), and runs unnamed beyond that, so a client
 * inventing shapes cannot grow every connection's statement cache without bound.
 *
 * Within an API request, connection waits and statements keep that request's deadline
 * (request-deadline.ts, bound to the pool by openDatabase).
 */
export interface Statement {
  readonly name: string;
  readonly text: string;
}

/** A static statement with `$1…$n` parameters, prepared once per pooled connection. */
export function statement(text: string): Statement {
  return { name: `roster_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text };
}

/** Something that runs statements: the pool (one connection per statement) or one transaction. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: Statement | string, values?: readonly unknown[]): Promise<Row[]>;
}

export type StatementListener = (text: string, origin: { readonly inRequest: boolean }) => void;

export interface Sql extends Queryable {
  /**
   * Runs `work` on one connection inside BEGIN … COMMIT (ROLLBACK when it throws). Use it only
   * where one statement cannot hold the whole change atomically.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Called with every statement's text before it runs (statement-count tests, the benchmark), and
   * whether an API request runs it (background work — webhooks, batched writes — does not).
   */
  onStatement(listener: StatementListener): () => void;
}

/** The node-postgres client the pool hands out (only what is used here). */
interface PgConnection {
  query(config: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** knex's client: MikroORM's pool of node-postgres connections. */
interface PoolClient {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<void>;
}

/** SQLSTATEs after which a transaction may simply run again: deadlock detected, serialization failure. */
const retryable = new Set(['40P01', '40001']);
const isRetryable = (error: unknown) => retryable.has(String((error as { code?: unknown } | null)?.code));
const maxTransactionAttempts = 3;

/** Distinct dynamic statement texts prepared per process before new ones run unnamed. */
const maxDynamicPrepared = 256;

/** What every runner on one pool shares: statement listeners and the names of dynamic statements. */
interface PoolState {
  readonly listeners: Set<StatementListener>;
  readonly dynamicNames: Map<string, string>;
}

class PooledSql implements Sql {
  constructor(
    private readonly pool: PoolClient,
    private readonly state: PoolState = { listeners: new Set(), dynamicNames: new Map() },
  ) {}

  async query<Row>(sql: Statement | string, values: readonly unknown[] = []): Promise<Row[]> {
    for (let attempt = 1; ; attempt++) {
      const connection = await this.pool.acquireConnection();
      try {
        return await this.run<Row>(connection, sql, values);
      } catch (error) {
        // A statement on its own is its own transaction: one that lost a deadlock or a
        // serialization conflict was rolled back whole and may simply run again.
        if (attempt >= maxTransactionAttempts || !isRetryable(error)) throw error;
      } finally {
        await this.pool.releaseConnection(connection);
      }
    }
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(work);
      } catch (error) {
        // A deadlock or serialization failure rolled the whole transaction back: run it again.
        if (attempt >= maxTransactionAttempts || !isRetryable(error)) throw error;
      }
    }
  }

  private async once<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const connection = await this.pool.acquireConnection();
    let open = true;
    const tx: Queryable = {
      query: <Row>(sql: Statement | string, values: readonly unknown[] = []) => {
        if (!open) return Promise.reject(new Error('a statement was run on a transaction that has ended'));
        return this.run<Row>(connection, sql, values);
      },
    };
    try {
      await this.run(connection, begin, []);
      const result = await work(tx);
      await this.run(connection, commit, []);
      return result;
    } catch (error) {
      // A failed ROLLBACK means the connection is broken; the pool discards broken connections.
      await this.run(connection, rollback, []).catch(() => undefined);
      throw error;
    } finally {
      open = false;
      await this.pool.releaseConnection(connection);
    }
  }

  onStatement(listener: StatementListener): () => void {
    this.state.listeners.add(listener);
    return () => this.state.listeners.delete(listener);
  }

  private async run<Row>(connection: PgConnection, sql: Statement | string, values: readonly unknown[]): Promise<Row[]> {
    // No statement starts past the request's deadline (request-deadline.ts); in a transaction, the
    // ROLLBACK that follows still runs.
    if (sql !== rollback) checkDeadline();
    const named = typeof sql === 'string' ? this.dynamic(sql) : sql;
    if (this.state.listeners.size > 0) {
      const origin = { inRequest: currentDeadline() !== undefined };
      for (const listener of this.state.listeners) listener(named.text, origin);
    }
    const config = named.name ? { name: named.name, text: named.text, values: values as unknown[] } : { text: named.text, values: values as unknown[] };
    return (await connection.query(config)).rows as Row[];
  }

  private dynamic(text: string): { name: string | undefined; text: string } {
    let name = this.state.dynamicNames.get(text);
    if (name === undefined && this.state.dynamicNames.size < maxDynamicPrepared) {
      name = statement(text).name;
      this.state.dynamicNames.set(text, name);
    }
    return { name, text };
  }
}

const begin = statement('begin');
const commit = statement('commit');
const rollback = statement('rollback');

const byPool = new WeakMap<object, Sql>();

/** The raw SQL runner on an ORM's (or an EntityManager's) connection pool; one per pool. */
export function sqlOf(source: MikroORM | EntityManager): Sql {
  const knex = ('em' in source ? source.em : source).getConnection().getKnex() as unknown as { client: PoolClient };
  let sql = byPool.get(knex.client);
  if (!sql) {
    sql = new PooledSql(knex.client);
    byPool.set(knex.client, sql);
  }
  return sql;
}
