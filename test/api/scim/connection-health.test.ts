import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupScimConnectionDocument } from '../../generated/graphql.js';
import { makeScimToken } from '../../factories/domain.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { graphqlRequest } from '../../support/graphql.js';
import { scimClient } from '../../support/scim.js';
import { bearer, seedTenant, type Tenant } from '../../support/seed.js';

let database: TestDatabase;
let app: TestApp;
let orm: MikroORM;
let tenant: Tenant;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url);
  orm = app.database.orm;
  tenant = await seedTenant(orm);
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

/** Health is written once a second per instance: wait up to a few seconds for it. */
const flushed = { timeout: 5_000, interval: 100 };

async function health() {
  const response = await graphqlRequest(app.baseUrl, GroupScimConnectionDocument, { id: tenant.scimGroup.id }, bearer(tenant.admin.token));
  return response.data?.group?.scim?.connection;
}

describe('SCIM connection health in the portal', () => {
  it('starts empty', async () => {
    expect(await health()).toEqual({ lastRequestAt: null, client: null, userAgent: null, lastSuccessAt: null, lastFailure: null, rejectedAttempts: [] });
  });

  it('shows the identity provider, the last success, the last failure with its exact SCIM detail, and rejected tokens', async () => {
    const base = `/scim/v2/${tenant.scimGroup.id}`;
    const okta = scimClient(app.baseUrl, tenant.scimToken);
    const ua = { 'user-agent': 'Okta SCIM Client 1.0.0' };
    await okta('GET', `${base}/Users?filter=${encodeURIComponent('userName eq "x@example.com"')}`, undefined, ua);
    await expect.poll(async () => (await health())?.client, flushed).toBe('OKTA');
    expect((await health())?.lastSuccessAt).toEqual(expect.any(String));

    const failure = await okta('GET', `${base}/Users?filter=${encodeURIComponent('shoeSize eq "42"')}`, undefined, { ...ua, 'x-request-id': 'bad-filter-1' });
    await expect.poll(async () => (await health())?.lastFailure?.requestId, flushed).toBe('bad-filter-1');
    expect((await health())?.lastFailure).toMatchObject({ status: 400, detail: failure.body.detail });

    await scimClient(app.baseUrl, 'roster_scim_0123456789abcdef_notarealsecretnotarealsecretnotarealsecr_deadbeef')('GET', `${base}/Users`, undefined, ua);
    // Rejections are written in batches after the answer; wait for each, so their order is known.
    await expect.poll(async () => (await health())?.rejectedAttempts.length, flushed).toBe(1);
    const other = await makeScimToken(orm.em.fork(), tenant.standardGroup);
    await scimClient(app.baseUrl, other.token)('GET', `${base}/Users`);
    await expect.poll(async () => (await health())?.rejectedAttempts.length, flushed).toBe(2);
    expect((await health())?.rejectedAttempts).toEqual([
      { at: expect.any(String), reason: "another group's token", tokenLastFour: other.token.slice(-4), client: 'OTHER' },
      { at: expect.any(String), reason: 'unknown, revoked or expired token', tokenLastFour: 'beef', client: 'OKTA' },
    ]);
  });

  it("is not shown to another organization's admins", async () => {
    const stranger = await seedTenant(orm);
    const response = await graphqlRequest(app.baseUrl, GroupScimConnectionDocument, { id: tenant.scimGroup.id }, bearer(stranger.admin.token));
    expect(response.data?.group).toBeNull();
  });
});
