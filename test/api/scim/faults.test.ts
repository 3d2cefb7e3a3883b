import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupKind } from '../../../src/domain/groups/group.entity.js';
import { makeGroup, makeOrganization, makeScimToken } from '../../factories/domain.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { errorSchema, scimClient } from '../../support/scim.js';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy.js';

let database: TestDatabase;
let proxy: TcpProxy;
let app: TestApp;
let scim: ReturnType<typeof scimClient>;
let base: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const target = new URL(database.url);
  proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  const viaProxy = Object.assign(new URL(database.url), { hostname: '127.0.0.1', port: String(proxy.port) });
  app = await startTestApp(viaProxy.toString(), { SCIM_RATE_LIMIT_PER_MINUTE: '0' });
  const em = app.database.orm.em.fork();
  const group = await makeGroup(em, await makeOrganization(em), { kind: GroupKind.SCIM });
  scim = scimClient(app.baseUrl, (await makeScimToken(em, group)).token);
  base = `/scim/v2/${group.id}`;
});
afterAll(async () => {
  await app.close();
  await proxy.close();
  await database.drop();
});

describe('SCIM while the database is away', () => {
  it('answers 503 with Retry-After and a SCIM error, fast, and recovers by itself', async () => {
    expect((await scim('POST', `${base}/Users`, { userName: 'before@example.com' })).status).toBe(201);
    proxy.cut();
    const down = await scim('GET', `${base}/Users`);
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    expect(down.body).toMatchObject({ schemas: [errorSchema], status: '503' });
    expect(JSON.stringify(down.body)).not.toMatch(/ECONN|select|postgres/i);
    proxy.restore();
    await expect.poll(async () => (await scim('GET', `${base}/Users`)).status, { timeout: 10_000 }).toBe(200);
    expect((await scim('GET', `${base}/Users`)).body.totalResults).toBe(1);
  });
});
