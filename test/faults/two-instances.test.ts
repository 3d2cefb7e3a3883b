import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsList } from '../../migrations/index.js';
import { GroupDocument, GroupScimConnectionDocument, OrganizationActivityDocument } from '../generated/graphql.js';
import { adminQuery } from '../support/database-server.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { graphqlRequest } from '../support/graphql.js';
import { startRoundRobinProxy, upstreamHeader, type RoundRobinProxy } from '../support/round-robin-proxy.js';
import { errorSchema, scimClient } from '../support/scim.js';
import { seedScimTenant } from '../support/scim-tenant.js';
import { bearer } from '../support/seed.js';
import { spawnBuiltServer, waitForStatus, type ServerProcess } from '../support/server-process.js';

/**
 * Two built servers on one PostgreSQL behind a round-robin load balancer, started at the same
 * moment on an empty database: the migrations apply once, and a client cannot tell which instance
 * answered — SCIM requests, an identity provider's replay, the throttle budget, concurrent
 * duplicate creates, connection health, lastUsedAt and activity.
 */
let database: TestDatabase;
let servers: ServerProcess[];
let ports: number[];
let proxy: RoundRobinProxy;
let tenant: Awaited<ReturnType<typeof seedScimTenant>>;
const rateLimitPerMinute = 40;
const patchOp = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

beforeAll(async () => {
  database = await createTestDatabase({ migrated: false });
  const env = { DATABASE_URL: database.url, SCIM_RATE_LIMIT_PER_MINUTE: String(rateLimitPerMinute) };
  servers = [spawnBuiltServer(env), spawnBuiltServer(env)];
  ports = await Promise.all(servers.map((server) => server.port()));
  await Promise.all(ports.map((port) => waitForStatus(`http://127.0.0.1:${port}/readyz`, 200, 30_000)));
  proxy = await startRoundRobinProxy(ports);
  tenant = await seedScimTenant(database.url, 5);
});
afterAll(async () => {
  await proxy.close();
  for (const server of servers) server.child.kill('SIGTERM');
  await Promise.all(servers.map((server) => server.exited));
  await database.drop();
});

