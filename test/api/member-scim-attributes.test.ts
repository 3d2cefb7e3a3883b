import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemberScimAttributesDocument } from '../generated/graphql.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { graphqlRequest } from '../support/graphql.js';
import { scimClient } from '../support/scim.js';
import { bearer, seedTenant, type Tenant } from '../support/seed.js';

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

const customSchema = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';

describe("a member's other SCIM attributes over GraphQL", () => {
  it('shows a custom schema extension and unmodelled core attributes exactly as the identity provider sent them, and follows SCIM changes', async () => {
    const scim = scimClient(app.baseUrl, tenant.scimToken);
    const base = `/scim/v2/${tenant.scimGroup.id}`;
    const created = await scim('POST', `${base}/Users`, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', customSchema],
      userName: 'badge.holder@example.com',
      entitlements: [{ value: 'vpn', primary: true }],
      [customSchema]: { badgeNumber: '4711', building: { code: 'B2', floor: 3 } },
    });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    const attributesOf = async () => {
      const response = await graphqlRequest(app.baseUrl, MemberScimAttributesDocument, { id }, bearer(tenant.admin.token));
      return response.data?.member?.otherScimAttributes;
    };
    expect(await attributesOf()).toEqual([
      { name: 'entitlements', value: [{ value: 'vpn', primary: true }] },
      { name: customSchema, value: { badgeNumber: '4711', building: { code: 'B2', floor: 3 } } },
    ]);

    const patched = await scim('PATCH', `${base}/Users/${id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: `${customSchema}:badgeNumber`, value: '4712' }],
    });
    expect(patched.status).toBe(200);
    expect((await attributesOf())?.find((attribute) => attribute.name === customSchema)?.value).toEqual({
      badgeNumber: '4712',
      building: { code: 'B2', floor: 3 },
    });
  });

  it('is empty for a member with modelled attributes only', async () => {
    const scim = scimClient(app.baseUrl, tenant.scimToken);
    const created = await scim('POST', `/scim/v2/${tenant.scimGroup.id}/Users`, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'plain@example.com',
    });
    const response = await graphqlRequest(app.baseUrl, MemberScimAttributesDocument, { id: String(created.body.id) }, bearer(tenant.admin.token));
    expect(response.data?.member?.otherScimAttributes).toEqual([]);
  });
});
