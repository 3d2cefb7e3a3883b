import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProcessAlive } from '../../src/db/directory-lock.js';
import { spawnBuiltServer, waitForStatus } from '../support/server-process.js';

/**
 * The fresh-machine path: no DATABASE_URL, so the server runs its own PostgreSQL from the npm
 * package, with the data in DATA_DIR kept across restarts. Always runs, whatever database the
 * rest of the suite uses.
 */
describe('npm start without DATABASE_URL (embedded PostgreSQL)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'roster-embedded-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  async function connect(port: number): Promise<pg.Client> {
    const password = (await readFile(path.join(dataDir, 'postgres-password'), 'utf8')).trim();
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'roster' });
    await client.connect();
    return client;
  }

  it('starts its own PostgreSQL on loopback, refuses a second process on the same data, keeps data across restarts', async () => {
    const first = spawnBuiltServer({ DATA_DIR: dataDir });
    const ready = await first.waitForLog((line) => line.msg === 'Roster is ready', 60_000);
    expect(ready).toMatchObject({ embeddedDatabase: true, database: expect.stringMatching(/^postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/roster$/) });
    const pgPort = Number(new URL(String(ready.database)).port);
    expect(pgPort).not.toBe(5432);
    await waitForStatus(`http://127.0.0.1:${await first.port()}/readyz`, 200);

    const client = await connect(pgPort);
    const listen = await client.query<{ listen_addresses: string }>('show listen_addresses');
    expect(listen.rows[0]?.listen_addresses).toBe('127.0.0.1');
    await client.query(`insert into organization (id, name, plan) values (gen_random_uuid(), 'Kept across restarts', 'PRO')`);
    await client.end();

    const second = spawnBuiltServer({ DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toContain(`Another Roster process (pid ${first.child.pid}) is using the data folder ${dataDir}`);

    const postmasterPid = Number((await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(isProcessAlive(postmasterPid)).toBe(false);
    expect(existsSync(path.join(dataDir, 'roster.lock'))).toBe(false);

    const again = spawnBuiltServer({ DATA_DIR: dataDir });
    const readyAgain = await again.waitForLog((line) => line.msg === 'Roster is ready', 60_000);
    const restarted = await connect(Number(new URL(String(readyAgain.database)).port));
    const kept = await restarted.query('select name from organization');
    await restarted.end();
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    expect(kept.rows).toEqual([{ name: 'Kept across restarts' }]);
  });

  it('recovers after the server was killed and left its PostgreSQL running', async () => {
    const killed = spawnBuiltServer({ DATA_DIR: dataDir });
    await killed.waitForLog((line) => line.msg === 'Roster is ready', 60_000);
    const orphanPid = Number((await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    killed.child.kill('SIGKILL');
    await killed.exited;

    const next = spawnBuiltServer({ DATA_DIR: dataDir });
    await next.waitForLog((line) => line.msg === 'Roster is ready', 60_000);
    expect(next.logs.find((line) => line.msg === 'stopping an embedded PostgreSQL left running by an earlier run')).toMatchObject({ pid: orphanPid });
    expect(isProcessAlive(orphanPid)).toBe(false);
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  });

  // As root, PostgreSQL runs as the `postgres` system user (the case in containers and CI here).
  it.runIf(process.getuid?.() === 0)('says what to fix when the data folder is inside one the postgres user cannot enter', async () => {
    const closed = await mkdtemp(path.join(os.tmpdir(), 'roster-closed-'));
    try {
      await chmod(closed, 0o700);
      const server = spawnBuiltServer({ DATA_DIR: path.join(closed, 'data') });
      expect(await server.exited).toBe(1);
      expect(server.stderr()).toContain(
        `The data folder ${path.join(closed, 'data')} is inside ${closed} (mode 0700), which the postgres system user cannot enter;`,
      );
      expect(server.stderr()).toContain(`chmod o+x ${closed}`);
    } finally {
      await rm(closed, { recursive: true, force: true });
    }
  });
});
