import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { connectIdp, filterQuery, membersOf, patchOp, users } from './replay.js';

/** Okta, request by request, as SCIM-CLIENTS.md describes it (Okta docs and its Runscope suites). */
let database: TestDatabase;
let app: TestApp;
beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url);
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

const oktaCreate = (login: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: login,
  name: { givenName: 'Grace', familyName: 'Hopper' },
  emails: [{ primary: true, value: login, type: 'work' }],
  displayName: 'Grace Hopper',
  locale: 'en-US',
  externalId: '00ujl29u0le5T6Aj10h7',
  groups: [],
  password: '1mz050nq',
  active: true,
});

describe('Okta', () => {
  it('user life cycle: test credentials, assign (lookup + create), profile PUT, deactivate, reactivate, unassign', async () => {
    const okta = await connectIdp(app.database.orm, app.baseUrl, 'Okta SCIM Client 1.0.0');
    // "Test API Credentials" on an empty group.
    const probe = await okta.send('GET', '/Users?startIndex=1&count=1');
    expect(probe.body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });

    expect((await okta.send('GET', `/Users${filterQuery('userName eq "grace@example.com"', '&startIndex=1&count=100')}`)).body.totalResults).toBe(0);
    const created = await okta.send('POST', '/Users', oktaCreate('grace@example.com'));
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    expect(id).not.toContain('bulkId');
    expect((await okta.send('POST', '/Users', oktaCreate('grace@example.com'))).body).toMatchObject({ status: '409', scimType: 'uniqueness' });

    const read = await okta.send('GET', `/Users/${id}`);
    const put = await okta.send('PUT', `/Users/${id}`, { ...read.body, name: { givenName: 'Amazing Grace', familyName: 'Hopper' } });
    expect(put).toMatchObject({ status: 200, body: { name: { givenName: 'Amazing Grace' } } });

    const deactivate = await okta.send('PATCH', `/Users/${id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(deactivate).toMatchObject({ status: 200, body: { active: false } });
    expect((await okta.send('GET', `/Users/${id}`)).body).toMatchObject({ active: false, userName: 'grace@example.com' });
    const reactivate = await okta.send('PATCH', `/Users/${id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { active: true } }],
    });
    expect(reactivate.body.active).toBe(true);
    // App-Integration-Wizard apps unassign with PUT active:false; the user stays readable.
    const unassigned = await okta.send('PUT', `/Users/${id}`, { ...read.body, active: false });
    expect(unassigned.body.active).toBe(false);
    expect((await okta.send('GET', `/Users/${id}`)).status).toBe(200);
  });

  it('Runscope SPEC suite: field presence, 404 shape, case-insensitive userName, numeric counters', async () => {
    const okta = await connectIdp(app.database.orm, app.baseUrl, 'Okta SCIM Client 1.0.0');
    await okta.send('POST', '/Users', oktaCreate('runscope@example.com'));
    const first = await okta.send('GET', '/Users?count=1&startIndex=1');
    expect(first.body).toMatchObject({ totalResults: 1, itemsPerPage: 1, startIndex: 1 });
    expect(first.body.Resources?.[0]).toMatchObject({
      id: expect.any(String),
      userName: 'runscope@example.com',
      active: true,
      name: { familyName: 'Hopper', givenName: 'Grace' },
      emails: [{ value: 'runscope@example.com' }],
    });
    const missing = await okta.send('GET', '/Users/010101010101010101');
    expect(missing.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404', detail: expect.any(String) });
    expect((await okta.send('GET', `/Users${filterQuery('userName eq "RUNSCOPE@EXAMPLE.COM"')}`)).body.totalResults).toBe(1);
  });

  it('import: pages of 100 until totalResults, stable and without repeats', async () => {
    const okta = await connectIdp(app.database.orm, app.baseUrl, 'Okta SCIM Client 1.0.0');
    for (let i = 0; i < 230; i += 1) await okta.send('POST', '/Users', { userName: `import${String(i).padStart(3, '0')}@example.com` });
    const seen: string[] = [];
    for (let start = 1; ; start += 100) {
      const page = await okta.send('GET', `/Users?startIndex=${start}&count=100`);
      seen.push(...(page.body.Resources ?? []).map((u) => String(u.id)));
      if (start + 100 > Number(page.body.totalResults)) break;
    }
    expect(seen).toHaveLength(230);
    expect(new Set(seen).size).toBe(230);
  });

  it("Okta's group push: lookup, create, membership PATCH mixing remove-by-filter and add, rename on every push, delete", async () => {
    const okta = await connectIdp(app.database.orm, app.baseUrl, 'Okta SCIM Client 1.0.0');
    const [a, b, c] = await users(okta, 'okta-a', 'okta-b', 'okta-c');
    const lookup = await okta.send('GET', `/Groups?filter=${encodeURIComponent('displayName eq "Engineering"')}&startIndex=1&count=100`);
    expect(lookup.body).toMatchObject({ totalResults: 0, Resources: [] });
    const created = await okta.send('POST', `/Groups`, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Engineering', members: [] });
    expect(created).toMatchObject({ status: 201, body: { displayName: 'Engineering', members: [] } });
    const id = String(created.body.id);

    const push = (ops: unknown[]) => okta.send('PATCH', `/Groups/${id}`, { schemas: [patchOp], Operations: ops });
    expect(
      (
        await push([
          {
            op: 'add',
            path: 'members',
            value: [
              { value: a, display: 'okta-a' },
              { value: b, display: 'okta-b' },
            ],
          },
        ])
      ).status,
    ).toBe(204);
    expect(await membersOf(okta, id)).toEqual([a, b].sort());
    const mixed = await push([
      { op: 'remove', path: `members[value eq "${a}"]` },
      { op: 'add', path: 'members', value: [{ value: c, display: 'okta-c' }] },
      { op: 'replace', value: { id, displayName: 'Engineering' } },
    ]);
    expect(mixed.status).toBe(204);
    expect(await membersOf(okta, id)).toEqual([b, c].sort());
    expect((await push([{ op: 'replace', value: { id, displayName: 'Platform' } }])).status).toBe(204);
    expect((await okta.send('GET', `/Groups/${id}`)).body.displayName).toBe('Platform');
    expect((await push([{ op: 'replace', path: 'members', value: [{ value: a }] }])).status).toBe(204);
    expect(await membersOf(okta, id)).toEqual([a]);
    expect((await okta.send('DELETE', `/Groups/${id}`)).status).toBe(204);
    expect((await okta.send('GET', `/Groups/${id}`)).status).toBe(404);
    expect((await okta.send('GET', `/Users/${a}`)).status).toBe(200);
  });
});
