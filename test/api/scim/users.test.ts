import http from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityEvent } from '../../../src/domain/activity/activity-event.entity.js';
import { GroupKind, type Group } from '../../../src/domain/groups/group.entity.js';
import { makeGroup, makeOrganization, makeScimToken } from '../../factories/domain.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { errorSchema, scimClient } from '../../support/scim.js';

let database: TestDatabase;
let app: TestApp;
let orm: MikroORM;
let group: Group;
let token: string;
let scim: ReturnType<typeof scimClient>;
let base: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, { PUBLIC_URL: 'https://roster.example.com', SCIM_MAX_COUNT: '50' });
  orm = app.database.orm;
  const organization = await makeOrganization(orm.em.fork());
  group = await makeGroup(orm.em.fork(), organization, { kind: GroupKind.SCIM });
  ({ token } = await makeScimToken(orm.em.fork(), group));
  base = `/scim/v2/${group.id}`;
  scim = scimClient(app.baseUrl, token);
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

const oktaUser = (login: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: login,
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [{ primary: true, value: login, type: 'work' }],
  displayName: 'Ada Lovelace',
  locale: 'en-US',
  externalId: `00u-${login}`,
  groups: [],
  password: 'throwaway-Passw0rd!',
  active: true,
});

describe('SCIM /Users', () => {
  it('answers an empty store with a full ListResponse (Okta "Test API Credentials")', async () => {
    const { status, headers, body } = await scim(
      'GET',
      `${base}/Users?filter=${encodeURIComponent('userName eq "nobody@example.com"')}&startIndex=1&count=100`,
    );
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
    expect(body).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
  });

  it('creates a user: 201 with the full resource, Location and ETag; the password is never stored or echoed', async () => {
    const { status, headers, body } = await scim('POST', `${base}/Users`, oktaUser('ada@example.com'));
    expect(status).toBe(201);
    expect(body).toMatchObject({
      userName: 'ada@example.com',
      active: true,
      externalId: '00u-ada@example.com',
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
      groups: [],
    });
    expect(body.password).toBeUndefined();
    const id = String(body.id);
    expect(headers.get('location')).toBe(`https://roster.example.com${base}/Users/${id}`);
    expect(body.meta).toEqual({
      resourceType: 'User',
      created: expect.any(String),
      lastModified: expect.any(String),
      location: `https://roster.example.com${base}/Users/${id}`,
      version: 'W/"1"',
    });
    expect(headers.get('etag')).toBe('W/"1"');
    const [row] = await orm.em.fork().getConnection().execute<Record<string, unknown>[]>('select * from member where id = ?', [id]);
    expect(JSON.stringify(row)).not.toContain('throwaway');
  });

  it('refuses a duplicate userName in any letter case with 409 uniqueness, and finds the original by filter', async () => {
    await scim('POST', `${base}/Users`, oktaUser('dup@example.com'));
    const { status, body } = await scim('POST', `${base}/Users`, oktaUser('DUP@example.com'));
    expect(status).toBe(409);
    expect(body).toMatchObject({ schemas: [errorSchema], status: '409', scimType: 'uniqueness', detail: expect.stringContaining('userName') });
    const found = await scim('GET', `${base}/Users?filter=${encodeURIComponent('userName eq "DUP@EXAMPLE.COM"')}`);
    expect(found.body.totalResults).toBe(1);
  });

  it('finds one user by a unique attribute as its index compares it, paged like any list', async () => {
    const created = await scim('POST', `${base}/Users`, oktaUser('lookup@example.com'));
    const id = String(created.body.id);
    const list = async (filter: string, paging = '') => (await scim('GET', `${base}/Users?filter=${encodeURIComponent(filter)}${paging}`)).body;
    const page = (body: Awaited<ReturnType<typeof list>>) => [body.totalResults, body.startIndex, body.itemsPerPage, body.Resources?.map((r) => r.id)];

    // userName in any letter case; externalId and id exactly.
    expect(page(await list('userName eq "LOOKUP@example.COM"'))).toEqual([1, 1, 1, [id]]);
    expect(page(await list('externalId eq "00u-lookup@example.com"'))).toEqual([1, 1, 1, [id]]);
    expect(page(await list('externalId eq "00U-LOOKUP@EXAMPLE.COM"'))).toEqual([0, 1, 0, []]);
    expect(page(await list(`id eq "${id}"`))).toEqual([1, 1, 1, [id]]);
    // Past the one match, or asking for the total only: the total still counts it.
    expect(page(await list('userName eq "lookup@example.com"', '&startIndex=2'))).toEqual([1, 2, 0, []]);
    expect(page(await list('userName eq "lookup@example.com"', '&count=0'))).toEqual([1, 1, 0, []]);
    expect((await list('userName eq "lookup@example.com"')).Resources?.[0]).toMatchObject({ userName: 'lookup@example.com', groups: [] });
  });

  it('answers 20 concurrent identical creates with one 201 and 409s, and one row', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => scim('POST', `${base}/Users`, oktaUser('race@example.com'))));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.body.scimType === 'uniqueness')).toHaveLength(19);
    expect((await scim('GET', `${base}/Users?filter=${encodeURIComponent('userName eq "race@example.com"')}`)).body.totalResults).toBe(1);
    expect(await orm.em.fork().count(ActivityEvent, { action: 'member.created', targetLabel: 'race@example.com' })).toBe(1);
  });

  it('reads, honours If-None-Match, and answers unknown ids with a SCIM 404', async () => {
    const created = await scim('POST', `${base}/Users`, oktaUser('read@example.com'));
    const id = String(created.body.id);
    const read = await scim('GET', `${base}/Users/${id}`);
    expect(read.body).toEqual(created.body);
    expect((await scim('GET', `${base}/Users/${id}`, undefined, { 'if-none-match': 'W/"1"' })).status).toBe(304);
    const missing = await scim('GET', `${base}/Users/2819c223-7f76-453a-919d-413861904646`);
    expect(missing).toMatchObject({ status: 404, body: { schemas: [errorSchema], status: '404', detail: expect.any(String) } });
    expect((await scim('GET', `${base}/Users/not-a-uuid`)).status).toBe(404);
  });

  it('replaces with PUT (If-Match checked), keeping a deactivated user readable and listed', async () => {
    const created = await scim('POST', `${base}/Users`, oktaUser('put@example.com'));
    const id = String(created.body.id);
    const stale = await scim('PUT', `${base}/Users/${id}`, { ...oktaUser('put@example.com'), active: false }, { 'if-match': 'W/"7"' });
    expect(stale).toMatchObject({ status: 412, body: { status: '412' } });
    const put = await scim(
      'PUT',
      `${base}/Users/${id}`,
      { ...oktaUser('put@example.com'), name: { givenName: 'Augusta' }, active: false, title: 'Countess' },
      { 'if-match': 'W/"1"' },
    );
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ active: false, title: 'Countess', name: { givenName: 'Augusta' }, meta: { version: 'W/"2"' } });
    expect((put.body.name as Record<string, unknown>).familyName).toBeUndefined();
    expect((await scim('GET', `${base}/Users/${id}`)).body.active).toBe(false);
    const listed = await scim('GET', `${base}/Users?filter=${encodeURIComponent('active eq false and userName sw "put@"')}`);
    expect(listed.body.Resources?.map((r) => r.id)).toEqual([id]);
  });

  it('answers a PUT without If-Match with the user exactly as a GET reads it afterwards, and a repeat changes nothing', async () => {
    const created = await scim('POST', `${base}/Users`, oktaUser('put-same@example.com'));
    const id = String(created.body.id);
    const replacement = {
      ...oktaUser('PUT-Same@example.com'),
      name: { givenName: 'Augusta', familyName: 'King' },
      emails: [{ value: 'augusta@example.com', type: 'home', primary: true, display: 'Augusta' }],
      title: 'Countess',
      active: false,
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Analytical Engines', manager: { value: 'babbage' } },
    };
    const put = await scim('PUT', `${base}/Users/${id}`, replacement);
    expect(put.status).toBe(200);
    const read = await scim('GET', `${base}/Users/${id}`);
    expect(put.body).toEqual(read.body);
    expect(put.headers.get('etag')).toBe(read.headers.get('etag'));
    expect(read.body).toMatchObject({ userName: 'PUT-Same@example.com', title: 'Countess', active: false, meta: { version: 'W/"2"' } });

    const again = await scim('PUT', `${base}/Users/${id}`, replacement);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(read.body);
    // The lookup by userName uses the new name's lower case, as PostgreSQL wrote it.
    const found = await scim('GET', `${base}/Users?filter=${encodeURIComponent('userName eq "put-same@example.com"')}`);
    expect(found.body.Resources?.map((r) => r.id)).toEqual([id]);
  });
  it('deletes (204, then 404) and lets the userName be created again', async () => {
    const created = await scim('POST', `${base}/Users`, oktaUser('gone@example.com'));
    expect((await scim('DELETE', `${base}/Users/${String(created.body.id)}`)).status).toBe(204);
    expect((await scim('GET', `${base}/Users/${String(created.body.id)}`)).status).toBe(404);
    expect((await scim('POST', `${base}/Users`, oktaUser('gone@example.com'))).status).toBe(201);
  });

  it('pages with startIndex and count in a stable order; counters are integers; count is capped', async () => {
    for (let i = 0; i < 7; i++) await scim('POST', `${base}/Users`, oktaUser(`page${i}@example.com`));
    const filter = encodeURIComponent('userName sw "page"');
    const first = await scim('GET', `${base}/Users?filter=${filter}&startIndex=1&count=3`);
    const second = await scim('GET', `${base}/Users?filter=${filter}&startIndex=4&count=3`);
    const third = await scim('GET', `${base}/Users?filter=${filter}&startIndex=7&count=3`);
    expect([first.body.totalResults, first.body.itemsPerPage, second.body.startIndex, third.body.itemsPerPage]).toEqual([7, 3, 4, 1]);
    const names = [first, second, third].flatMap((r) => r.body.Resources?.map((u) => u.userName));
    expect(names).toEqual([
      'page0@example.com',
      'page1@example.com',
      'page2@example.com',
      'page3@example.com',
      'page4@example.com',
      'page5@example.com',
      'page6@example.com',
    ]);
    expect((await scim('GET', `${base}/Users?filter=${filter}&startIndex=-5&count=2`)).body).toMatchObject({ startIndex: 1, itemsPerPage: 2 });
    expect((await scim('GET', `${base}/Users?filter=${filter}&count=-1`)).body).toMatchObject({ totalResults: 7, itemsPerPage: 0, Resources: [] });
    expect((await scim('GET', `${base}/Users?count=100000`)).body.itemsPerPage).toBeLessThanOrEqual(50);
  });

  it('refuses bad filters with 400 invalidFilter, never "all users"', async () => {
    for (const filter of ['userName eq', 'shoeSize eq "42"', 'userName eq "x" ; drop table member', 'emails[type eq "work"']) {
      const { status, body } = await scim('GET', `${base}/Users?filter=${encodeURIComponent(filter)}`);
      expect(status, filter).toBe(400);
      expect(body, filter).toMatchObject({ status: '400', scimType: 'invalidFilter' });
    }
  });

  it("supports Entra's work-email match and .search, attributes and excludedAttributes", async () => {
    const created = await scim('POST', `${base}/Users`, {
      ...oktaUser('entra@example.com'),
      emails: [{ value: 'Entra.Person@corp.example', type: 'work', primary: true }],
    });
    const byMail = await scim('GET', `${base}/Users?filter=${encodeURIComponent('emails[type eq "work"].value eq "entra.person@corp.example"')}`);
    expect(byMail.body.Resources?.map((r) => r.id)).toEqual([created.body.id]);
    const searched = await scim('POST', `${base}/Users/.search`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: 'externalId eq "00u-entra@example.com"',
      attributes: ['userName'],
    });
    expect(searched.body.Resources).toEqual([{ schemas: expect.any(Array), id: created.body.id, userName: 'entra@example.com', meta: expect.any(Object) }]);
    const excluded = await scim('GET', `${base}/Users/${String(created.body.id)}?excludedAttributes=emails,name.familyName`);
    expect(excluded.body.emails).toBeUndefined();
    expect(excluded.body.name).toEqual({ givenName: 'Ada' });
  });

  it('patches: Okta deactivation keeps the user readable; a failing operation changes nothing', async () => {
    const created = await scim('POST', `${base}/Users`, oktaUser('patch@example.com'));
    const id = String(created.body.id);
    const deactivated = await scim('PATCH', `${base}/Users/${id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(deactivated).toMatchObject({ status: 200, body: { active: false, meta: { version: 'W/"2"' } } });
    expect((await scim('GET', `${base}/Users/${id}`)).body.active).toBe(false);
    const entra = await scim('PATCH', `${base}/Users/${id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'Replace', path: 'active', value: 'True' },
        { op: 'Add', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager', value: '26118915-6090-4610-87e4-49d8ca9f808d' },
        { op: 'Replace', path: 'phoneNumbers[type eq "work"].value', value: '+1 555 0100' },
      ],
    });
    expect(entra.body).toMatchObject({
      active: true,
      phoneNumbers: [{ type: 'work', value: '+1 555 0100' }],
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d' } },
    });
    const failed = await scim('PATCH', `${base}/Users/${id}`, {
      Operations: [
        { op: 'replace', path: 'title', value: 'Countess' },
        { op: 'replace', path: 'shoeSize', value: 42 },
      ],
    });
    expect(failed).toMatchObject({ status: 400, body: { scimType: 'invalidPath', detail: expect.stringContaining('Operations[1]') } });
    expect((await scim('GET', `${base}/Users/${id}`)).body.title).toBeUndefined();
    expect((await scim('PATCH', `${base}/Users/${id}`, { Operations: [{ op: 'replace', path: 'title', value: 'x' }] }, { 'if-match': 'W/"1"' })).status).toBe(
      412,
    );
  });

  it('patches the enterprise extension as a whole at its schema URN, and removes it whole', async () => {
    const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    const created = await scim('POST', `${base}/Users`, oktaUser('ext@example.com'));
    const url = `${base}/Users/${String(created.body.id)}`;
    const patchOp = (op: string, value?: unknown) => ({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op, path: enterprise, ...(value === undefined ? {} : { value }) }],
    });
    const added = await scim('PATCH', url, patchOp('add', { employeeNumber: '42', department: 'R&D' }));
    expect(added.status).toBe(200);
    const read = await scim('GET', url);
    expect(read.body[enterprise]).toMatchObject({ employeeNumber: '42', department: 'R&D' });
    expect(read.body.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User', enterprise]);

    expect((await scim('PATCH', url, patchOp('remove'))).status).toBe(200);
    const removed = await scim('GET', url);
    expect(removed.body[enterprise]).toBeUndefined();
    expect(removed.body.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User']);
  });

  it('records each change with the token as actor', async () => {
    const created = await scim('POST', `${base}/Users`, oktaUser('audit@example.com'), { 'x-request-id': 'okta-create-1' });
    const [event] = await orm.em.fork().find(ActivityEvent, { targetId: String(created.body.id) });
    expect(event).toMatchObject({ action: 'member.created', actorType: 'SCIM_TOKEN', actorLabel: 'Okta', requestId: 'okta-create-1' });
  });
});

