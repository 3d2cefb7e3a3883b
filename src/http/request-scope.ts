import type { MikroORM } from '@mikro-orm/postgresql';
import { sqlOf } from '../db/sql.js';
import { createServices, type DomainSettings, type Services } from '../domain/services.js';

export interface RequestScope {
  readonly services: Services;
}

/**
 * The domain services of one request: its own EntityManager, forked from the global one when a
 * service first needs it (the global em is never used), and raw statements on the pool. The
 * request's deadline is not passed here: it travels with the request (src/db/request-deadline.ts).
 */
export function createRequestScope(orm: MikroORM, settings: DomainSettings): RequestScope {
  return { services: createServices(() => orm.em.fork(), { ...settings, sql: settings.sql ?? sqlOf(orm) }) };
}
