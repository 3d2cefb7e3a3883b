import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { outcomesReach, startImport } from '../support/idp-import.js';
import { seedScimTenant } from '../support/scim-tenant.js';
import { spawnBuiltServer, waitForStatus } from '../support/server-process.js';
import { auditGroup, statusCounts } from '../support/write-audit.js';

/**
 * SIGTERM in the middle of an import, the built server as its own process: every request accepted
 * before the signal (and during the grace period) is answered without a 5xx or a reset, keep-alive
 * clients are told to close, readiness turns 503 while it still serves, and the process exits 0
 * within SHUTDOWN_TIMEOUT_MS with everything it acknowledged written.
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

const graceMs = 1_500;
const shutdownTimeoutMs = 8_000;

describe('SIGTERM under load', () => {
  it('drains an import at concurrency 12: no 5xx, no reset, Connection: close, exit 0 in time, every acknowledged write there', async () => {
    const server = spawnBuiltServer({
      DATABASE_URL: database.url,
      SHUTDOWN_GRACE_MS: String(graceMs),
      SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs),
      SCIM_RATE_LIMIT_PER_MINUTE: '0',
    });
    const port = await server.port();
    await waitForStatus(`http://127.0.0.1:${port}/readyz`, 200);
    const tenant = await seedScimTenant(database.url);
    const run = startImport({ port, basePath: tenant.basePath, token: tenant.token }, { concurrency: 12, count: 100_000 });
    let signalledAt = 0;
    let exitedAt = 0;
    try {
      await outcomesReach(run, 80);
      signalledAt = performance.now();
      server.child.kill('SIGTERM');
      await server.waitForLog((line) => line.msg === 'readiness is 503; still serving during the grace period');
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(503);
      expect(ready.headers.get('connection')).toBe('close');
      expect(await server.exited).toBe(0);
      exitedAt = performance.now();
    } finally {
      run.stop();
      await run.done;
    }
    expect(exitedAt - signalledAt).toBeGreaterThanOrEqual(graceMs);
    expect(exitedAt - signalledAt).toBeLessThan(shutdownTimeoutMs);

    // Accepted before the signal, or sent while the grace period still had a moment to go: answered, never 5xx.
    const served = run.outcomes.filter((o) => o.sentAt < signalledAt + graceMs - 300);
    expect(served.filter((o) => o.sentAt > signalledAt).length, 'requests sent during the grace period').toBeGreaterThan(0);
    const unserved = served.filter((o) => o.status === 0 || o.status >= 500);
    expect(unserved.map((o) => `${o.op} ${o.status} ${o.error ?? o.body.slice(0, 80)}`)).toEqual([]);
    // Every answer begun after the signal told its keep-alive client to reconnect.
    const after = run.outcomes.filter((o) => o.sentAt > signalledAt && o.status !== 0);
    expect(after.filter((o) => o.connection !== 'close').length).toBe(0);
    // Later requests find the listener closed (refused or reset before any answer): the client's to retry elsewhere.
    const counts = statusCounts(run.outcomes);
    expect(
      Object.keys(counts).filter((status) => /^5/.test(status)),
      JSON.stringify(counts),
    ).toEqual([]);

    const audit = await auditGroup(database.url, tenant.groupId, run.outcomes);
    expect(audit.problems).toEqual([]);
    expect(server.logs.some((line) => line.msg === 'shutdown timed out; exiting anyway')).toBe(false);
  });
});
