import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isProcessAlive } from '../../src/db/directory-lock.js';
import { createTestDatabase } from '../support/database.js';
import { postmasterOf } from '../support/embedded-postmaster.js';
import { importUserName, outcomesReach, startImport, type Outcome } from '../support/idp-import.js';
import { embeddedUrl, seedScimTenant, type ScimTenant } from '../support/scim-tenant.js';
import { spawnBuiltServer, waitForStatus, type ServerProcess } from '../support/server-process.js';
import { auditGroup, statusCounts } from '../support/write-audit.js';

/**
 * kill -9 in the middle of an import, then a new process on the same database: whatever the
 * client saw acknowledged is there, nothing is half-written, and the identity provider's re-run
 * (creates re-sent as when their answers were lost) gets 409 for exactly the users that exist and
 * completes the rest.
 */
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function started(env: Record<string, string>): ServerProcess {
  const server = spawnBuiltServer({ ...env, SCIM_RATE_LIMIT_PER_MINUTE: '0' });
  cleanups.push(async () => {
    server.child.kill('SIGKILL');
    await server.exited;
  });
  return server;
}

/** Imports until `killAfter` answers, kills the server outright, and checks what the database holds. */
async function killMidImport(server: ServerProcess, port: number, tenant: ScimTenant): Promise<{ first: Outcome[]; attempted: number }> {
  const run = startImport({ port, basePath: tenant.basePath, token: tenant.token }, { concurrency: 12, count: 100_000 });
  try {
    await outcomesReach(run, 120);
    server.child.kill('SIGKILL');
    expect(await server.exited).toBe('SIGKILL');
  } finally {
    run.stop();
    await run.done;
  }
  return { first: run.outcomes, attempted: Math.max(...run.outcomes.map((o) => o.user)) + 1 };
}

/** After the restart: the audit, then the re-run of every user tried and a few more. */
async function resumeImport(port: number, tenant: ScimTenant, databaseUrl: string, first: Outcome[], attempted: number): Promise<void> {
  const afterCrash = await auditGroup(databaseUrl, tenant.groupId, first);
  expect(afterCrash.problems).toEqual([]);
  expect(afterCrash.members.size).toBeGreaterThan(0);

  const count = attempted + 5;
  const rerun = startImport({ port, basePath: tenant.basePath, token: tenant.token }, { concurrency: 12, count, createOnly: true });
  await rerun.done;
  const creates = rerun.outcomes.filter((o) => o.op === 'create');
  expect(statusCounts(rerun.outcomes), 'the re-run').toEqual(
    Object.fromEntries(
      Object.entries({ '201': count - afterCrash.members.size, '409': afterCrash.members.size, '200': count - afterCrash.members.size }).filter(
        ([, n]) => n > 0,
      ),
    ),
  );
  const conflicts = creates.filter((o) => o.status === 409);
  expect(new Set(conflicts.map((o) => o.userName))).toEqual(new Set(afterCrash.byUserName.keys()));
  for (const o of conflicts) expect(JSON.parse(o.body)).toMatchObject({ status: '409', scimType: 'uniqueness' });

  const final = await auditGroup(databaseUrl, tenant.groupId, [...first, ...rerun.outcomes]);
  expect(final.problems).toEqual([]);
  expect([...final.byUserName.keys()].sort()).toEqual(Array.from({ length: count }, (_, i) => importUserName(i)).sort());
}

describe('kill -9 mid-import, then a restart', () => {
  it('on a PostgreSQL server', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const killed = started({ DATABASE_URL: database.url });
    const port = await killed.port();
    await waitForStatus(`http://127.0.0.1:${port}/readyz`, 200);
    const tenant = await seedScimTenant(database.url);
    const { first, attempted } = await killMidImport(killed, port, tenant);

    const next = started({ DATABASE_URL: database.url });
    const nextPort = await next.port();
    await waitForStatus(`http://127.0.0.1:${nextPort}/readyz`, 200);
    await resumeImport(nextPort, tenant, database.url, first, attempted);
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  });

  it('on the embedded PostgreSQL: the next start takes over the data folder and the orphaned PostgreSQL', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'roster-faults-kill-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const killed = started({ DATA_DIR: dataDir });
    const ready = await killed.waitForLog((line) => line.msg === 'Roster is ready', 60_000);
    const port = await killed.port();
    const tenant = await seedScimTenant(await embeddedUrl(dataDir, String(ready.database)));
    const orphan = postmasterOf(dataDir);
    const { first, attempted } = await killMidImport(killed, port, tenant);
    expect(isProcessAlive(orphan.pid)).toBe(true);
    expect((await readFile(path.join(dataDir, 'roster.lock'), 'utf8')).trim()).toBe(String(killed.child.pid));

    const next = started({ DATA_DIR: dataDir });
    const readyAgain = await next.waitForLog((line) => line.msg === 'Roster is ready', 60_000);
    expect(next.logs.find((line) => line.msg === 'stopping an embedded PostgreSQL left running by an earlier run')).toMatchObject({ pid: orphan.pid });
    expect(isProcessAlive(orphan.pid)).toBe(false);
    expect((await readFile(path.join(dataDir, 'roster.lock'), 'utf8')).trim()).toBe(String(next.child.pid));
    await resumeImport(await next.port(), tenant, await embeddedUrl(dataDir, String(readyAgain.database)), first, attempted);
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  });
});
