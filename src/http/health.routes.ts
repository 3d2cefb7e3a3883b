import { Router } from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Lifecycle } from './lifecycle.js';

const probeTimeoutMs = 2_000;

async function databaseReachable(orm: MikroORM): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), probeTimeoutMs);
  });
  try {
    return await Promise.race([orm.checkConnection().then((check) => check.ok), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `/healthz`: the process is alive and serving HTTP (no dependency checked, so a database outage
 * never gets the process restarted). `/readyz`: send traffic here — migrations applied, not
 * shutting down, and the database answers `select 1` within two seconds.
 */
export function healthRoutes(orm: MikroORM, lifecycle: Lifecycle): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    if (lifecycle.phase !== 'ready') {
      const reason = lifecycle.phase === 'draining' ? 'shutting down' : `starting: ${lifecycle.waitingFor ?? 'applying migrations'}`;
      res.status(503).json({ status: 'unavailable', reason });
      return;
    }
    if (!(await databaseReachable(orm))) {
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
      return;
    }
    res.json({ status: 'ok' });
  });
  return router;
}
