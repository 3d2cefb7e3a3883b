import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { waitForStatus } from '../support/server-process.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

let database: TestDatabase;
let proxy: TcpProxy;
let app: TestApp;

beforeAll(async () => {
  database = await createTestDatabase();
  const target = new URL(database.url);
  proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  const viaProxy = new URL(database.url);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  app = await startTestApp(viaProxy.toString());
});
afterAll(async () => {
  await app.close();
  await proxy.close();
  await database.drop();
});

describe('readiness follows the database', () => {
  it('turns 503 while the database is unreachable and 200 again when it is back, without a restart', async () => {
    await waitForStatus(`${app.baseUrl}/readyz`, 200);

    proxy.cut();
    const down = await fetch(`${app.baseUrl}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable', reason: 'database unreachable' });
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);

    proxy.restore();
    await waitForStatus(`${app.baseUrl}/readyz`, 200, 10_000);
  });
});
