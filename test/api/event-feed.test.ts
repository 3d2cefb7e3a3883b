import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityRetention } from '../../src/domain/activity/activity-retention.js';
import { sqlOf } from '../../src/db/sql.js';
import {
  AddTeamMembersDocument,
  CreateGroupDocument,
  CreateMemberDocument,
  CreateScimTokenDocument,
  CreateTeamDocument,
  DeleteGroupDocument,
  RenameGroupDocument,
  RevokeScimTokenDocument,
  EventFeedDocument,
  OrganizationActivityDocument,
  type EventFeedQuery,
  type EventFeedQueryVariables,
  type OrganizationActivityQuery,
} from '../generated/graphql.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { graphqlRequest, type GraphQLResponse } from '../support/graphql.js';
import { scimClient } from '../support/scim.js';
import { bearer, seedTenant, type Tenant } from '../support/seed.js';

/**
 * The change feed (issue #9): every activity event of an organization in one order, paged with a
 * cursor, never passing over an event whose transaction commits late, filtered by group and type,
 * and pruned after EVENT_RETENTION_DAYS with a clear error for a cursor from before the pruning.
 */
let database: TestDatabase;
let app: TestApp;
let tenant: Tenant;
let other: Tenant;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, { SCIM_RATE_LIMIT_PER_MINUTE: '0' });
  tenant = await seedTenant(app.database.orm);
  other = await seedTenant(app.database.orm);
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

type Feed = NonNullable<EventFeedQuery['viewer']['organization']['events']>;

async function feed(variables: EventFeedQueryVariables, token = tenant.viewer.token): Promise<Feed> {
  const answer = await graphqlRequest(app.baseUrl, EventFeedDocument, variables, bearer(token));
  if (!answer.data) throw Object.assign(new Error(JSON.stringify(answer.errors)), { errors: answer.errors });
  return answer.data.viewer.organization.events;
}

async function feedError(variables: EventFeedQueryVariables, token = tenant.viewer.token) {
  const answer = await graphqlRequest(app.baseUrl, EventFeedDocument, variables, bearer(token));
  return answer.errors?.[0];
}

/** Pages to the end of the feed from `after`; answers every event served and the cursor to continue from. */
async function drain(after: string | null, filter?: EventFeedQueryVariables['filter'], token = tenant.viewer.token) {
  const events: Feed['edges'][number]['node'][] = [];
  let cursor = after;
  for (;;) {
    const page = await feed({ after: cursor, first: 2, filter }, token);
    events.push(...page.edges.map((edge) => edge.node));
    cursor = page.pageInfo.endCursor;
    if (!page.pageInfo.hasNextPage) return { events, cursor };
  }
}

/** The end of the feed now (every event committed so far served). */
async function endOfFeed(): Promise<string | null> {
  return (await drain(null)).cursor;
}

