import type { MikroORM } from '@mikro-orm/postgresql';
import { deadlineGuard } from '../db/deadline-guard.js';
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
  if (deadline === undefined) return { services: createServices(() => orm.em.fork(), { ...settings, sql }) };
  const fork = () => {
    // Its own event manager (the global one stays untouched), cloned into its transactions.
    const em = orm.em.fork({ cloneEventManager: true });
    em.getEventManager().registerSubscriber(deadlineGuard(deadline));
    return em;
  };
  return { services: createServices(fork, { ...settings, sql: sql.withDeadline(deadline) }) };
}
