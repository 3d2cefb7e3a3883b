import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlOf } from '../../src/db/sql.js';
import { memberFieldProperties } from '../../src/graphql/members/member.selection.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { graphqlRequest } from '../support/graphql.js';
import { scimClient } from '../support/scim.js';
import { bearer, seedTenant, type Tenant } from '../support/seed.js';

// A group's and a team's page of members read only the columns their selection needs
// (src/graphql/members/member.selection.ts). Each field, asked for alone on the page, must show what a read of the
// whole member shows.

let database: TestDatabase;
let app: TestApp;
let tenant: Tenant;
let memberId: string;
let teamId: string;

const enterpriseSchema = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const customSchema = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';

/** Every field of Member, with a selection that shows all of it. */
const selections: Record<string, string> = {
  id: 'id',
  userName: 'userName',
  externalId: 'externalId',
  displayName: 'displayName',
  nickName: 'nickName',
  profileUrl: 'profileUrl',
  title: 'title',
  userType: 'userType',
  preferredLanguage: 'preferredLanguage',
  locale: 'locale',
  timezone: 'timezone',
  active: 'active',
  emails: 'emails { value type primary display }',
  phoneNumbers: 'phoneNumbers { value type primary display }',
  addresses: 'addresses { formatted streetAddress locality region postalCode country type primary }',
  version: 'version',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
  name: 'name { formatted givenName familyName middleName honorificPrefix honorificSuffix }',
  enterprise: 'enterprise { employeeNumber costCenter organization division department manager { value displayName } }',
  otherScimAttributes: 'otherScimAttributes { name value }',
  group: 'group { id name }',
  teams: 'teams { id displayName }',
};

type Data = Record<string, unknown>;
const gql = (text: string) => parse(text) as unknown as TypedDocumentNode<Data, Record<string, unknown>>;

async function query(text: string, variables: Record<string, unknown>): Promise<Data> {
  const response = await graphqlRequest(app.baseUrl, gql(text), variables, bearer(tenant.admin.token));
  expect(response.errors).toBeUndefined();
  return response.data ?? {};
}

/** The pages of members that select their columns: a group's, and a team's. */
const pages = {
  group: (selection: string) => `query($of: ID!) { group(id: $of) { members(first: 10) { edges { node { ${selection} } } } } }`,
  team: (selection: string) => `query($of: ID!) { team(id: $of) { members(first: 10) { edges { node { ${selection} } } } } }`,
};
type PageKind = keyof typeof pages;

/** The member as a page shows it, and as a read of the whole member does. */
async function bothWays(selection: string, fragments = '', kind: PageKind = 'group'): Promise<[unknown, unknown]> {
  const page = await query(`${pages[kind](selection)} ${fragments}`, { of: kind === 'group' ? tenant.scimGroup.id : teamId });
  const whole = await query(`query($id: ID!) { member(id: $id) { ${selection} } } ${fragments}`, { id: memberId });
  const edges = (page[kind] as { members: { edges: { node: unknown }[] } }).members.edges;
  expect(edges).toHaveLength(1);
  return [edges[0]?.node, whole.member];
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url);
  tenant = await seedTenant(app.database.orm);
  const scim = scimClient(app.baseUrl, tenant.scimToken);
  const base = `/scim/v2/${tenant.scimGroup.id}`;
  const manager = await scim('POST', `${base}/Users`, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'boss@example.com' });
  const created = await scim('POST', `${base}/Users`, {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', enterpriseSchema, customSchema],
    userName: 'Ada.Lovelace@example.com',
    externalId: '00u1ada',
    name: { formatted: 'Lady Ada King', givenName: 'Ada', familyName: 'King', middleName: 'Augusta', honorificPrefix: 'Lady', honorificSuffix: 'II' },
    displayName: 'Ada Lovelace',
    nickName: 'Ada',
    profileUrl: 'https://example.com/ada',
    title: 'Analyst',
    userType: 'Employee',
    preferredLanguage: 'en-GB',
    locale: 'en-GB',
    timezone: 'Europe/London',
    active: true,
    emails: [{ value: 'ada@example.com', type: 'work', primary: true, display: 'Ada' }],
    phoneNumbers: [{ value: '+44 20 7946 0000', type: 'work' }],
    addresses: [
      {
        formatted: '1 St James Sq',
        streetAddress: '1 St James Sq',
        locality: 'London',
        region: 'LDN',
        postalCode: 'SW1Y',
        country: 'GB',
        type: 'work',
        primary: true,
      },
    ],
    entitlements: [{ value: 'engine' }],
    [enterpriseSchema]: {
      employeeNumber: '1815',
      costCenter: 'R&D',
      organization: 'Analytical Engines',
      division: 'Research',
      department: 'Mathematics',
      manager: { value: String(manager.body.id) },
    },
    [customSchema]: { badge: '4711' },
  });
  expect(created.status).toBe(201);
  memberId = String(created.body.id);
  const team = await scim('POST', `${base}/Groups`, {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    displayName: 'Engines',
    members: [{ value: memberId }],
  });
  expect(team.status).toBe(201);
  teamId = String(team.body.id);
  // Only Ada on the page: the manager leaves the group's members.
  expect((await scim('DELETE', `${base}/Users/${String(manager.body.id)}`)).status).toBe(204);
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

