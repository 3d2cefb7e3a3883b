import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupKind } from '../../../src/domain/groups/group.entity.js';
import { makeAdmin, makeGroup, makeOrganization, makeScimToken } from '../../factories/domain.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { errorSchema, scimClient } from '../../support/scim.js';

/**
 * Absurd numbers where a client may put them (RFC 7644 §3.4.2.4): each is clamped as the RFC says
 * or refused with a clear 400 — never a 5xx from SQL.
 */
let database: TestDatabase;
let app: TestApp;
let orm: MikroORM;
let scim: ReturnType<typeof scimClient>;
let base: string;
let adminToken: string;
let groupId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url);
  orm = app.database.orm;
  const organization = await makeOrganization(orm.em.fork());
  const group = await makeGroup(orm.em.fork(), organization, { kind: GroupKind.SCIM });
  groupId = group.id;
  const { token } = await makeScimToken(orm.em.fork(), group);
  adminToken = (await makeAdmin(orm.em.fork(), organization)).token;
  base = `/scim/v2/${group.id}`;
  scim = scimClient(app.baseUrl, token);
  await scim('POST', `${base}/Users`, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'ada@example.com' });
  await scim('POST', `${base}/Groups`, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Engineering' });
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

const huge = '99999999999999999999999';
const filter = `&filter=${encodeURIComponent('userName sw "a"')}`;

describe('absurd paging values', () => {
  it.each([
    ['/Users', ''],
    ['/Users', filter],
    ['/Groups', ''],
    ['/Groups', `&filter=${encodeURIComponent('displayName sw "E"')}`],
  ])('%s%s: a startIndex past everything is an empty page; one below 1 counts as 1', async (path, extra) => {
    const past = await scim('GET', `${base}${path}?startIndex=${huge}${extra}`);
    expect(past.status).toBe(200);
    expect(past.body).toMatchObject({ totalResults: 1, itemsPerPage: 0, Resources: [] });
    for (const low of ['0', '-99999999999999999999']) {
      const first = await scim('GET', `${base}${path}?startIndex=${low}${extra}`);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ startIndex: 1, itemsPerPage: 1 });
    }
    const capped = await scim('GET', `${base}${path}?count=${huge}${extra}`);
    expect(capped.status).toBe(200);
    expect(capped.body).toMatchObject({ itemsPerPage: 1 });
  });

  it.each([['1.5'], ['1e3'], ['abc'], ['0x10'], ['']])('refuses startIndex and count of %j with 400 invalidValue, or ignores an empty one', async (value) => {
    for (const name of ['startIndex', 'count']) {
      const response = await scim('GET', `${base}/Users?${name}=${encodeURIComponent(value)}`);
      if (value === '') {
        expect(response.status).toBe(200);
      } else {
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ schemas: [errorSchema], status: '400', scimType: 'invalidValue' });
        expect(response.body.detail).toContain(`"${name}" must be an integer`);
      }
    }
  });

  it.each([['/Users/.search'], ['/Groups/.search'], ['/.search']])('%s: the same in a SearchRequest body, numbers or strings', async (path) => {
    const search = (extra: Record<string, unknown>) =>
      scim('POST', `${base}${path}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], ...extra });
    for (const startIndex of [1e23, huge, Number.MAX_SAFE_INTEGER * 4]) {
      const response = await search({ startIndex });
      // 1e23 as a JSON number reads as "1e+23": not an integer as written.
      expect([200, 400]).toContain(response.status);
      if (response.status === 200) expect(response.body).toMatchObject({ Resources: [] });
      else expect(response.body).toMatchObject({ scimType: 'invalidValue' });
    }
    for (const bad of [1.5, -0.5, 'x', true, { n: 1 }, [1, 2]]) {
      const response = await search({ count: bad });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ schemas: [errorSchema], scimType: 'invalidValue' });
    }
    expect((await search({ startIndex: -5, count: -5 })).status).toBe(200);
  });
});

describe('absurd GraphQL page sizes and cursors', () => {
  const graphql = async (first: unknown, after?: unknown) => {
    const response = await fetch(`${app.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({
        query: 'query Members($id: ID!, $first: Int, $after: String) { group(id: $id) { members(first: $first, after: $after) { totalCount } } }',
        variables: { id: groupId, first, after },
      }),
    });
    return { status: response.status, body: (await response.json()) as { errors?: { extensions?: { code?: string } }[] } };
  };

  // A variable that is no Int fails the request (400); an Int out of range fails the field (200
  // with the error, GraphQL over HTTP's rule for field errors). Both say BAD_USER_INPUT.
  it.each([
    [-1, 200],
    [201, 200],
    [2 ** 31, 400],
    [1e23, 400],
    [1.5, 400],
    ['ten', 400],
  ])('refuses first: %j with BAD_USER_INPUT (HTTP %i)', async (first, expected) => {
    const { status, body } = await graphql(first);
    expect({ status, code: body.errors?.[0]?.extensions?.code }).toEqual({ status: expected, code: 'BAD_USER_INPUT' });
  });

  it.each([
    ['garbage'],
    [Buffer.from('{"a":1}').toString('base64url')],
    [Buffer.from('[1e400]').toString('base64url')],
    [Buffer.from('[[]]').toString('base64url')],
  ])('refuses the cursor %j with BAD_USER_INPUT', async (after) => {
    const { status, body } = await graphql(10, after);
    expect({ status, code: body.errors?.[0]?.extensions?.code }).toEqual({ status: 200, code: 'BAD_USER_INPUT' });
  });

  it.each([[[huge]], [[-1]], [[Number.MAX_SAFE_INTEGER]], [['x'.repeat(5000)]]])(
    'answers a well-shaped cursor %j past or before everything without a 5xx',
    async (key) => {
      const { status, body } = await graphql(10, Buffer.from(JSON.stringify(key)).toString('base64url'));
      expect(status).toBeLessThan(500);
      expect(body.errors?.[0]?.extensions?.code ?? 'none').toMatch(/^(none|BAD_USER_INPUT)$/);
    },
  );
});
