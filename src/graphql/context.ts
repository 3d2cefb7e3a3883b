import type { AdminActor } from '../domain/shared/actor.js';
import { DomainError } from '../domain/shared/domain-error.js';
import type { Services } from '../domain/services.js';
import type { Loaders } from './loaders.js';

/** Sets and clears the session cookie on the HTTP response (signIn, signOut). */
export interface SessionCookie {
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

/** What every resolver receives: the caller, and services and loaders on one request-scoped EntityManager. */
export interface GraphQLContext {
  readonly requestId: string;
  /** The signed-in admin, or null for anonymous callers (GraphQL accepts admin sessions only). */
  readonly actor: AdminActor | null;
  readonly services: Services;
  readonly loaders: Loaders;
  readonly sessionCookie: SessionCookie;
  /** Where clients reach the service; SCIM base URLs are built from it. */
  readonly publicUrl: string;
}

/** The caller, or UNAUTHENTICATED: every field but signIn needs a session. */
export function actorOf(context: GraphQLContext): AdminActor {
  if (!context.actor) throw new DomainError('AUTH_REQUIRED', 'Sign in first: call signIn, then send the session cookie or `Authorization: Bearer <token>`.');
  return context.actor;
}
