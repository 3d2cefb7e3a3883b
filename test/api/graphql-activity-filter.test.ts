import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateMemberDocument, GroupActivityDocument, GroupsActivityDocument, SetMemberActiveDocument } from '../generated/graphql.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { graphqlRequest } from '../support/graphql.js';
import { bearer, seedTenant, type Tenant } from '../support/seed.js';

/** `Group.activity(filter:)`: the portal's Activity tab filters and a member's own history. */
let database: TestDatabase;
let app: TestApp;
let tenant: Tenant;
let ada: string;
let grace: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url);
  tenant = await seedTenant(app.database.orm);
  const create = async (userName: string, token: string) => {
    const answer = await graphqlRequest(app.baseUrl, CreateMemberDocument, { input: { groupId: tenant.standardGroup.id, userName } }, bearer(token));
    return answer.data?.createMember.member.id ?? '';
  };
  ada = await create('ada@example.com', tenant.owner.token);
  grace = await create('grace@example.com', tenant.admin.token);
  await graphqlRequest(app.baseUrl, SetMemberActiveDocument, { input: { id: ada, active: false } }, bearer(tenant.admin.token));
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

const activity = async (filter: Record<string, unknown> | null, page: { first?: number; after?: string } = {}) => {
  const answer = await graphqlRequest(app.baseUrl, GroupActivityDocument, { id: tenant.standardGroup.id, filter, ...page }, bearer(tenant.owner.token));
  expect(answer.errors).toBeUndefined();
  return answer.data?.group?.activity;
};
const summary = (found: Awaited<ReturnType<typeof activity>>) => ({
  totalCount: found?.totalCount,
  events: found?.edges.map(({ node }) => `${node.action} ${node.targetId ?? ''} by ${node.actor.label}`),
});

describe('activity filters', () => {
  it('without a filter: everything, newest first', async () => {
    expect(summary(await activity(null)).totalCount).toBe(3);
  });

  it('by action, exactly', async () => {
    expect(summary(await activity({ action: 'member.created' }))).toEqual({
      totalCount: 2,
      events: [`member.created ${grace} by ${tenant.admin.actor.email}`, `member.created ${ada} by ${tenant.owner.actor.email}`],
    });
    expect(summary(await activity({ action: 'member' }))).toEqual({ totalCount: 0, events: [] });
  });

  it('by actor: its label in any letter case, and its type', async () => {
    expect(summary(await activity({ actorLabel: tenant.admin.actor.email.toUpperCase() }))).toEqual({
      totalCount: 2,
      events: [`member.deactivated ${ada} by ${tenant.admin.actor.email}`, `member.created ${grace} by ${tenant.admin.actor.email}`],
    });
    expect(summary(await activity({ actorType: 'ADMIN' })).totalCount).toBe(3);
    expect(summary(await activity({ actorType: 'SCIM_TOKEN' }))).toEqual({ totalCount: 0, events: [] });
  });

  it('by target: one member’s history; an unknown or malformed id matches nothing', async () => {
    expect(summary(await activity({ targetId: ada }))).toEqual({
      totalCount: 2,
      events: [`member.deactivated ${ada} by ${tenant.admin.actor.email}`, `member.created ${ada} by ${tenant.owner.actor.email}`],
    });
    expect(summary(await activity({ targetId: '3f1c2b9e-0000-4000-8000-000000000000' }))).toEqual({ totalCount: 0, events: [] });
    expect(summary(await activity({ targetId: 'not-an-id' }))).toEqual({ totalCount: 0, events: [] });
  });

  it('combines conditions, and pages through the filtered log with its cursors', async () => {
    const first = await activity({ targetId: ada, actorLabel: tenant.owner.actor.email, action: 'member.created' });
    expect(summary(first).events).toEqual([`member.created ${ada} by ${tenant.owner.actor.email}`]);
    const page1 = await activity({ actorType: 'ADMIN' }, { first: 2 });
    expect(page1?.pageInfo.hasNextPage).toBe(true);
    const page2 = await activity({ actorType: 'ADMIN' }, { first: 2, after: page1?.pageInfo.endCursor ?? '' });
    expect(summary(page2)).toEqual({ totalCount: 3, events: [`member.created ${ada} by ${tenant.owner.actor.email}`] });
    expect(page2?.pageInfo.hasNextPage).toBe(false);
  });

  it('applies to every group of a list alike (one batched statement)', async () => {
    const answer = await graphqlRequest(app.baseUrl, GroupsActivityDocument, { filter: { action: 'member.created' } }, bearer(tenant.owner.token));
    const byGroup = Object.fromEntries((answer.data?.groups.edges ?? []).map(({ node }) => [node.name, node.activity.edges.map((e) => e.node.targetLabel)]));
    expect(byGroup).toEqual({ Okta: [], Staff: ['grace@example.com', 'ada@example.com'] });
  });

  it('refuses an over-long filter value with a clear input error', async () => {
    const answer = await graphqlRequest(
      app.baseUrl,
      GroupActivityDocument,
      { id: tenant.standardGroup.id, filter: { action: 'x'.repeat(101) } },
      bearer(tenant.owner.token),
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'action' }] });
  });
});