describe('a page of members reads the columns its selection needs', () => {
  it('knows what every field of Member reads', async () => {
    const schema = await query('{ __type(name: "Member") { fields { name } } }', {});
    const fields = (schema.__type as { fields: { name: string }[] }).fields.map((f) => f.name).sort();
    expect(fields).toEqual(Object.keys(selections).sort());
    expect(
      Object.keys(memberFieldProperties)
        .filter((f) => f !== '__typename')
        .sort(),
    ).toEqual(fields);
  });

  const cases = (['group', 'team'] as const).flatMap((kind) => Object.entries(selections).map(([field, selection]) => [kind, field, selection] as const));
  it.each(cases)("shows a %s's member's %s alone as a read of the whole member does", async (kind, _field, selection) => {
    const [onPage, whole] = await bothWays(selection, '', kind);
    expect(onPage).toEqual(whole);
    expect(Object.values(onPage as Data).every((value) => value !== null && !(Array.isArray(value) && value.length === 0))).toBe(true);
  });

  it('reads the fields of fragments, inline fragments and aliases', async () => {
    const [onPage, whole] = await bothWays(
      '...Person ... on Member { job: title } mail: emails { value } __typename',
      'fragment Person on Member { userName name { givenName } }',
    );
    expect(onPage).toEqual(whole);
    expect(onPage).toEqual({
      userName: 'Ada.Lovelace@example.com',
      name: { givenName: 'Ada' },
      job: 'Analyst',
      mail: [{ value: 'ada@example.com' }],
      __typename: 'Member',
    });
  });

  it.each(['group', 'team'] as const)("selects only the columns of the fields asked for on a %s's page", async (kind) => {
    const statements: string[] = [];
    const stop = sqlOf(app.database.orm).onStatement((sql) => {
      if (sql.includes('cross join lateral') && sql.includes('member m')) statements.push(sql);
    });
    await bothWays('userName emails { value } teams { displayName }', '', kind);
    stop();
    const [page] = statements;
    expect(statements).toHaveLength(1);
    expect(page).toContain('m.user_name,');
    expect(page).toContain('m.emails');
    expect(page).not.toContain('m.title');
    expect(page).not.toContain('m.created_at');
    expect(page).not.toContain('m.other_attributes');
  });

  it('gives every place a page is selected its own columns', async () => {
    const data = await query(
      `query($group: ID!) { group(id: $group) { a: members(first: 5) { edges { node { title } } } b: members(first: 5) { edges { node { locale } } } } }`,
      { group: tenant.scimGroup.id },
    );
    const group = data.group as Record<string, { edges: { node: Data }[] }>;
    expect(group.a?.edges[0]?.node).toEqual({ title: 'Analyst' });
    expect(group.b?.edges[0]?.node).toEqual({ locale: 'en-GB' });
  });
});
