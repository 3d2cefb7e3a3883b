import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlOf } from '../../src/db/sql.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { adminQuery } from '../support/database-server.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { outcomesReach, startImport } from '../support/idp-import.js';
import { seedScimTenant, type ScimTenant } from '../support/scim-tenant.js';
import { auditGroup, statusCounts } from '../support/write-audit.js';

/**
 * Every pooled connection held by slow statements (DB_POOL_MAX=2, two pg_sleeps on the server's own
 * pool) while an import runs: the others wait no longer than the acquire timeout or the request
 * deadline, then get 503; liveness stays 200; and once the slow statements end nothing is left
 * behind — the pool idle, no connection of the server's busy in PostgreSQL.
 */
let database: TestDatabase;
let app: TestApp;
let tenant: ScimTenant;
const acquireTimeoutMs = 1_000;
const requestDeadlineMs = 1_500;
const holdMs = 3_000;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, {
    DB_POOL_MAX: '2',
    DB_ACQUIRE_TIMEOUT_MS: String(acquireTimeoutMs),
    REQUEST_DEADLINE_MS: String(requestDeadlineMs),
    SCIM_RATE_LIMIT_PER_MINUTE: '0',
  });
  tenant = await seedScimTenant(database.url);
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

/** tarn's pool under knex under MikroORM: the counts that show a leak. */
interface TarnPool {
  numUsed(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}
const poolOf = (test: TestApp) => (test.database.orm.em.getConnection().getKnex() as unknown as { client: { pool: TarnPool } }).client.pool;

async function timed(url: string, init?: RequestInit): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, init);
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

describe('an exhausted pool', () => {
  it('answers 503 within the acquire timeout while every connection is held, keeps liveness, and leaks nothing after', async () => {
    const run = startImport({ port: app.http.port, basePath: tenant.basePath, token: tenant.token }, { concurrency: 8, count: 100_000 });
    let holdStarted = 0;
    let holdEnded = 0;
    try {
      await outcomesReach(run, 40);
      const sql = sqlOf(app.database.orm);
      holdStarted = performance.now();
      const held = Promise.all([sql.query(`select pg_sleep(${holdMs / 1000})`), sql.query(`select pg_sleep(${holdMs / 1000})`)]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const alive = await timed(`${app.baseUrl}/healthz`);
      expect(alive.status).toBe(200);
      expect(alive.ms).toBeLessThan(500);
      expect((await timed(`${app.baseUrl}/readyz`)).status).toBe(503);
      const graphql = await fetch(`${app.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.adminToken}` },
        body: JSON.stringify({ query: '{ groups { totalCount } }' }),
      });
      const body = (await graphql.json()) as { errors?: { extensions?: { code?: string } }[] };
      expect({ status: graphql.status, code: body.errors?.[0]?.extensions?.code }).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
      await held;
      holdEnded = performance.now();
      await expect.poll(() => run.outcomes.some((o) => o.sentAt > holdEnded && o.status === 201), { timeout: 10_000, interval: 50 }).toBe(true);
    } finally {
      run.stop();
      await run.done;
    }
    const counts = statusCounts(run.outcomes);
    expect(
      Object.keys(counts).filter((status) => !['200', '201', '503'].includes(status)),
      JSON.stringify(counts),
    ).toEqual([]);
    const waitedOut = run.outcomes.filter((o) => o.status === 503);
    expect(waitedOut.length).toBeGreaterThan(0);
    for (const o of waitedOut) expect(o.retryAfter).toBe('5');
    // Nobody waited longer than the shorter of the two bounds, plus slack for a loaded machine.
    expect(Math.max(...waitedOut.map((o) => o.answeredAt - o.sentAt))).toBeLessThan(Math.min(acquireTimeoutMs, requestDeadlineMs) + 1_000);
    // Requests sent while the pool was held, past the first moments, were refused rather than queued to the end.
    const duringHold = run.outcomes.filter((o) => o.sentAt > holdStarted + 200 && o.answeredAt < holdEnded - 200);
    expect(duringHold.length).toBeGreaterThan(0);
    expect(duringHold.every((o) => o.status === 503)).toBe(true);

    // Nothing leaked: the pool is idle, and PostgreSQL sees the server's connections idle.
    const pool = poolOf(app);
    await expect.poll(() => [pool.numUsed(), pool.numPendingAcquires(), pool.numPendingCreates()], { timeout: 5_000 }).toEqual([0, 0, 0]);
    const { rows } = await adminQuery(
      database.url,
      `select state from pg_stat_activity where datname = current_database() and application_name = 'roster' and pid <> pg_backend_pid()`,
    );
    expect(rows.length).toBeLessThanOrEqual(2);
    expect(rows.every((row: { state: string }) => row.state === 'idle')).toBe(true);

    const audit = await auditGroup(database.url, tenant.groupId, run.outcomes);
    expect(audit.problems).toEqual([]);
  });
});
