import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAdmin, makeOrganization } from '../factories/domain.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let app: TestApp;
let closed: TestApp;
let token: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, { GRAPHQL_MAX_DEPTH: '6', GRAPHQL_MAX_ALIASES: '3', GRAPHQL_MAX_COST: '2000', GRAPHQL_MAX_TOKENS: '300' });
  closed = await startTestApp(database.url, { GRAPHQL_INTROSPECTION: 'false', GRAPHQL_IDE: 'false' });
  const em = app.database.orm.em.fork();
  token = (await makeAdmin(em, await makeOrganization(em))).token;
});
afterAll(async () => {
  await app.close();
  await closed.close();
  await database.drop();
});

async function post(
  target: TestApp,
  query: string,
  operationName?: string,
): Promise<{ status: number; body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } }> {
  const response = await fetch(`${target.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, ...(operationName ? { operationName } : {}) }),
  });
  return { status: response.status, body: (await response.json()) as never };
}

describe('GraphQL limits', () => {
  it('refuses queries nested deeper than the limit, before running them', async () => {
    const { body } = await post(app, '{ groups { edges { node { members { edges { node { group { name } } } } } } } }');
    expect(body.errors?.[0]?.message).toMatch(/depth limit of 6 exceeded/i);
    expect(body.data).toBeUndefined();
  });

  it('refuses too many aliases', async () => {
    const { body } = await post(app, '{ a: version b: version c: version d: version }');
    expect(body.errors?.[0]?.message).toMatch(/aliases limit of 3 exceeded/i);
  });

  it('refuses expensive queries with QUERY_TOO_COMPLEX, naming the cost and the limit', async () => {
    const { status, body } = await post(app, '{ groups(first: 200) { edges { node { teams(first: 200) { totalCount } } } } }');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 2000 });
    const cheap = await post(app, '{ groups(first: 5) { edges { node { teams(first: 5) { totalCount } } } } }');
    expect(cheap.body.errors).toBeUndefined();
  });

  it('answers 400, not 500, for an operation name the document does not have (named or not)', async () => {
    for (const query of ['{ version }', 'query Version { version }']) {
      const { status, body } = await post(app, query, 'Nope');
      expect(status).toBe(400);
      expect(body.errors?.[0]).toMatchObject({ message: 'Unknown operation named "Nope".', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } });
    }
  });

  it('refuses oversized documents while parsing', async () => {
    const { body } = await post(app, `{ ${Array.from({ length: 400 }, () => '__typename').join(' ')} }`);
    expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(body.errors?.[0]?.message).toMatch(/more that 300 tokens/);
  });

  it('caps page sizes on the server', async () => {
    const { body } = await post(app, '{ groups(first: 1000) { totalCount } }');
    expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'first' }] } });
  });

  it('hides the schema when introspection is off: no introspection, no "did you mean"', async () => {
    const introspection = await post(closed, '{ __schema { types { name } } }');
    expect(introspection.body.errors?.[0]?.message).toMatch(/introspection/i);
    const typo = await post(closed, '{ versoin }');
    expect(typo.body.errors?.[0]?.message).not.toMatch(/did you mean/i);
    const open = await post(app, '{ versoin }');
    expect(open.body.errors?.[0]?.message).toMatch(/did you mean "version"/i);
  });
});
