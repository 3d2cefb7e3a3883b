import type { EventSubscriber } from '@mikro-orm/core';
import { RequestDeadlineError } from './sql.js';

/**
 * The request deadline (Sql.withDeadline) for work through MikroORM's unit of work: no transaction
 * starts and none commits once the deadline has passed — it is rolled back, and the request fails
 * as an outage (503). Registered on the request's own EntityManager fork, whose event manager its
 * transactions clone.
 */
export function deadlineGuard(deadline: number): EventSubscriber {
  const check = () => {
    if (Date.now() >= deadline) throw new RequestDeadlineError();
  };
  return { beforeTransactionStart: check, beforeFlush: check, beforeTransactionCommit: check };
}
