import type { Actor, AdminActor } from './actor.js';
import { AdminRole } from './actor.js';
import { DomainError } from './domain-error.js';

/** Admin-only operations (tokens, groups, activity): a SCIM token may not do them. */
export function requireAdmin(actor: Actor): AdminActor {
  if (actor.kind !== 'admin') throw new DomainError('AUTH_FORBIDDEN', 'This operation needs a signed-in admin.');
  return actor;
}

/** Changes need an OWNER or ADMIN; VIEWERs read only. */
export function requireWriter(actor: Actor): AdminActor {
  const admin = requireAdmin(actor);
  if (admin.role === AdminRole.VIEWER)
    throw new DomainError('AUTH_FORBIDDEN', 'Your role (VIEWER) can read but not change anything. Ask an owner for the ADMIN role.');
  return admin;
}
