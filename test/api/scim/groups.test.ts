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
