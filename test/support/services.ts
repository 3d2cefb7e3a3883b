import type { MikroORM } from '@mikro-orm/postgresql';
import { ActivityEvent } from '../../src/domain/activity/activity-event.entity.js';
import { createServices, type Services } from '../../src/domain/services.js';

/** Services on a fresh EntityManager fork, as one request would have them. */
export function servicesFor(orm: MikroORM): Services {
  return createServices(orm.em.fork(), { sessionTtlMs: 3_600_000 });
}

/** The activity events of an organization, oldest first. */
export function eventsOf(orm: MikroORM, organizationId: string): Promise<ActivityEvent[]> {
  return orm.em.fork().find(ActivityEvent, { organization: organizationId }, { orderBy: { id: 'asc' } });
}
