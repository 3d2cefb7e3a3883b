import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAdmin, makeOrganization } from '../factories/domain.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

/** GraphQL while the database is away: the same classification as SCIM's (src/db/unavailable.ts). */
let database: TestDatabase;
let proxy: TcpProxy;
let app: TestApp;
let token: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const target = new URL(database.url);
  proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  const viaProxy = Object.assign(new URL(database.url), { hostname: '127.0.0.1', port: String(proxy.port) });
  app = await startTestApp(viaProxy.toString());
  const em = app.database.orm.em.fork();
  token = (await makeAdmin(em, await makeOrganization(em))).token;
});
afterAll(async () => {
  await app.close();
  await proxy.close();
  await database.drop();
});

async function graphql(query: string) {
  const response = await fetch(`${app.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    text,
    body: JSON.parse(text) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] },
  };
}

describe('GraphQL while the database is away', () => {
  it('answers SERVICE_UNAVAILABLE with a retry hint (503 without partial data), never a masked 500, and recovers by itself', async () => {
    // The session is checked and remembered (for a second) now, so what fails below is the resolver.
    expect((await graphql('{ groups { totalCount } }')).body.errors).toBeUndefined();
    proxy.cut();
    try {
      const down = await graphql('{ groups { totalCount } }');
      expect(down.status).toBe(503);
      expect(down.retryAfter).toBe('5');
      expect(down.body.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5, requestId: expect.any(String) });
      expect(down.text).not.toMatch(/ECONN|select|postgres|terminated/i);

      // With something answered beside it, the partial data comes with 200 and the same error.
      const partial = await graphql('{ version group(id: "8d1f3a4e-0c5b-4f7e-9a21-3b6c9e2d7f10") { name } }');
      expect(partial.status).toBe(200);
      expect(partial.body.data).toEqual({ version: expect.any(String), group: null });
      expect(partial.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');

      // Once the remembered session has to be read again, the answer is the same.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const session = await graphql('{ viewer { admin { email } } }');
      expect({ status: session.status, code: session.body.errors?.[0]?.extensions?.code }).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    } finally {
      proxy.restore();
    }
    await expect.poll(async () => (await graphql('{ groups { totalCount } }')).status, { timeout: 10_000 }).toBe(200);
  });
});
