import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrganizationPlan } from '../../src/domain/organizations/organization.entity.js';
import { AdminRole } from '../../src/domain/shared/actor.js';
import { createServices } from '../../src/domain/services.js';
import {
  CreateGroupDocument,
  CreateMemberDocument,
  CreateScimTokenDocument,
  GroupDocument,
  GroupMembersDocument,
  RevokeScimTokenDocument,
  SetMemberActiveDocument,
  SignInDocument,
  SignOutDocument,
  ViewerDocument,
} from '../generated/graphql.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { graphqlRequest } from '../support/graphql.js';
import { bearer, seedTenant } from '../support/seed.js';

let database: TestDatabase;
let app: TestApp;
let orm: MikroORM;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, { PUBLIC_URL: 'https://roster.example.com' });
  orm = app.database.orm;
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

async function signedInOwner(plan = OrganizationPlan.PRO) {
  const services = createServices(orm.em.fork(), { sessionTtlMs: 3_600_000 });
  const organization = await services.organizations.createOrganization(`Acme ${Math.random()}`, plan);
  const email = `owner-${organization.id}@acme.example`;
  await services.organizations.createAdmin(organization.id, email, 'a long enough password', AdminRole.OWNER);
  const response = await graphqlRequest(app.baseUrl, SignInDocument, { input: { email, password: 'a long enough password' } });
  return { organization, email, response, token: response.data?.signIn.token ?? '' };
}