describe('SCIM errors and HTTP', () => {
  it('answers every authentication failure with the same 401, as SCIM JSON with WWW-Authenticate', async () => {
    const variants: Record<string, string>[] = [
      {},
      { authorization: `Basic ${token}` },
      { authorization: 'Bearer roster_scim_nonsense' },
      { authorization: `Bearer ${token.slice(0, -1)}x` },
    ];
    const answers = [];
    for (const headers of variants) {
      const response = await fetch(`${app.baseUrl}${base}/Users`, { headers });
      answers.push({ status: response.status, auth: response.headers.get('www-authenticate'), body: await response.json() });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toMatchObject({ status: 401, auth: 'Bearer realm="roster"', body: { schemas: [errorSchema], status: '401' } });
    expect(JSON.stringify(answers)).not.toContain(token);
  });

  it('keeps uniqueness per group: the same userName lives in two groups, each token sees only its own', async () => {
    const em = orm.em.fork();
    const otherGroup = await makeGroup(em, await makeOrganization(em), { kind: GroupKind.SCIM });
    const other = scimClient(app.baseUrl, (await makeScimToken(em, otherGroup)).token);
    expect((await scim('POST', `${base}/Users`, { userName: 'shared@example.com' })).status).toBe(201);
    const theirs = await other('POST', `/scim/v2/${otherGroup.id}/Users`, { userName: 'shared@example.com' });
    expect(theirs.status).toBe(201);
    expect((await scim('GET', `${base}/Users/${String(theirs.body.id)}`)).status).toBe(404);
    expect((await other('GET', `/scim/v2/${otherGroup.id}/Users?filter=${encodeURIComponent('userName eq "shared@example.com"')}`)).body.totalResults).toBe(1);
  });

  it("treats another group's URL like one that does not exist", async () => {
    const other = await makeGroup(
      orm.em.fork(),
      ((await orm.em.fork().findOneOrFail('Group', group.id, { populate: ['organization'] })) as Group).organization,
      { kind: GroupKind.SCIM },
    );
    const theirs = await scim('GET', `/scim/v2/${other.id}/Users`);
    const nobody = await scim('GET', '/scim/v2/7d4b5b38-0000-4000-8000-000000000000/Users');
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual(nobody.body);
  });

  it('answers bad bodies, media types, routes and methods with SCIM errors', async () => {
    const malformed = await scim('POST', `${base}/Users`, '{"userName": "x"');
    expect(malformed).toMatchObject({ status: 400, body: { scimType: 'invalidSyntax' } });
    const empty = await fetch(`${app.baseUrl}${base}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
    });
    expect(empty.status).toBe(400);
    const text = await fetch(`${app.baseUrl}${base}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect([text.status, ((await text.json()) as { status: string }).status]).toEqual([415, '415']);
    expect(await scim('GET', `${base}/Nope`)).toMatchObject({ status: 404, body: { schemas: [errorSchema] } });
    const wrongMethod = await scim('DELETE', `${base}/Users`);
    expect(wrongMethod).toMatchObject({ status: 405, body: { status: '405' } });
    expect(wrongMethod.headers.get('allow')).toBe('GET, POST');
    expect(await scim('POST', `${base}/Users`, '{"userName": "x", "__proto__": {"polluted": true}}')).toMatchObject({
      status: 400,
      body: { scimType: 'invalidValue' },
    });
    expect(await scim('POST', `${base}/Users`, { userName: 42 })).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect(await scim('POST', `${base}/Users`, { userName: 'a\u0000b' })).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    const outside = await fetch(`${app.baseUrl}/scim/v2`);
    expect([outside.status, outside.headers.get('content-type')]).toEqual([404, 'application/scim+json; charset=utf-8']);
  });

  it('routes paths as clients write them: any letter case, a trailing slash, doubled slashes, HEAD as GET', async () => {
    const { body: created } = await scim('POST', `${base}/Users`, oktaUser('routing@example.com'));
    const id = created.id as string;
    const lower = await scim('GET', `/SCIM/v2/${group.id}/users/${id}/`);
    expect(lower).toMatchObject({ status: 200, body: { id, userName: 'routing@example.com' } });
    expect(await scim('GET', `${base}//Users//${id}`)).toMatchObject({ status: 200, body: { id } });
    expect(await scim('GET', `${base}/serviceproviderconfig`)).toMatchObject({ status: 200, body: { etag: { supported: true } } });
    const head = await fetch(`${app.baseUrl}${base}/Users/${id}`, { method: 'HEAD', headers: { authorization: `Bearer ${token}` } });
    expect([head.status, head.headers.get('etag'), await head.text()]).toEqual([200, lower.headers.get('etag'), '']);
    // A percent-encoded id is decoded; one that does not decode names nothing, like any unknown id.
    expect(await scim('GET', `${base}/Users/${encodeURIComponent(id)}`)).toMatchObject({ status: 200 });
    expect(await scim('GET', `${base}/Users/%E0%A4%A`)).toMatchObject({ status: 404, body: { detail: 'No User with id "%E0%A4%A" in this group.' } });
    const options = await scim('OPTIONS', `${base}/Users/${id}`);
    expect([options.status, options.headers.get('allow')]).toEqual([405, 'GET, PUT, PATCH, DELETE']);
    expect((await scim('GET', `${base}/Users/.search`)).headers.get('allow')).toBe('POST');
    expect(await scim('GET', `${base}/Users/${id}/emails`)).toMatchObject({ status: 404, body: { schemas: [errorSchema] } });
    expect(await scim('GET', base)).toMatchObject({ status: 404, body: { detail: expect.stringContaining('No SCIM resource at GET /.') } });
    // A request target in absolute form (as a proxy may send it) is routed by its path.
    const absolute = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(app.baseUrl);
      http
        .request(
          { host: url.hostname, port: url.port, path: `${app.baseUrl}${base}/Users/${id}`, headers: { authorization: `Bearer ${token}` } },
          (response) => {
            let body = '';
            response.on('data', (chunk: Buffer) => (body += chunk.toString()));
            response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
          },
        )
        .on('error', reject)
        .end();
    });
    expect([absolute.status, (JSON.parse(absolute.body) as { id: string }).id]).toEqual([200, id]);
    // Routes are looked up after authentication: without the token, every path is the same 401.
    const anonymous = await fetch(`${app.baseUrl}${base}/Nope`);
    expect(anonymous.status).toBe(401);
  });

  it('refuses oversized and absurdly nested bodies with SCIM errors, and keeps serving', async () => {
    const big = await scim('POST', `${base}/Users`, { userName: 'big', title: 'x'.repeat(2 * 1024 * 1024) });
    expect(big).toMatchObject({ status: 413, body: { schemas: [errorSchema], status: '413' } });
    const deep = await scim('POST', `${base}/Users`, `{"userName": "deep", "x": ${'['.repeat(5000)}${']'.repeat(5000)}}`);
    expect(deep).toMatchObject({ status: 400, body: { scimType: 'invalidSyntax' } });
    expect((await scim('GET', `${base}/Users?count=1`)).status).toBe(200);
  });

  it('searches Users and Groups together at the root (.search), Users first', async () => {
    await scim('POST', `${base}/Users`, { userName: 'root-search-user', displayName: 'Rooted' });
    await scim('POST', `${base}/Groups`, { displayName: 'Rooted' });
    const both = await scim('POST', `${base}/.search`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: 'displayName eq "Rooted"',
      count: 10,
    });
    expect(both.body.totalResults).toBe(2);
    expect(both.body.Resources?.map((r) => (r.meta as { resourceType: string }).resourceType)).toEqual(['User', 'Group']);
    const usersOnly = await scim('POST', `${base}/.search`, { filter: 'userName eq "root-search-user"' });
    expect(usersOnly.body.totalResults).toBe(1);
    const secondPage = await scim('POST', `${base}/.search`, { filter: 'displayName eq "Rooted"', startIndex: 2, count: 1 });
    expect(secondPage.body.Resources?.map((r) => r.displayName)).toEqual(['Rooted']);
    expect((secondPage.body.Resources?.[0]?.meta as { resourceType: string }).resourceType).toBe('Group');
    expect(await scim('POST', `${base}/.search`, { filter: 'shoeSize eq 1' })).toMatchObject({ status: 400, body: { scimType: 'invalidFilter' } });
  });

  it('serves discovery: ServiceProviderConfig, ResourceTypes and Schemas', async () => {
    const config = await scim('GET', `${base}/ServiceProviderConfig`);
    expect(config.body).toMatchObject({
      patch: { supported: true },
      filter: { supported: true, maxResults: 50 },
      etag: { supported: true },
      bulk: { supported: false },
    });
    // Only RFC 7643 §5's attributes: a client that validates the document rejects it whole for
    // an attribute of a schema it does not list (a `urn:…` extension) or know.
    expect(Object.keys(config.body).sort()).toEqual(
      ['authenticationSchemes', 'bulk', 'changePassword', 'documentationUri', 'etag', 'filter', 'meta', 'patch', 'schemas', 'sort'].sort(),
    );
    expect(config.body.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig']);
    expect((await scim('GET', `${base}/ResourceTypes`)).body.totalResults).toBe(2);
    expect((await scim('GET', `${base}/ResourceTypes/User`)).body.schema).toBe('urn:ietf:params:scim:schemas:core:2.0:User');
    const schemas = await scim('GET', `${base}/Schemas`);
    expect(schemas.body.Resources?.map((s) => s.id)).toEqual([
      'urn:ietf:params:scim:schemas:core:2.0:User',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      'urn:ietf:params:scim:schemas:core:2.0:Group',
    ]);
    expect((await scim('GET', `${base}/Schemas/urn:ietf:params:scim:schemas:core:2.0:User`)).body.name).toBe('User');
  });
});
