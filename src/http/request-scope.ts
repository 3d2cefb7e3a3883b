import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { createServices, type DomainSettings, type Services } from '../domain/services.js';

export interface RequestScope {
  readonly em: EntityManager;
  readonly services: Services;
}

/** One forked EntityManager per request, and the domain services on it. The global em is never used. */
export function createRequestScope(orm: MikroORM, settings: DomainSettings): RequestScope {
  const em = orm.em.fork();
  return { em, services: createServices(em, settings) };
}
