import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupKind } from '../../src/domain/groups/group.entity.js';
import { TeamMembership } from '../../src/domain/teams/team-membership.entity.js';
import { Team } from '../../src/domain/teams/team.entity.js';
import { sqlOf } from '../../src/db/sql.js';
import { GroupMemberTeamsDocument, NestedGroupsDocument } from '../generated/graphql.js';
import { makeAdmin, makeGroup, makeMembers, makeOrganization, makeScimToken } from '../factories/domain.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { graphqlRequest } from '../support/graphql.js';

let database: TestDatabase;
let app: TestApp;
let orm: MikroORM;
let token: string;
let statements = 0;
let bigGroupId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  // A 50 × 50 page with every member's teams is an expensive query; this test is about batching.
  app = await startTestApp(database.url, { GRAPHQL_MAX_COST: '200000' });
  orm = app.database.orm;
  // Statements through the ORM and straight on the pool (src/db/sql.ts) alike; the session's
  // lookup (at most once a second, cached) and background work (webhooks) are left out.
  orm.em
    .getConnection()
    .getKnex()
    .on('query', () => {
      statements++;
    });
  sqlOf(orm).onStatement((sql, { inRequest }) => {
    if (inRequest && !/from session s join admin/.test(sql)) statements++;
  });
  const em = orm.em.fork();
  const organization = await makeOrganization(em);
  token = (await makeAdmin(em, organization)).token;
  for (let g = 0; g < 50; g++) {
    const group = await makeGroup(em, organization, { name: `Group ${String(g).padStart(2, '0')}`, kind: g % 2 ? GroupKind.SCIM : GroupKind.STANDARD });
    const members = await makeMembers(em, group, 50, `g${g}-`);
    const team = em.create(Team, { organization, group, displayName: 'Team' });
    for (const member of members.slice(0, 10)) em.create(TeamMembership, { team, member, group });
    if (g % 2) await makeScimToken(em, group);
  }
  // 250 members, each in 3 teams.
  const big = await makeGroup(em, organization, { name: 'Big' });
  bigGroupId = big.id;
  const bigMembers = await makeMembers(em, big, 250, 'big-');
  for (const name of ['Red', 'Green', 'Blue']) {
    const team = em.create(Team, { organization, group: big, displayName: name });
    for (const member of bigMembers) em.create(TeamMembership, { team, member, group: big });
  }
  await em.flush();
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

async function statementsFor(groups: number, members: number): Promise<number> {
  const before = statements;
  const response = await graphqlRequest(app.baseUrl, NestedGroupsDocument, { first: groups, members }, { authorization: `Bearer ${token}` });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  expect(response.data?.groups.edges).toHaveLength(groups);
  expect(response.data?.groups.edges[1]?.node.members.edges).toHaveLength(members);
  expect(response.data?.groups.edges[1]?.node.members.edges[0]?.node.teams.map((t) => t.displayName)).toEqual(['Team']);
  return statements - before;
}

describe('nested GraphQL reads are batched', () => {
  it('uses the same small number of SQL statements for 5 × 5 and for 50 groups × 50 members with their teams and counts', async () => {
    const small = await statementsFor(5, 5);
    const large = await statementsFor(50, 50);
    expect(large).toBe(small);
    // session, groups page, group count, member pages, member counts, team pages, team counts,
    // team member counts, teams of members, groups of members, tokens with their creators,
    // filtered member pages and their totals
    expect(large).toBeLessThanOrEqual(14);
  });

  it("reads a group's members with their teams in three statements, whatever the page size", async () => {
    const counts: number[] = [];
    for (const first of [5, 200]) {
      const before = statements;
      const response = await graphqlRequest(app.baseUrl, GroupMemberTeamsDocument, { id: bigGroupId, first }, { authorization: `Bearer ${token}` });
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
      const edges = response.data?.group?.members.edges ?? [];
      expect(edges).toHaveLength(first);
      expect(edges.at(-1)?.node.teams.map((team) => team.displayName)).toEqual(['Blue', 'Green', 'Red']);
      counts.push(statements - before);
    }
    // The group, the page of members, the teams of the whole page.
    expect(counts).toEqual([3, 3]);
  });
});
