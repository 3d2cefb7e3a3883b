import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddTeamMembersDocument,
  CreateMemberDocument,
  CreateTeamDocument,
  DeleteMemberDocument,
  DeleteTeamDocument,
  RenameTeamDocument,
  SetMemberActiveDocument,
  UpdateMemberDocument,
} from '../generated/graphql.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { graphqlRequest } from '../support/graphql.js';
import { bearer, seedTenant, type Tenant } from '../support/seed.js';

/**
 * GraphQL's optimistic concurrency (`expectedVersion`), the counterpart of SCIM's If-Match: a change
 * applies only to the version the admin read, checked at the moment of the write.
 */
let database: TestDatabase;
let app: TestApp;
let tenant: Tenant;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url);
  tenant = await seedTenant(app.database.orm);
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

const as = () => bearer(tenant.admin.token);

async function newMember(userName: string) {
  const created = await graphqlRequest(app.baseUrl, CreateMemberDocument, { input: { groupId: tenant.standardGroup.id, userName } }, as());
  const member = created.data?.createMember.member;
  if (!member) throw new Error(JSON.stringify(created.errors));
  return member;
}

const conflict = (reason: string) => ({ code: 'CONFLICT', reason, requestId: expect.any(String) });

describe('expectedVersion', () => {
  it('applies a member change made on the version read, and refuses a stale one with CONFLICT', async () => {
    const member = await newMember('versions@example.com');
    const updated = await graphqlRequest(
      app.baseUrl,
      UpdateMemberDocument,
      { input: { id: member.id, title: 'Engineer', expectedVersion: member.version } },
      as(),
    );
    expect(updated.data?.updateMember.member).toMatchObject({ title: 'Engineer', version: member.version + 1 });

    const stale = await graphqlRequest(
      app.baseUrl,
      UpdateMemberDocument,
      { input: { id: member.id, title: 'Manager', expectedVersion: member.version } },
      as(),
    );
    expect(stale.errors?.[0]?.extensions).toEqual(conflict('MEMBER_VERSION_MISMATCH'));
    const inactive = await graphqlRequest(
      app.baseUrl,
      SetMemberActiveDocument,
      { input: { id: member.id, active: false, expectedVersion: member.version } },
      as(),
    );
    expect(inactive.errors?.[0]?.extensions).toEqual(conflict('MEMBER_VERSION_MISMATCH'));
    const deleted = await graphqlRequest(app.baseUrl, DeleteMemberDocument, { input: { id: member.id, expectedVersion: member.version } }, as());
    expect(deleted.errors?.[0]?.extensions).toEqual(conflict('MEMBER_VERSION_MISMATCH'));

    // Without expectedVersion, last writer wins, as before.
    expect((await graphqlRequest(app.baseUrl, UpdateMemberDocument, { input: { id: member.id, title: 'Lead' } }, as())).errors).toBeUndefined();
    const current = member.version + 2;
    expect((await graphqlRequest(app.baseUrl, DeleteMemberDocument, { input: { id: member.id, expectedVersion: current } }, as())).errors).toBeUndefined();
  });

  it('lets exactly one of two concurrent changes holding the same version win', async () => {
    const member = await newMember('race@example.com');
    const results = await Promise.all(
      ['A', 'B', 'C', 'D'].map((title) =>
        graphqlRequest(app.baseUrl, UpdateMemberDocument, { input: { id: member.id, title, expectedVersion: member.version } }, as()),
      ),
    );
    expect(results.filter((r) => r.errors === undefined)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.reason === 'MEMBER_VERSION_MISMATCH')).toHaveLength(3);
  });

  it('guards team renames, membership changes and deletion alike', async () => {
    const created = await graphqlRequest(app.baseUrl, CreateTeamDocument, { input: { groupId: tenant.standardGroup.id, displayName: 'Platform' } }, as());
    const team = created.data?.createTeam.team;
    if (!team) throw new Error(JSON.stringify(created.errors));
    const member = await newMember('teamed@example.com');

    const added = await graphqlRequest(
      app.baseUrl,
      AddTeamMembersDocument,
      { input: { teamId: team.id, memberIds: [member.id], expectedVersion: team.version } },
      as(),
    );
    expect(added.data?.addTeamMembers).toMatchObject({ changed: 1, team: { version: team.version + 1 } });
    const staleRename = await graphqlRequest(
      app.baseUrl,
      RenameTeamDocument,
      { input: { id: team.id, displayName: 'Infra', expectedVersion: team.version } },
      as(),
    );
    expect(staleRename.errors?.[0]?.extensions).toEqual(conflict('TEAM_VERSION_MISMATCH'));
    const staleDelete = await graphqlRequest(app.baseUrl, DeleteTeamDocument, { input: { id: team.id, expectedVersion: team.version } }, as());
    expect(staleDelete.errors?.[0]?.extensions).toEqual(conflict('TEAM_VERSION_MISMATCH'));

    const renamed = await graphqlRequest(
      app.baseUrl,
      RenameTeamDocument,
      { input: { id: team.id, displayName: 'Infra', expectedVersion: team.version + 1 } },
      as(),
    );
    expect(renamed.data?.renameTeam.team).toMatchObject({ displayName: 'Infra', version: team.version + 2 });
  });

  it('refuses a version below 1 as bad input', async () => {
    const member = await newMember('zero@example.com');
    const response = await graphqlRequest(app.baseUrl, UpdateMemberDocument, { input: { id: member.id, title: 'X', expectedVersion: 0 } }, as());
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'expectedVersion' }] });
  });
});
