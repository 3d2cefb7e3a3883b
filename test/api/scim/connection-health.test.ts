import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupScimConnectionDocument } from '../../generated/graphql.js';
import { randomUUID } from 'node:crypto';
import { makeGroup, makeScimToken } from '../../factories/domain.js';
import { GroupKind } from '../../../src/domain/groups/group.entity.js';
import { ScimToken } from '../../../src/domain/scim-tokens/scim-token.entity.js';
import { newScimToken } from '../../../src/domain/scim-tokens/scim-token.format.js';
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

async function healthOf(groupId: string, asAdmin = tenant.admin) {
  const response = await graphqlRequest(app.baseUrl, GroupScimConnectionDocument, { id: groupId }, bearer(asAdmin.token));
  return response.data?.group?.scim?.connection;
}
const health = () => healthOf(tenant.scimGroup.id);

describe('SCIM connection health in the portal', () => {
  it('starts empty', async () => {
    expect(await health()).toEqual({
      lastRequestAt: null,
      client: null,
      userAgent: null,
      lastSuccessAt: null,
      lastFailure: null,
      failingSince: null,
      rejectedAttempts: [],
    });
  });

  it('shows the identity provider, the last success and the last failure with its exact SCIM detail', async () => {
    const base = `/scim/v2/${tenant.scimGroup.id}`;
    const okta = scimClient(app.baseUrl, tenant.scimToken);
    const ua = { 'user-agent': 'Okta SCIM Client 1.0.0' };
    await okta('GET', `${base}/Users?filter=${encodeURIComponent('userName eq "x@example.com"')}`, undefined, ua);
    await expect.poll(async () => (await health())?.client, flushed).toBe('OKTA');
    expect((await health())?.lastSuccessAt).toEqual(expect.any(String));

    const failure = await okta('GET', `${base}/Users?filter=${encodeURIComponent('shoeSize eq "42"')}`, undefined, { ...ua, 'x-request-id': 'bad-filter-1' });
    await expect.poll(async () => (await health())?.lastFailure?.requestId, flushed).toBe('bad-filter-1');
    expect((await health())?.lastFailure).toMatchObject({ status: 400, detail: failure.body.detail });
    // Failing since that failure; a second one keeps the start, and the next success ends it.
    const firstFailureAt = (await health())?.lastFailure?.at;
    expect((await health())?.failingSince).toBe(firstFailureAt);
    await okta('GET', `${base}/Users/${randomUUID()}`, undefined, { ...ua, 'x-request-id': 'missing-user-1' });
    await expect.poll(async () => (await health())?.lastFailure?.requestId, flushed).toBe('missing-user-1');
    expect((await health())?.failingSince).toBe(firstFailureAt);
    await okta('GET', `${base}/Users?count=1`, undefined, ua);
    await expect.poll(async () => (await health())?.failingSince, flushed).toBeNull();
  });

  it('names the precise reason of every refused credential, while the identity provider gets one identical 401', async () => {
    const group = await makeGroup(orm.em.fork(), tenant.organization, { kind: GroupKind.SCIM });
    const usersUrl = `${app.baseUrl}/scim/v2/${group.id}/Users`;
    const { token: good } = await makeScimToken(orm.em.fork(), group, 'Okta production');
    const { token: revoked, actor: revokedActor } = await makeScimToken(orm.em.fork(), group, 'Okta staging');
    await orm.em.fork().nativeUpdate(ScimToken, { id: revokedActor.tokenId }, { revokedAt: new Date() });
    const { token: expired, actor: expiredActor } = await makeScimToken(orm.em.fork(), group, 'Trial');
    const expiredAt = new Date(Date.now() - 60_000);
    await orm.em.fork().nativeUpdate(ScimToken, { id: expiredActor.tokenId }, { expiresAt: expiredAt });
    const neverIssued = newScimToken().token;

    const attempts: [Record<string, string>, Record<string, unknown>][] = [
      [{}, { code: 'MISSING_AUTHORIZATION', tokenLastFour: null }],
      [{ authorization: good }, { code: 'SCHEME_MISSING', tokenLastFour: good.slice(-4) }],
      [{ authorization: `Bearer Bearer ${good}` }, { code: 'SCHEME_DOUBLED', tokenLastFour: good.slice(-4) }],
      [{ authorization: 'Basic b2t0YTpzZWNyZXQ=' }, { code: 'WRONG_SCHEME', reason: expect.stringContaining('the Basic scheme') }],
      [{ authorization: `Bearer ${good.slice(0, -3)}` }, { code: 'MALFORMED_TOKEN' }],
      [{ authorization: `Bearer ${neverIssued}` }, { code: 'UNKNOWN_TOKEN', tokenName: null, tokenLastFour: neverIssued.slice(-4) }],
      [
        { authorization: `Bearer ${revoked}` },
        { code: 'REVOKED_TOKEN', tokenName: 'Okta staging', reason: expect.stringContaining('"Okta staging" was revoked') },
      ],
      [
        { authorization: `Bearer ${expired}` },
        { code: 'EXPIRED_TOKEN', tokenName: 'Trial', reason: expect.stringContaining(`expired on ${expiredAt.toISOString()}`) },
      ],
    ];
    const answers = new Set<string>();
    for (const [headers, expected] of attempts) {
      const response = await fetch(usersUrl, { headers });
      answers.add(`${response.status} ${response.headers.get('www-authenticate') ?? ''} ${await response.text()}`);
      const count = attempts.findIndex(([h]) => h === headers) + 1;
      await expect.poll(async () => (await healthOf(group.id))?.rejectedAttempts.length, flushed).toBe(count);
      expect((await healthOf(group.id))?.rejectedAttempts[0]).toMatchObject(expected);
    }
    expect(answers.size).toBe(1);
    expect([...answers][0]).toMatch(/^401 Bearer realm="roster" /);
    // Nothing here was a request made with one of the group's valid tokens; it has failed since the first refusal.
    const refused = await healthOf(group.id);
    expect(refused?.lastRequestAt).toBeNull();
    expect(refused?.failingSince).toBe(refused?.rejectedAttempts.at(-1)?.at);
  });

  it("tells a token's own group when its requests arrive at another URL, answering 404 as for a URL that does not exist", async () => {
    const group = await makeGroup(orm.em.fork(), tenant.organization, { kind: GroupKind.SCIM });
    const { token } = await makeScimToken(orm.em.fork(), group, 'Entra');
    const okta = scimClient(app.baseUrl, token);
    const elsewhere = await seedTenant(orm);
    const paths = [`/scim/v2/${elsewhere.scimGroup.id}/Users`, `/scim/v2/${randomUUID()}/Users`, '/scim/v2/Users', '/scim/Users'];
    for (const [index, path] of paths.entries()) {
      const response = await okta('GET', path);
      expect(response.status).toBe(404);
      await expect.poll(async () => (await healthOf(group.id))?.rejectedAttempts.length, flushed).toBe(index + 1);
      expect((await healthOf(group.id))?.rejectedAttempts[0]).toMatchObject({
        code: 'WRONG_URL',
        tokenName: 'Entra',
        path,
        reason: expect.stringMatching(new RegExp(`set the identity provider's SCIM URL to http://[^ ]+/scim/v2/${group.id}$`)),
      });
    }
    // Another organization's group answers exactly as one that does not exist, and hears nothing.
    const foreign = await okta('GET', `/scim/v2/${elsewhere.scimGroup.id}/Users`);
    const missing = await okta('GET', `/scim/v2/${randomUUID()}/Users`);
    expect(foreign.body).toEqual(missing.body);
    expect((await healthOf(elsewhere.scimGroup.id, elsewhere.admin))?.rejectedAttempts).toEqual([]);
    // The 404 is the group's last failure, with what the identity provider was told.
    expect((await healthOf(group.id))?.lastFailure).toMatchObject({ status: 404, detail: expect.stringMatching(/no SCIM endpoint at/i) });
  });

  it('accepts a SCIM URL pasted with a trailing slash (`…//Users`)', async () => {
    const okta = scimClient(app.baseUrl, tenant.scimToken);
    const response = await okta('GET', `/scim/v2/${tenant.scimGroup.id}//Users?count=1&filter=${encodeURIComponent('userName eq "a//b"')}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ totalResults: 0 });
    expect((await okta('GET', `/scim/v2/${tenant.scimGroup.id}///ServiceProviderConfig`)).status).toBe(200);
  });

  it("is not shown to another organization's admins", async () => {
    const stranger = await seedTenant(orm);
    const response = await graphqlRequest(app.baseUrl, GroupScimConnectionDocument, { id: tenant.scimGroup.id }, bearer(stranger.admin.token));
    expect(response.data?.group).toBeNull();
  });
});