describe('the admin journey through GraphQL', () => {
  it('signs in: session cookie (HttpOnly, SameSite, Secure behind https) and a bearer token for API clients', async () => {
    const { response, email, organization } = await signedInOwner();
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    expect(response.data?.signIn.viewer).toEqual({
      admin: { id: expect.any(String), email, role: 'OWNER' },
      organization: { id: organization.id, name: organization.name, plan: 'PRO', features: { scim: true } },
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^roster_session=roster_session_[\w-]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Secure');

    const token = response.data?.signIn.token ?? '';
    const viaCookie = await graphqlRequest(app.baseUrl, ViewerDocument, undefined, { cookie: `roster_session=${token}` });
    const viaBearer = await graphqlRequest(app.baseUrl, ViewerDocument, undefined, { authorization: `bearer ${token}` });
    expect(viaCookie.data?.viewer.admin.email).toBe(email);
    expect(viaBearer.data?.viewer.admin.email).toBe(email);
  });

  it('refuses a wrong password with UNAUTHENTICATED and sets no cookie', async () => {
    const { email } = await signedInOwner();
    const response = await graphqlRequest(app.baseUrl, SignInDocument, { input: { email, password: 'nope' } });
    expect(response.errors?.[0]).toMatchObject({
      message: 'The email or password is wrong.',
      extensions: { code: 'UNAUTHENTICATED', reason: 'AUTH_INVALID_CREDENTIALS' },
    });
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('creates a SCIM group, shows its SCIM URL, and shows a new token exactly once', async () => {
    const { token } = await signedInOwner();
    const created = await graphqlRequest(app.baseUrl, CreateGroupDocument, { input: { name: 'Staff', kind: 'SCIM' } }, bearer(token));
    const group = created.data?.createGroup.group;
    expect(group?.scim?.baseUrl).toBe(`https://roster.example.com/scim/v2/${group?.id ?? ''}`);
    expect(group?.scim?.baseUrl).not.toContain('_');

    const minted = await graphqlRequest(app.baseUrl, CreateScimTokenDocument, { input: { groupId: group?.id ?? '', name: 'Okta production' } }, bearer(token));
    const secret = minted.data?.createScimToken.token ?? '';
    expect(secret).toMatch(/^roster_scim_/);
    expect(minted.data?.createScimToken.scimToken).toMatchObject({
      name: 'Okta production',
      lastFour: secret.slice(-4),
      createdBy: { email: expect.stringContaining('owner-') },
    });

    const read = await graphqlRequest(app.baseUrl, GroupDocument, { id: group?.id ?? '' }, bearer(token));
    expect(read.data?.group?.scim?.tokens).toHaveLength(1);
    expect(JSON.stringify(read)).not.toContain(secret.slice(12, -9));

    const revoked = await graphqlRequest(
      app.baseUrl,
      RevokeScimTokenDocument,
      { input: { id: minted.data?.createScimToken.scimToken.id ?? '' } },
      bearer(token),
    );
    expect(revoked.data?.revokeScimToken.scimToken.revokedAt).toEqual(expect.any(String));
    const actions = (await graphqlRequest(app.baseUrl, GroupDocument, { id: group?.id ?? '' }, bearer(token))).data?.group?.activity.edges.map(
      (e) => e.node.action,
    );
    expect(actions).toEqual(['scim_token.revoked', 'scim_token.created', 'group.created']);
  });

  it('tells a FREE organization that SCIM needs PRO, as a typed error and as a feature flag', async () => {
    const { token, response } = await signedInOwner(OrganizationPlan.FREE);
    expect(response.data?.signIn.viewer.organization.features.scim).toBe(false);
    const created = await graphqlRequest(app.baseUrl, CreateGroupDocument, { input: { name: 'Okta', kind: 'SCIM' } }, bearer(token));
    expect(created.errors?.[0]?.extensions).toEqual({ code: 'PLAN_REQUIRED', reason: 'PLAN_REQUIRED', requestId: expect.any(String) });
    expect(created.data).toBeNull();
  });

  it('refuses member edits in SCIM groups with GROUP_SCIM_MANAGED', async () => {
    const tenant = await seedTenant(orm);
    const response = await graphqlRequest(
      app.baseUrl,
      CreateMemberDocument,
      { input: { groupId: tenant.scimGroup.id, userName: 'x@example.com' } },
      bearer(tenant.admin.token),
    );
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'GROUP_SCIM_MANAGED' }, message: expect.stringContaining('identity provider') });
  });

  it('manages members of a STANDARD group and pages through them', async () => {
    const tenant = await seedTenant(orm);
    const created = await graphqlRequest(
      app.baseUrl,
      CreateMemberDocument,
      {
        input: {
          groupId: tenant.standardGroup.id,
          userName: 'ada@example.com',
          givenName: 'Ada',
          emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
          department: 'R&D',
        },
      },
      bearer(tenant.admin.token),
    );
    expect(created.data?.createMember.member).toMatchObject({
      userName: 'ada@example.com',
      active: true,
      version: 1,
      name: { givenName: 'Ada' },
      enterprise: { department: 'R&D' },
    });
    const duplicate = await graphqlRequest(
      app.baseUrl,
      CreateMemberDocument,
      { input: { groupId: tenant.standardGroup.id, userName: 'ADA@example.com' } },
      bearer(tenant.admin.token),
    );
    expect(duplicate.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'MEMBER_USERNAME_TAKEN', field: 'userName' });

    for (const name of ['bo', 'cy', 'di'])
      await graphqlRequest(app.baseUrl, CreateMemberDocument, { input: { groupId: tenant.standardGroup.id, userName: name } }, bearer(tenant.admin.token));
    await graphqlRequest(
      app.baseUrl,
      SetMemberActiveDocument,
      { input: { id: created.data?.createMember.member.id ?? '', active: false } },
      bearer(tenant.admin.token),
    );
    const first = await graphqlRequest(app.baseUrl, GroupMembersDocument, { id: tenant.standardGroup.id, first: 2 }, bearer(tenant.viewer.token));
    expect(first.errors, JSON.stringify(first.errors)).toBeUndefined();
    expect(first.data?.group?.members.totalCount).toBe(4);
    expect(first.data?.group?.members.edges.map((e) => [e.node.userName, e.node.active])).toEqual([
      ['ada@example.com', false],
      ['bo', true],
    ]);
    const second = await graphqlRequest(
      app.baseUrl,
      GroupMembersDocument,
      { id: tenant.standardGroup.id, first: 2, after: first.data?.group?.members.pageInfo.endCursor ?? null },
      bearer(tenant.viewer.token),
    );
    expect(second.data?.group?.members.edges.map((e) => e.node.userName)).toEqual(['cy', 'di']);
    expect(second.data?.group?.members.pageInfo.hasNextPage).toBe(false);
    const active = await graphqlRequest(
      app.baseUrl,
      GroupMembersDocument,
      { id: tenant.standardGroup.id, filter: { active: true } },
      bearer(tenant.viewer.token),
    );
    expect(active.data?.group?.members.totalCount).toBe(3);
  });

  it('names the field in input validation errors', async () => {
    const tenant = await seedTenant(orm);
    const response = await graphqlRequest(app.baseUrl, CreateGroupDocument, { input: { name: 'x'.repeat(300), kind: 'STANDARD' } }, bearer(tenant.admin.token));
    expect(response.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'name', message: expect.stringContaining('200') }] },
    });
  });

  it('answers ids from elsewhere and malformed ids like unknown ones', async () => {
    const [mine, theirs] = [await seedTenant(orm), await seedTenant(orm)];
    for (const id of [theirs.standardGroup.id, '00000000-0000-4000-8000-000000000000', 'nope']) {
      const read = await graphqlRequest(app.baseUrl, GroupDocument, { id }, bearer(mine.admin.token));
      expect(read.data?.group).toBeNull();
      expect(read.errors).toBeUndefined();
    }
  });

  it('signs out: the session stops working at once and the cookie is cleared', async () => {
    const { token } = await signedInOwner();
    const out = await graphqlRequest(app.baseUrl, SignOutDocument, undefined, bearer(token));
    expect(out.data?.signOut.signedOut).toBe(true);
    expect(out.headers.get('set-cookie')).toMatch(/^roster_session=;/);
    const after = await graphqlRequest(app.baseUrl, ViewerDocument, undefined, bearer(token));
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers two concurrent createGroup calls with the same name with one group and one CONFLICT', async () => {
    const tenant = await seedTenant(orm);
    const results = await Promise.all(
      [1, 2].map(() => graphqlRequest(app.baseUrl, CreateGroupDocument, { input: { name: 'Twins', kind: 'STANDARD' } }, bearer(tenant.admin.token))),
    );
    expect(results.filter((r) => r.data?.createGroup.group.name === 'Twins')).toHaveLength(1);
    expect(results.flatMap((r) => r.errors ?? []).map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
  });
});
