import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { connectIdp, filterQuery, membersOf, patchOp, users } from './replay.js';

/** Microsoft Entra ID, with and without `aadOptscim062020`, as SCIM-CLIENTS.md describes it. */
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

const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const entraCreate = (upn: string, mailNickname: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', enterprise],
  externalId: mailNickname,
  userName: upn,
  active: true,
  emails: [{ primary: true, type: 'work', value: upn }],
  meta: { resourceType: 'User' },
  name: { formatted: 'Alan Turing', familyName: 'Turing', givenName: 'Alan' },
  roles: [],
});

describe('Entra ID', () => {
  it('test connection: random user and group filters answer empty ListResponses, with no User-Agent', async () => {
    const entra = await connectIdp(app.database.orm, app.baseUrl);
    expect((await entra.send('GET', `/Users${filterQuery('userName eq "3ff3e8bd-e3d0-4ef0-97e4-d5b2c5cbb0b3"')}`)).body).toMatchObject({
      totalResults: 0,
      Resources: [],
    });
    expect(
      (await entra.send('GET', `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "0cbd01ca-fb3e-44f6-9a2e-9c63d4a2dbb7"')}`))
        .body,
    ).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it('user life cycle without the compliance flag: one op per attribute, capitalised ops, "False" strings, then hard delete', async () => {
    const entra = await connectIdp(app.database.orm, app.baseUrl);
    expect((await entra.send('GET', `/Users${filterQuery('userName eq "alan@contoso.example"')}`)).body.totalResults).toBe(0);
    const id = String((await entra.send('POST', '/Users', entraCreate('alan@contoso.example', 'alan'))).body.id);
    expect((await entra.send('GET', `/Users${filterQuery('externalId eq "alan"')}`)).body.totalResults).toBe(1);
    expect((await entra.send('GET', `/Users${filterQuery('emails[type eq "work"].value eq "ALAN@contoso.example"')}`)).body.totalResults).toBe(1);
    const patch = await entra.send('PATCH', `/Users/${id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'a.turing@contoso.example' },
        { op: 'Replace', path: 'name.familyName', value: 'Turing OBE' },
        { op: 'Add', path: `${enterprise}:employeeNumber`, value: '1912' },
        { op: 'Add', path: `${enterprise}:manager`, value: 'f4e7c1d2-0000-4000-8000-000000000001' },
        { op: 'Add', path: 'phoneNumbers[type eq "work"].value', value: '+44 20 7946 0000' },
      ],
    });
    expect(patch.status).toBe(200);
    expect(patch.body).toMatchObject({
      emails: [{ value: 'a.turing@contoso.example', type: 'work' }],
      name: { familyName: 'Turing OBE' },
      phoneNumbers: [{ type: 'work', value: '+44 20 7946 0000' }],
      [enterprise]: { employeeNumber: '1912', manager: { value: 'f4e7c1d2-0000-4000-8000-000000000001' } },
    });
    const disabled = await entra.send('PATCH', `/Users/${id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(disabled.body.active).toBe(false);
    expect((await entra.send('GET', `/Users${filterQuery('userName eq "alan@contoso.example"')}`)).body.totalResults).toBe(1);
    expect((await entra.send('DELETE', `/Users/${id}`)).status).toBe(204);
    expect((await entra.send('GET', `/Users/${id}`)).status).toBe(404);
  });

  it('user updates with aadOptscim062020: lower-case ops, several attributes in one pathless replace with dotted and URN keys, real booleans', async () => {
    const entra = await connectIdp(app.database.orm, app.baseUrl);
    const id = String((await entra.send('POST', '/Users?aadOptscim062020', entraCreate('ada@contoso.example', 'ada'))).body.id);
    const patch = await entra.send('PATCH', `/Users/${id}?aadOptscim062020`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'replace', value: { 'name.givenName': 'Augusta Ada', displayName: 'Ada King', [`${enterprise}:department`]: 'Mathematics', active: false } },
      ],
    });
    expect(patch.body).toMatchObject({
      name: { givenName: 'Augusta Ada', familyName: 'Turing' },
      displayName: 'Ada King',
      active: false,
      [enterprise]: { department: 'Mathematics' },
    });
    // Applying the same PATCH again changes nothing (Entra re-sends when a response does not match).
    const again = await entra.send('PATCH', `/Users/${id}?aadOptscim062020`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'replace', value: { 'name.givenName': 'Augusta Ada', displayName: 'Ada King', [`${enterprise}:department`]: 'Mathematics', active: false } },
      ],
    });
    expect((again.body.meta as { version: string }).version).toBe((patch.body.meta as { version: string }).version);
    const group = String(
      (await entra.send('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Mathematicians', externalId: 'obj-1' }))
        .body.id,
    );
    await entra.send('PATCH', `/Groups/${group}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }],
    });
    expect(
      (
        await entra.send('PATCH', `/Groups/${group}`, {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'remove', path: `members[value eq "${id}"]` }],
        })
      ).status,
    ).toBe(204);
    expect((await entra.send('GET', `/Groups/${group}`)).body.members).toEqual([]);
  });

  it("Entra's group cycle: externalId, excludedAttributes=members, capitalised ops, removal with a value list removes exactly those", async () => {
    const entra = await connectIdp(app.database.orm, app.baseUrl);
    const [a, b, c] = await users(entra, 'entra-a', 'entra-b', 'entra-c');
    const created = await entra.send('POST', `/Groups`, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      displayName: 'Sales',
    });
    const id = String(created.body.id);
    const found = await entra.send(
      'GET',
      `/Groups?excludedAttributes=members&filter=${encodeURIComponent('externalId eq "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159"')}`,
    );
    expect(found.body.Resources).toEqual([expect.objectContaining({ id, displayName: 'Sales' })]);
    expect(found.body.Resources?.[0]?.members).toBeUndefined();
    const patch = (ops: unknown[]) => entra.send('PATCH', `/Groups/${id}`, { schemas: [patchOp], Operations: ops });
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
    expect(await membersOf(entra, id)).toEqual([b]);
    expect((await patch([{ op: 'Replace', path: 'displayName', value: 'Sales EMEA' }])).status).toBe(204);
    const read = await entra.send('GET', `/Groups/${id}?excludedAttributes=members`);
    expect(read.body).toMatchObject({ displayName: 'Sales EMEA', externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159' });
    expect(read.body.members).toBeUndefined();
  });
});