describe('the change feed', () => {
  it('serves every change once, oldest first, with its actor, changed fields and request id, and keeps the cursor when nothing is new', async () => {
    const start = await endOfFeed();
    const scim = scimClient(app.baseUrl, tenant.scimToken);
    const base = `/scim/v2/${tenant.scimGroup.id}`;
    const created = await scim('POST', `${base}/Users`, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'feed@example.com' });
    const id = String(created.body.id);
    const deactivate = { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: false } }] };
    expect((await scim('PATCH', `${base}/Users/${id}`, deactivate)).status).toBe(200);
    const reactivate = { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: true } }] };
    expect((await scim('PATCH', `${base}/Users/${id}`, reactivate)).status).toBe(200);
    expect((await scim('DELETE', `${base}/Users/${id}`)).status).toBe(204);
    const byAdmin = await graphqlRequest(
      app.baseUrl,
      CreateMemberDocument,
      { input: { groupId: tenant.standardGroup.id, userName: 'typed@example.com' } },
      bearer(tenant.admin.token),
    );
    expect(byAdmin.errors).toBeUndefined();

    // The feed's end waits for the oldest write transaction still open on the server (other test
    // files' too), so the last events may take a moment to be served.
    await expect.poll(async () => (await drain(start)).events.length, { timeout: 15_000 }).toBe(5);
    const { events, cursor } = await drain(start);
    expect(events.map((event) => [event.action, event.targetLabel])).toEqual([
      ['member.created', 'feed@example.com'],
      ['member.deactivated', 'feed@example.com'],
      ['member.reactivated', 'feed@example.com'],
      ['member.deleted', 'feed@example.com'],
      ['member.created', 'typed@example.com'],
    ]);
    expect(events[0]).toMatchObject({ groupId: tenant.scimGroup.id, targetType: 'Member', targetId: id, actor: { type: 'SCIM_TOKEN', label: 'Okta' } });
    expect(events[1]?.changes).toEqual({ active: { before: true, after: false } });
    expect(events[4]).toMatchObject({ groupId: tenant.standardGroup.id, actor: { type: 'ADMIN', label: tenant.admin.actor.email } });
    // Each with the member as it is after the change; none after the deletion.
    expect(events.map((event) => [event.resource?.active, event.resource?.version])).toEqual([
      [true, 1],
      [false, 2],
      [true, 3],
      [undefined, undefined],
      [true, 1],
    ]);
    expect(events[0]?.resource).toMatchObject({ id, groupId: tenant.scimGroup.id, userName: 'feed@example.com', emails: [], displayName: null });
    expect(events[3]?.resource).toBeNull();
    for (const event of events) expect(event.requestId).toEqual(expect.any(String));

    // Nothing new: an empty page that hands back the same cursor, to poll with.
    const idle = await feed({ after: cursor });
    expect(idle).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: cursor } });
  });

  it("carries each group, token and team as it is after the change, and never a token's secret", async () => {
    const start = await endOfFeed();
    const as = bearer(tenant.owner.token);
    const group = (await graphqlRequest(app.baseUrl, CreateGroupDocument, { input: { kind: 'SCIM', name: 'Contractors' } }, as)).data?.createGroup.group;
    if (!group) throw new Error('no group');
    await graphqlRequest(app.baseUrl, RenameGroupDocument, { input: { id: group.id, name: 'Contractors EU' } }, as);
    const created = (await graphqlRequest(app.baseUrl, CreateScimTokenDocument, { input: { groupId: group.id, name: 'Entra' } }, as)).data?.createScimToken;
    if (!created) throw new Error('no token');
    await graphqlRequest(app.baseUrl, RevokeScimTokenDocument, { input: { id: created.scimToken.id } }, as);
    const member = (
      await graphqlRequest(app.baseUrl, CreateMemberDocument, { input: { groupId: tenant.standardGroup.id, userName: 'teamed@example.com' } }, as)
    ).data?.createMember.member;
    const team = (await graphqlRequest(app.baseUrl, CreateTeamDocument, { input: { groupId: tenant.standardGroup.id, displayName: 'Design' } }, as)).data
      ?.createTeam.team;
    if (!member || !team) throw new Error('no member or team');
    await graphqlRequest(app.baseUrl, AddTeamMembersDocument, { input: { teamId: team.id, memberIds: [member.id] } }, as);
    await graphqlRequest(app.baseUrl, DeleteGroupDocument, { input: { id: group.id } }, as);

    await expect.poll(async () => (await drain(start)).events.length, { timeout: 15_000 }).toBe(8);
    const events = (await drain(start)).events;
    expect(events.map((event) => [event.action, event.resource])).toEqual([
      ['group.created', { id: group.id, name: 'Contractors', kind: 'SCIM' }],
      ['group.renamed', { id: group.id, name: 'Contractors EU', kind: 'SCIM' }],
      [
        'scim_token.created',
        {
          id: created.scimToken.id,
          groupId: group.id,
          name: 'Entra',
          lastFour: created.scimToken.lastFour,
          createdBy: tenant.owner.actor.adminId,
          expiresAt: null,
          revokedAt: null,
        },
      ],
      ['scim_token.revoked', expect.objectContaining({ id: created.scimToken.id, revokedAt: expect.any(String) })],
      ['member.created', expect.objectContaining({ id: member.id, userName: 'teamed@example.com' })],
      ['team.created', { id: team.id, groupId: tenant.standardGroup.id, displayName: 'Design', externalId: null, version: 1, updatedAt: expect.any(String) }],
      ['team.members_added', expect.objectContaining({ id: team.id, version: 2 })],
      ['group.deleted', null],
    ]);
    expect(JSON.stringify(events)).not.toContain(created.token);
  });

  it('filters by group and by event type (exact or a whole area), and names the types when one is unknown', async () => {
    const all = (await drain(null)).events;
    const scimGroupOnly = (await drain(null, { groupIds: [tenant.scimGroup.id] })).events;
    expect(scimGroupOnly.length).toBeGreaterThan(0);
    expect(scimGroupOnly).toEqual(all.filter((event) => event.groupId === tenant.scimGroup.id));

    const turns = (await drain(null, { types: ['member.deactivated', 'member.reactivated'] })).events;
    expect(turns.map((event) => event.action)).toEqual(['member.deactivated', 'member.reactivated']);
    const members = (await drain(null, { types: ['member.*'] })).events;
    expect(members).toEqual(all.filter((event) => event.action.startsWith('member.')));

    // Another organization's group, or no group at all, matches nothing: never an error that tells them apart.
    expect((await drain(null, { groupIds: [other.scimGroup.id] })).events).toEqual([]);
    expect((await drain(null, { groupIds: ['not-a-group'] })).events).toEqual([]);

    const unknown = await feedError({ filter: { types: ['member.exploded'] } });
    expect(unknown?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(unknown?.message).toContain('member.reactivated');
    expect(unknown?.message).toContain('team.*');
    expect((await feedError({ after: 'bm90IGEgY3Vyc29y' }))?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("never shows one organization another's events", async () => {
    const theirs = (await drain(null, undefined, other.owner.token)).events;
    const ourGroups = new Set([tenant.scimGroup.id, tenant.standardGroup.id]);
    expect(theirs.filter((event) => event.groupId !== null && ourGroups.has(event.groupId))).toEqual([]);
    expect(theirs.map((event) => event.targetLabel)).not.toContain('feed@example.com');
  });

  it('never passes over an event whose transaction commits after a later one, while a consumer pages', async () => {
    const start = await endOfFeed();
    const insert = (client: pg.Client, label: string) =>
      client.query<{ id: string }>(
        `insert into activity_event (organization_id, actor_type, actor_label, action, target_type, target_label) values ($1, 'SYSTEM', 'system', 'group.renamed', 'Group', $2) returning id`,
        [tenant.organization.id, label],
      );
    const slow = new pg.Client({ connectionString: database.url });
    const fast = new pg.Client({ connectionString: database.url });
    await Promise.all([slow.connect(), fast.connect()]);
    try {
      await slow.query('begin');
      const slowId = (await insert(slow, 'slow')).rows[0]?.id;
      const fastId = (await insert(fast, 'fast')).rows[0]?.id; // committed at once
      expect(BigInt(fastId ?? 0)).toBeGreaterThan(BigInt(slowId ?? 0));
      // A reader keyed on the id alone would serve "fast" now and page past "slow" for good.
      const naive = await fast.query<{ target_label: string }>('select target_label from activity_event where id > $1', [slowId]);
      expect(naive.rows.map((row) => row.target_label)).toEqual(['fast']);

      // The feed holds "fast" back while the older transaction is open...
      const meanwhile = await drain(start);
      expect(meanwhile.events.map((event) => event.targetLabel)).toEqual([]);
      await slow.query('commit');
      // ...and then serves both, in the order they were written, to whoever kept the cursor.
      await expect.poll(async () => (await drain(meanwhile.cursor)).events.map((event) => event.targetLabel), { timeout: 15_000 }).toEqual(['slow', 'fast']);
      const { cursor } = await drain(meanwhile.cursor);
      expect((await feed({ after: cursor })).edges).toEqual([]);
    } finally {
      await Promise.all([slow.end(), fast.end()]);
    }
  });

  it("lists the organization's activity newest first, page by page: the feed's order reversed", async () => {
    const listAll = async () => {
      const listed: string[] = [];
      let after: string | null = null;
      for (;;) {
        const answer: GraphQLResponse<OrganizationActivityQuery> = await graphqlRequest(
          app.baseUrl,
          OrganizationActivityDocument,
          { first: 3, after },
          bearer(tenant.viewer.token),
        );
        const page = answer.data?.viewer.organization.activity;
        if (!page) throw new Error(JSON.stringify(answer.errors));
        listed.push(...page.edges.map(({ node }) => `${node.action} ${node.targetLabel} ${node.createdAt}`));
        if (!page.pageInfo.hasNextPage) return listed;
        after = page.pageInfo.endCursor;
      }
    };
    const inFeedOrder = async () => (await drain(null)).events.map((event) => `${event.action} ${event.targetLabel} ${event.createdAt}`).reverse();
    await expect.poll(async () => (await listAll()).length === (await inFeedOrder()).length, { timeout: 15_000 }).toBe(true);
    expect(await listAll()).toEqual(await inFeedOrder());
  });

  it('prunes events past the retention in batches, and refuses a cursor from before the pruning with the way out', async () => {
    const start = await endOfFeed();
    const sql = sqlOf(app.database.orm);
    for (let i = 1; i <= 5; i++) {
      await sql.query(
        `insert into activity_event (organization_id, actor_type, actor_label, action, target_type, target_label, created_at) values ($1, 'SYSTEM', 'system', 'group.renamed', 'Group', $2, now() - interval '40 days')`,
        [tenant.organization.id, `old ${i}`],
      );
    }
    await sql.query(
      `insert into activity_event (organization_id, actor_type, actor_label, action, target_type, target_label) values ($1, 'SYSTEM', 'system', 'group.renamed', 'Group', 'recent')`,
      [tenant.organization.id],
    );
    await expect.poll(async () => (await drain(start)).events.length, { timeout: 15_000 }).toBe(6);
    const before = await drain(start);
    expect(before.events.map((event) => event.targetLabel)).toEqual(['old 1', 'old 2', 'old 3', 'old 4', 'old 5', 'recent']);
    const atOld3 = (await feed({ after: start, first: 3 })).pageInfo.endCursor;
    const atOld5 = (await feed({ after: start, first: 5 })).pageInfo.endCursor;
    const theirCursor = await drain(null, undefined, other.owner.token);
    // Every event of the organization up to the newest pruned one goes, so what stays is a whole
    // suffix of its feed: here all but "recent" (the seed's and earlier tests' events were written
    // before these back-dated ones).
    const [{ doomed } = { doomed: 0 }] = await sql.query<{ doomed: number }>(
      `select count(*)::int as doomed from activity_event where organization_id = $1 and target_label <> 'recent'`,
      [tenant.organization.id],
    );

    // Webhook deliveries: a finished one as old goes too; one still pending stays until it is sent or given up.
    const [hook] = await sql.query<{ id: string }>(
      `insert into webhook_endpoint (id, organization_id, url, secret, enabled, feed_txid, feed_event_id) values (gen_random_uuid(), $1, 'https://receiver.invalid/hooks', 'whsec_x', false, '0', 0) returning id`,
      [tenant.organization.id],
    );
    for (const [id, status, completed] of [
      ['msg_old_done', 'SUCCEEDED', "now() - interval '40 days'"],
      ['msg_old_pending', 'PENDING', 'null'],
    ] as const) {
      await sql.query(
        `insert into webhook_delivery (id, endpoint_id, organization_id, event_id, event_txid, event_type, payload, status, created_at, completed_at)
         values ($1, $2, $3, 1, '1'::xid8, 'member.created', '{}', $4, now() - interval '40 days', ${completed})`,
        [id, hook?.id, tenant.organization.id, status],
      );
    }
    const passes: unknown[] = [];
    const retention = new ActivityRetention(sql, {
      retentionDays: 30,
      intervalMs: 60_000,
      batchSize: 2,
      onError: (error) => passes.push(error),
      onPruned: (pruned) => passes.push(pruned),
    });
    await retention.prune();
    expect(passes).toEqual([{ events: doomed, batches: 3, deliveries: 1, retentionDays: 30 }]);
    expect(await sql.query('select id from webhook_delivery where endpoint_id = $1', [hook?.id])).toEqual([{ id: 'msg_old_pending' }]);

    for (const stale of [start, atOld3]) {
      const error = await feedError({ after: stale });
      expect(error?.extensions?.code).toBe('EVENT_CURSOR_EXPIRED');
      expect(error?.message).toMatch(/resynchronise from the lists/);
    }
    // A consumer that had read the last pruned event missed nothing: it goes on.
    expect((await drain(atOld5)).events.map((event) => event.targetLabel)).toEqual(['recent']);
    // Starting afresh begins at the oldest event kept.
    expect((await drain(null)).events.map((event) => event.targetLabel)).toEqual(['recent']);
    // The pruning mark is the organization's own.
    expect((await drain(theirCursor.cursor, undefined, other.owner.token)).events).toEqual([]);
  });
});
