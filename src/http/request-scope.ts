import type { MikroORM } from '@mikro-orm/postgresql';
import { sqlOf } from '../db/sql.js';
import { createServices, type DomainSettings, type Services } from '../domain/services.js';

export interface RequestScope {
  readonly services: Services;
}

/**
 * The domain services of one request: its own EntityManager, forked from the global one when a
 * service first needs it (the global em is never used), and raw statements on the pool, all due
 * by the request's deadline (epoch ms; see Sql.withDeadline).
 */
export function createRequestScope(orm: MikroORM, settings: DomainSettings, deadline?: number): RequestScope {
  const sql = settings.sql ?? sqlOf(orm);
  return { services: createServices(() => orm.em.fork(), { ...settings, sql: deadline === undefined ? sql : sql.withDeadline(deadline) }) };
}
