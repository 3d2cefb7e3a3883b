/**
 * Where the process is in its life: `starting` until migrations are applied, `ready` while
 * serving, `draining` once a shutdown signal arrived. Readiness and the GraphQL gate read it.
 */
export type Phase = 'starting' | 'ready' | 'draining';

export interface Lifecycle {
  phase: Phase;
  /** While starting: what start-up is waiting for (shown by readiness), e.g. an unreachable database. */
  waitingFor?: string | undefined;
}

export function createLifecycle(): Lifecycle {
  return { phase: 'starting' };
}
