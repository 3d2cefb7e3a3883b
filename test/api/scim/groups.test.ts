import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupKind, type Group } from '../../../src/domain/groups/group.entity.js';
import { makeGroup, makeOrganization, makeScimToken } from '../../factories/domain.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { scimClient } from '../../support/scim.js';

let database: TestDatabase;
let app: TestApp;
let orm: MikroORM;
let group: Group;
let scim: ReturnType<typeof scimClient>;
let base: string;
const patchOp = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url);
  orm = app.database.orm;
  const organization = await makeOrganization(orm.em.fork());
  group = await makeGroup(orm.em.fork(), organization, { kind: GroupKind.SCIM });
  const { token } = await makeScimToken(orm.em.fork(), group);
  base = `/scim/v2/${group.id}`;
  scim = scimClient(app.baseUrl, token);
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

async function users(...names: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const userName of names) ids.push(String((await scim('POST', `${base}/Users`, { userName })).body.id));
  return ids;
}

async function membersOf(id: string): Promise<string[]> {
  const { body } = await scim('GET', `${base}/Groups/${id}`);
  return ((body.members as { value: string }[] | undefined) ?? []).map((m) => m.value).sort();
}

describe('SCIM /Groups', () => {
  it("Okta's group push: lookup, create, membership PATCH mixing remove-by-filter and add, rename on every push, delete", async () => {
    const [a, b, c] = await users('okta-a', 'okta-b', 'okta-c');
    const lookup = await scim('GET', `${base}/Groups?filter=${encodeURIComponent('displayName eq "Engineering"')}&startIndex=1&count=100`);
    expect(lookup.body).toMatchObject({ totalResults: 0, Resources: [] });
    const created = await scim('POST', `${base}/Groups`, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Engineering', members: [] });
    expect(created).toMatchObject({ status: 201, body: { displayName: 'Engineering', members: [] } });
    const id = String(created.body.id);

    const push = (ops: unknown[]) => scim('PATCH', `${base}/Groups/${id}`, { schemas: [patchOp], Operations: ops });
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
    expect(await membersOf(id)).toEqual([a, b].sort());
    const mixed = await push([
      { op: 'remove', path: `members[value eq "${a}"]` },
      { op: 'add', path: 'members', value: [{ value: c, display: 'okta-c' }] },
      { op: 'replace', value: { id, displayName: 'Engineering' } },
    ]);
    expect(mixed.status).toBe(204);
    expect(await membersOf(id)).toEqual([b, c].sort());
    expect((await push([{ op: 'replace', value: { id, displayName: 'Platform' } }])).status).toBe(204);
    expect((await scim('GET', `${base}/Groups/${id}`)).body.displayName).toBe('Platform');
    expect((await push([{ op: 'replace', path: 'members', value: [{ value: a }] }])).status).toBe(204);
    expect(await membersOf(id)).toEqual([a]);
    expect((await scim('DELETE', `${base}/Groups/${id}`)).status).toBe(204);
    expect((await scim('GET', `${base}/Groups/${id}`)).status).toBe(404);
    expect((await scim('GET', `${base}/Users/${a}`)).status).toBe(200);
  });

  it("Entra's group cycle: externalId, excludedAttributes=members, capitalised ops, removal with a value list removes exactly those", async () => {
    const [a, b, c] = await users('entra-a', 'entra-b', 'entra-c');
    const created = await scim('POST', `${base}/Groups`, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      displayName: 'Sales',
    });
    const id = String(created.body.id);
    const found = await scim(
      'GET',
      `${base}/Groups?excludedAttributes=members&filter=${encodeURIComponent('externalId eq "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159"')}`,
    );
    expect(found.body.Resources).toEqual([expect.objectContaining({ id, displayName: 'Sales' })]);
    expect(found.body.Resources?.[0]?.members).toBeUndefined();
    const patch = (ops: unknown[]) => scim('PATCH', `${base}/Groups/${id}`, { schemas: [patchOp], Operations: ops });
    expect(
      (
        await patch([
          {
            op: 'Add',
            path: 'members',
            value: [
              { $ref: null, value: a },
              { $ref: null, value: b },
              { $ref: null, value: c },
            ],
          },
        ])
      ).status,
    ).toBe(204);
    expect((await patch([{ op: 'Remove', path: 'members', value: [{ value: a }, { value: c }] }])).status).toBe(204);
    expect(await membersOf(id)).toEqual([b]);
    expect((await patch([{ op: 'Replace', path: 'displayName', value: 'Sales EMEA' }])).status).toBe(204);
    const read = await scim('GET', `${base}/Groups/${id}?excludedAttributes=members`);
    expect(read.body).toMatchObject({ displayName: 'Sales EMEA', externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159' });
    expect(read.body.members).toBeUndefined();
  });

  it('never loses a membership under concurrent PATCHes to one group', async () => {
    const ids = await users(...Array.from({ length: 15 }, (_, i) => `parallel-${i}`));
    const id = String((await scim('POST', `${base}/Groups`, { displayName: 'Parallel' })).body.id);
    const results = await Promise.all(
      ids.map((member) =>
        scim('PATCH', `${base}/Groups/${id}`, { schemas: [patchOp], Operations: [{ op: 'add', path: 'members', value: [{ value: member }] }] }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(ids.map(() => 204));
    expect(await membersOf(id)).toEqual([...ids].sort());
  });

  it('applies a PATCH whole or not at all, and refuses users of another group', async () => {
    const [a] = await users('atomic-a');
    const id = String((await scim('POST', `${base}/Groups`, { displayName: 'Atomic' })).body.id);
    const failed = await scim('PATCH', `${base}/Groups/${id}`, {
      Operations: [
        { op: 'add', path: 'members', value: [{ value: a }] },
        { op: 'replace', path: 'shoeSize', value: 1 },
      ],
    });
    expect(failed).toMatchObject({ status: 400, body: { scimType: 'invalidPath' } });
    expect(await membersOf(id)).toEqual([]);
    const stranger = await scim('PATCH', `${base}/Groups/${id}`, {
      Operations: [
        { op: 'add', path: 'members', value: [{ value: a }] },
        { op: 'add', path: 'members', value: [{ value: '2819c223-7f76-453a-919d-413861904646' }] },
      ],
    });
    expect(stranger).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect(await membersOf(id)).toEqual([]);
  });

  it('keeps displayName unique (409 uniqueness), replaces with PUT and shows teams on users', async () => {
    const [a, b] = await users('put-a', 'put-b');
    const id = String((await scim('POST', `${base}/Groups`, { displayName: 'Unique', members: [{ value: a }] })).body.id);
    expect(await scim('POST', `${base}/Groups`, { displayName: 'UNIQUE' })).toMatchObject({ status: 409, body: { scimType: 'uniqueness' } });
    const put = await scim('PUT', `${base}/Groups/${id}`, { displayName: 'Unique 2', members: [{ value: b }] });
    expect(put).toMatchObject({ status: 200, body: { displayName: 'Unique 2', members: [{ value: b, display: 'put-b' }] } });
    expect((await scim('GET', `${base}/Users/${b}`)).body.groups).toEqual([{ value: id, display: 'Unique 2', $ref: expect.stringContaining(`/Groups/${id}`) }]);
    expect((await scim('GET', `${base}/Groups?filter=${encodeURIComponent(`members[value eq "${b}"]`)}`)).body.Resources?.map((g) => g.id)).toEqual([id]);
  });
});
