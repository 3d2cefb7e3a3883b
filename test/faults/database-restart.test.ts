import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { postmasterOf, restartPostmaster, stopPostmaster } from '../support/embedded-postmaster.js';
import { embeddedUrl, seedScimTenant } from '../support/scim-tenant.js';
import { spawnBuiltServer, waitForStatus } from '../support/server-process.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { importThroughOutage, outageServerEnv } from './outage-scenario.js';

/**
 * The database goes away under an identity provider's import and comes back, with the built
 * server as its own process: once behind a TCP proxy the test cuts (a PostgreSQL server or the
 * network to it), once the embedded PostgreSQL itself stopped (fast shutdown) and started again.
 */
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('a database restart under load', () => {
  let database: TestDatabase;

  it('PostgreSQL server behind a proxy cut for four seconds: 503s fast, back within 10 s, nothing half-written', async () => {
    database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const target = new URL(database.url);
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    cleanups.push(() => proxy.close());
    const viaProxy = Object.assign(new URL(database.url), { hostname: '127.0.0.1', port: String(proxy.port) });
    const server = spawnBuiltServer({ DATABASE_URL: viaProxy.toString(), ...outageServerEnv });
    cleanups.push(async () => {
      server.child.kill('SIGKILL');
      await server.exited;
    });
    const port = await server.port();
    await waitForStatus(`http://127.0.0.1:${port}/readyz`, 200);
    const tenant = await seedScimTenant(database.url);

    await importThroughOutage({
      port,
      tenant,
      databaseUrl: database.url,
      cut: async () => {
        proxy.cut();
        await Promise.resolve();
      },
      restore: async () => {
        proxy.restore();
        await Promise.resolve();
      },
    });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('embedded PostgreSQL stopped and started again under the running server: the same, without restarting Roster', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'roster-faults-embedded-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const server = spawnBuiltServer({ DATA_DIR: dataDir, ...outageServerEnv });
    cleanups.push(async () => {
      server.child.kill('SIGKILL');
      await server.exited;
    });
    const ready = await server.waitForLog((line) => line.msg === 'Roster is ready', 60_000);
    const port = await server.port();
    const databaseUrl = await embeddedUrl(dataDir, String(ready.database));
    const tenant = await seedScimTenant(databaseUrl);
    const original = postmasterOf(dataDir);
    let restarted: Awaited<ReturnType<typeof restartPostmaster>> | undefined;
    cleanups.push(() => restarted?.stop() ?? Promise.resolve());

    await importThroughOutage({
      port,
      tenant,
      databaseUrl,
      cut: () => stopPostmaster(original),
      restore: async () => {
        restarted = await restartPostmaster(dataDir, original);
      },
    });
    expect(postmasterOf(dataDir)).toMatchObject({ pid: restarted?.pid, port: original.port });
    // Roster stops cleanly although the PostgreSQL running now is not the one it started.
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});
