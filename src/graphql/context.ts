import type { EntityManager } from '@mikro-orm/postgresql';

/** What every resolver receives: one forked EntityManager per request, never the global one. */
export interface GraphQLContext {
  readonly requestId: string;
  readonly em: EntityManager;
}
