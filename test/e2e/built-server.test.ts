import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminQuery } from '../support/database-server.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { spawnBuiltServer, waitForStatus, type ServerProcess } from '../support/server-process.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { version } from '../../src/version.js';
import { migrationsList } from '../../migrations/index.js';

/** The built server (`dist/`), as `npm start` and the Docker image run it, on a real database. */
describe('the built server', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrated: false });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('starts on an empty database, applies every migration, answers GraphQL and stops cleanly on SIGTERM', async () => {
    const server = spawnBuiltServer({ DATABASE_URL: database.url });
    const base = `http://127.0.0.1:${await server.port()}`;
    await waitForStatus(`${base}/readyz`, 200);

    const applied = await adminQuery(database.url, 'select name from mikro_orm_migrations order by id');
    expect(applied.rows.map((row: { name: string }) => row.name)).toEqual(migrationsList.map((m) => m.name));
    // Log lines are written in batches, so the ready line may follow /readyz's 200 by a moment.
    const ready = await server.waitForLog((line) => line.msg === 'Roster is ready');
    expect(ready).toMatchObject({
      version,
      urls: { portal: expect.stringMatching(/\/$/), graphql: expect.stringMatching(/\/graphql$/), healthz: expect.stringMatching(/\/healthz$/) },
    });
    expect(JSON.stringify(ready)).not.toContain(new URL(database.url).password || 'no-password-in-url');

    const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ version }"}' });
    expect(await response.json()).toEqual({ data: { version } });
    // The built admin portal, found from dist/src as from src.
    const portal = await fetch(`${base}/groups`, { headers: { accept: 'text/html' } });
    expect(portal.status).toBe(200);
    expect(await portal.text()).toContain('<title>Roster admin</title>');

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    // The access line of the last request may be written after 'stopped' (pino-http logs on close).
    const messages = server.logs.map((line) => line.msg);
    expect(messages.indexOf('stopped')).toBeGreaterThan(messages.indexOf('shutting down: finishing in-flight requests'));
    expect(messages.indexOf('shutting down: finishing in-flight requests')).toBeGreaterThan(-1);
    // One signal, one shutdown: nothing re-sends it (Apollo's own signal handlers did).
    expect(messages).not.toContain('already shutting down; waiting for in-flight requests');
  });

  it('finishes an in-flight request after SIGTERM, survives a second signal, then exits 0', async () => {
    const server = spawnBuiltServer({ DATABASE_URL: database.url });
    const port = await server.port();
    await waitForStatus(`http://127.0.0.1:${port}/readyz`, 200);

    // A request whose body is still arriving when the signal comes.
    const body = JSON.stringify({ query: '{ version }' });
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/graphql',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      request.on('error', reject);
      request.write(body.slice(0, 5));
      setTimeout(() => {
        server.child.kill('SIGTERM');
        void server
          .waitForLog((line) => line.msg === 'shutting down: finishing in-flight requests')
          .then(() => {
            server.child.kill('SIGTERM');
            return server.waitForLog((line) => line.msg === 'already shutting down; waiting for in-flight requests').then(() => request.end(body.slice(5)));
          });
      }, 200);
    });

    expect(await answer).toEqual({ status: 200, body: JSON.stringify({ data: { version } }) + '\n' });
    expect(await server.exited).toBe(0);
  });

  it('keeps serving through the shutdown grace period with readiness 503, telling clients to reconnect, then exits 0', async () => {
    const server = spawnBuiltServer({ DATABASE_URL: database.url, SHUTDOWN_GRACE_MS: '1500' });
    const port = await server.port();
    await waitForStatus(`http://127.0.0.1:${port}/readyz`, 200);
    const get = (path: string) =>
      new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        // A keep-alive client: it asks to keep the connection, so a `close` is the server's own.
        http
          .get({ host: '127.0.0.1', port, path, agent: new http.Agent({ keepAlive: true }) }, (res) => {
            res.socket.on('error', () => undefined);
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
          })
          .on('error', reject);
      });
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    await server.waitForLog((line) => line.msg === 'readiness is 503; still serving during the grace period');
    expect(await get('/readyz')).toMatchObject({ status: 503, connection: 'close' });
    expect(await get('/healthz')).toMatchObject({ status: 200, connection: 'close' });
    const answer = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ version }"}',
    });
    expect(answer.status).toBe(200);
    expect(await server.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(1_500);
  });

  it('starts while the database is down: alive at once, ready only once the database is reachable', async () => {
    const target = new URL(database.url);
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    proxy.cut();
    const viaProxy = new URL(database.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const server: ServerProcess = spawnBuiltServer({ DATABASE_URL: viaProxy.toString(), DB_CONNECT_TIMEOUT_MS: '500' });
    try {
      const base = `http://127.0.0.1:${await server.port()}`;
      await waitForStatus(`${base}/healthz`, 200);
      await server.waitForLog((line) => typeof line.msg === 'string' && line.msg.startsWith('cannot reach PostgreSQL at 127.0.0.1:'));
      const waiting = await fetch(`${base}/readyz`);
      expect(waiting.status).toBe(503);
      expect(((await waiting.json()) as { reason: string }).reason).toMatch(/^starting: cannot reach PostgreSQL at 127\.0\.0\.1:\d+ .*; retrying$/);
      proxy.restore();
      await waitForStatus(`${base}/readyz`, 200, 15_000);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      await proxy.close();
    }
  });

  it('stops at once, naming the fix, when the database does not exist or refuses the login', async () => {
    const missing = new URL(database.url);
    missing.pathname = '/roster_no_such_database';
    const noDatabase = spawnBuiltServer({ DATABASE_URL: missing.toString() });
    expect(await noDatabase.exited).toBe(1);
    expect(noDatabase.stderr()).toMatch(
      /^Roster could not start: database "roster_no_such_database" does not exist on .+: create it \(createdb -h .+ roster_no_such_database\)/m,
    );

    const stranger = new URL(database.url);
    stranger.username = 'roster_no_such_role';
    stranger.password = 'secret-password';
    const noRole = spawnBuiltServer({ DATABASE_URL: stranger.toString() });
    expect(await noRole.exited).toBe(1);
    expect(noRole.stderr()).toMatch(/^Roster could not start: the server refused the login \(.*roster_no_such_role.*\)/m);
    expect(noRole.stderr() + JSON.stringify(noRole.logs)).not.toContain('secret-password');
  });

  it('refuses a bad configuration value with a message naming the variable', async () => {
    const server = spawnBuiltServer({ DATABASE_URL: database.url, PORT: 'four-thousand' });
    expect(await server.exited).toBe(1);
    expect(server.stderr()).toContain('PORT: must be a whole number from 0 to 65535 (got "four-thousand")');
    expect(server.stderr()).toContain('See .env.example');
  });
});