describe('two instances behind a round-robin proxy', () => {
  it('apply the migrations once when both start at once on an empty database', async () => {
    const { rows } = await adminQuery(database.url, 'select name from mikro_orm_migrations order by id');
    expect(rows.map((row: { name: string }) => row.name)).toEqual(migrationsList.map((m) => m.name));
    const applied = servers.flatMap((server) => server.logs.filter((line) => Array.isArray(line.applied)).flatMap((line) => line.applied as string[]));
    expect(applied.sort()).toEqual(migrationsList.map((m) => m.name).sort());
  });

  it('serve the SCIM user and group life cycle whichever instance answers each step', async () => {
    const [token] = tenant.extraTokens;
    const scim = scimClient(proxy.baseUrl, token ?? '');
    const base = tenant.basePath;
    const created = await scim('POST', `${base}/Users`, { userName: 'lin@example.com', name: { givenName: 'Lin' }, emails: [{ value: 'lin@example.com' }] });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    const read = await scim('GET', `${base}/Users/${id}`);
    expect(read).toMatchObject({ status: 200, body: { userName: 'lin@example.com' } });
    expect(read.headers.get(upstreamHeader)).not.toBe(created.headers.get(upstreamHeader));
    const found = await scim('GET', `${base}/Users?filter=${encodeURIComponent('userName eq "LIN@example.com"')}`);
    expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ id }] });
    const put = await scim('PUT', `${base}/Users/${id}`, { ...read.body, name: { givenName: 'Lin', familyName: 'Put' } });
    expect(put).toMatchObject({ status: 200, body: { name: { familyName: 'Put' } } });
    const patched = await scim('PATCH', `${base}/Users/${id}`, { schemas: [patchOp], Operations: [{ op: 'replace', value: { active: false } }] });
    expect(patched).toMatchObject({ status: 200, body: { active: false } });
    expect((await scim('GET', `${base}/Users/${id}`)).body.active).toBe(false);

    const team = await scim('POST', `${base}/Groups`, { displayName: 'Ops', members: [] });
    expect(team.status).toBe(201);
    const teamId = String(team.body.id);
    const added = await scim('PATCH', `${base}/Groups/${teamId}`, { schemas: [patchOp], Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }] });
    expect([200, 204]).toContain(added.status);
    expect((await scim('GET', `${base}/Groups/${teamId}`)).body.members).toEqual([expect.objectContaining({ value: id })]);
    expect((await scim('DELETE', `${base}/Groups/${teamId}`)).status).toBe(204);
    expect((await scim('DELETE', `${base}/Users/${id}`)).status).toBe(204);
    const gone = await scim('GET', `${base}/Users/${id}`);
    expect(gone).toMatchObject({ status: 404, body: { schemas: [errorSchema], status: '404' } });
  });

  it('pass an Okta replay: test credentials, lookup + create, duplicate 409, group push with remove-then-add and rename', async () => {
    const okta = scimClient(proxy.baseUrl, tenant.extraTokens[1] ?? '');
    const send = (method: string, path: string, body?: unknown) => okta(method, `${tenant.basePath}${path}`, body, { 'user-agent': 'Okta SCIM Client 1.0.0' });
    expect((await send('GET', '/Users?startIndex=1&count=1')).status).toBe(200);
    const ids: string[] = [];
    for (const login of ['ada@okta.example', 'bob@okta.example']) {
      const lookup = await send('GET', `/Users?filter=${encodeURIComponent(`userName eq "${login}"`)}&startIndex=1&count=100`);
      expect(lookup.body.totalResults).toBe(0);
      const body = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: login, name: { givenName: 'A', familyName: 'B' }, active: true };
      const created = await send('POST', '/Users', body);
      expect(created.status).toBe(201);
      ids.push(String(created.body.id));
      expect((await send('POST', '/Users', body)).body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    }
    expect((await send('GET', `/Groups?filter=${encodeURIComponent('displayName eq "Engineering"')}&startIndex=1&count=100`)).body.totalResults).toBe(0);
    const group = await send('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Engineering', members: [] });
    const groupId = String(group.body.id);
    await send('PATCH', `/Groups/${groupId}`, { schemas: [patchOp], Operations: [{ op: 'add', path: 'members', value: [{ value: ids[0], display: 'ada' }] }] });
    const push = await send('PATCH', `/Groups/${groupId}`, {
      schemas: [patchOp],
      Operations: [
        { op: 'remove', path: `members[value eq "${ids[0]}"]` },
        { op: 'add', path: 'members', value: [{ value: ids[1], display: 'bob' }] },
        { op: 'replace', value: { id: groupId, displayName: 'Engineering (all)' } },
      ],
    });
    expect([200, 204]).toContain(push.status);
    const after = await send('GET', `/Groups/${groupId}`);
    expect(after.body).toMatchObject({ displayName: 'Engineering (all)', members: [expect.objectContaining({ value: ids[1] })] });
    expect((after.body.members as unknown[]).length).toBe(1);
  });

  it('share one throttle budget per token: spent across both instances, refused by both', async () => {
    const scim = scimClient(proxy.baseUrl, tenant.extraTokens[2] ?? '');
    const answers: { status: number; upstream: string | null }[] = [];
    // 100 requests at about 20 a second: each instance sees half, and learns the other's count every second.
    for (let i = 0; i < 100; i++) {
      const answer = await scim('GET', `${tenant.basePath}/Users?count=1`);
      answers.push({ status: answer.status, upstream: answer.headers.get(upstreamHeader) });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const passed = answers.filter((a) => a.status === 200).length;
    // What happened, should an assertion fail: statuses by instance.
    const seen = JSON.stringify(
      answers.reduce<Record<string, number>>(
        (tally, a) => ({ ...tally, [`${a.upstream ?? '?'}:${a.status}`]: (tally[`${a.upstream ?? '?'}:${a.status}`] ?? 0) + 1 }),
        {},
      ),
    );
    // Unshared, each instance would pass its own 40 (80 in all); shared, about 40 pass, plus what
    // slips through while the counts are being exchanged (more on a loaded machine, where an
    // exchange can come late; never the 80 of two budgets).
    expect(passed, seen).toBeGreaterThanOrEqual(rateLimitPerMinute - 5);
    expect(passed, seen).toBeLessThanOrEqual(rateLimitPerMinute + 25);
    expect(new Set(answers.filter((a) => a.status === 429).map((a) => a.upstream)), seen).toEqual(new Set(['0', '1']));
  });

  it('give exactly one 201 for 20 concurrent identical creates split across the instances', async () => {
    const scim = scimClient(proxy.baseUrl, tenant.extraTokens[3] ?? '');
    const answers = await Promise.all(Array.from({ length: 20 }, () => scim('POST', `${tenant.basePath}/Users`, { userName: 'twin@example.com' })));
    expect(answers.filter((a) => a.status === 201).length).toBe(1);
    expect(answers.filter((a) => a.status === 409 && a.body.scimType === 'uniqueness').length).toBe(19);
    expect(new Set(answers.map((a) => a.headers.get(upstreamHeader)))).toEqual(new Set(['0', '1']));
    const { rows } = await adminQuery(
      database.url,
      `select (select count(*) from member where group_id = $1 and user_name = 'twin@example.com')::int as members,
              (select count(*) from activity_event where group_id = $1 and action = 'member.created' and target_label = 'twin@example.com')::int as events`,
      [tenant.groupId],
    );
    expect(rows[0]).toEqual({ members: 1, events: 1 });
  });

  it('show the same connection health, lastUsedAt and activity from either instance', async () => {
    const view = async (port: number) => {
      const origin = `http://127.0.0.1:${port}`;
      const group = await graphqlRequest(origin, GroupDocument, { id: tenant.groupId }, bearer(tenant.adminToken));
      const connection = await graphqlRequest(origin, GroupScimConnectionDocument, { id: tenant.groupId }, bearer(tenant.adminToken));
      const activity = await graphqlRequest(origin, OrganizationActivityDocument, { first: 5 }, bearer(tenant.adminToken));
      return { group: group.data?.group, connection: connection.data?.group?.scim?.connection, activity: activity.data?.viewer.organization.activity };
    };
    await expect
      .poll(async () => JSON.stringify(await view(ports[0] ?? 0)) === JSON.stringify(await view(ports[1] ?? 0)), { timeout: 5_000, interval: 250 })
      .toBe(true);
    const seen = await view(ports[0] ?? 0);
    expect(seen.connection).toMatchObject({ lastSuccessAt: expect.any(String), lastRequestAt: expect.any(String) });
    // Every token used above was marked used, whichever instance checked it.
    expect(seen.group?.scim?.tokens.filter((t) => t.lastUsedAt !== null).length).toBe(4);
    const { rows } = await adminQuery(database.url, 'select count(*)::int as events from activity_event where organization_id = $1', [tenant.organizationId]);
    expect(seen.activity?.totalCount).toBe((rows[0] as { events: number }).events);
  });
});
