import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityEvent } from '../../src/domain/activity/activity-event.entity.js';
import { GroupKind } from '../../src/domain/groups/group.entity.js';
import { makeAdmin, makeGroup, makeMembers, makeOrganization, makeScimToken } from '../factories/domain.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { scimClient } from '../support/scim.js';

/**
 * One scenario list, run through both doors: GraphQL (an admin on a STANDARD group) and SCIM (an
 * identity provider on a SCIM group). Both must reach the same rule in the same domain service;
 * the outcome is compared in domain terms (the error reason), not in transport terms.
 */
type Outcome = { ok: true; id?: string; changed?: number } | { ok: false; reason: string };

interface Door {
  createMember(userName: string): Promise<Outcome>;
  setActive(id: string, active: boolean): Promise<Outcome>;
  isListed(id: string): Promise<boolean>;
  createTeam(name: string): Promise<Outcome>;
  addTeamMembers(teamId: string, memberIds: string[]): Promise<Outcome>;
  teamSize(teamId: string): Promise<number>;
  /** A member of another group of the same organization. */
  outsider: string;
  groupId: string;
}

/** SCIM errors in domain terms: the status and scimType every rule maps to. */
function scimReason(status: number, body: Record<string, unknown>): string {
  return `${status}:${typeof body.scimType === 'string' ? body.scimType : ''}`;
}
const sameRule: Record<string, string> = {
  MEMBER_USERNAME_TAKEN: '409:uniqueness',
  TEAM_NAME_TAKEN: '409:uniqueness',
  TEAM_MEMBER_NOT_IN_GROUP: '400:invalidValue',
  VALIDATION_FAILED: '400:invalidValue',
};

let database: TestDatabase;
let app: TestApp;
let orm: MikroORM;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url);
  orm = app.database.orm;
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

async function graphqlDoor(): Promise<Door> {
  const em = orm.em.fork();
  const organization = await makeOrganization(em);
  const { token } = await makeAdmin(em, organization);
  const group = await makeGroup(em, organization);
  const [outsider] = await makeMembers(em, await makeGroup(em, organization), 1, 'outsider');
  const call = async (query: string, variables: Record<string, unknown>) => {
    const response = await fetch(`${app.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data: Record<string, Record<string, unknown>> | null; errors?: { extensions: { reason?: string; code: string } }[] };
  };
  const outcome = (result: Awaited<ReturnType<typeof call>>, pick: (data: Record<string, Record<string, unknown>>) => Outcome): Outcome =>
    result.errors ? { ok: false, reason: result.errors[0]?.extensions.reason ?? result.errors[0]?.extensions.code ?? '' } : pick(result.data ?? {});
  return {
    groupId: group.id,
    outsider: outsider!.id,
    createMember: async (userName) =>
      outcome(
        await call('mutation ($input: CreateMemberInput!) { createMember(input: $input) { member { id } } }', { input: { groupId: group.id, userName } }),
        (d) => ({ ok: true, id: (d.createMember?.member as { id: string }).id }),
      ),
    setActive: async (id, active) =>
      outcome(await call('mutation ($input: SetMemberActiveInput!) { setMemberActive(input: $input) { member { id } } }', { input: { id, active } }), () => ({
        ok: true,
      })),
    isListed: async (id) => {
      const result = await call('query ($id: ID!) { group(id: $id) { members(first: 200) { edges { node { id } } } } }', { id: group.id });
      return JSON.stringify(result.data).includes(id);
    },
    createTeam: async (name) =>
      outcome(
        await call('mutation ($input: CreateTeamInput!) { createTeam(input: $input) { team { id } } }', { input: { groupId: group.id, displayName: name } }),
        (d) => ({ ok: true, id: (d.createTeam?.team as { id: string }).id }),
      ),
    addTeamMembers: async (teamId, memberIds) =>
      outcome(await call('mutation ($input: TeamMembersInput!) { addTeamMembers(input: $input) { changed } }', { input: { teamId, memberIds } }), (d) => ({
        ok: true,
        changed: Number(d.addTeamMembers?.changed),
      })),
    teamSize: async (teamId) =>
      ((await call('query ($id: ID!) { team(id: $id) { memberCount } }', { id: teamId })).data?.team as { memberCount: number }).memberCount,
  };
}

async function scimDoor(): Promise<Door> {
  const em = orm.em.fork();
  const organization = await makeOrganization(em);
  const group = await makeGroup(em, organization, { kind: GroupKind.SCIM });
  const { token } = await makeScimToken(em, group);
  const [outsider] = await makeMembers(em, await makeGroup(em, organization, { kind: GroupKind.SCIM }), 1, 'outsider');
  const send = scimClient(app.baseUrl, token);
  const base = `/scim/v2/${group.id}`;
  const outcome = (response: Awaited<ReturnType<typeof send>>, ok: Outcome): Outcome =>
    response.status < 300 ? ok : { ok: false, reason: scimReason(response.status, response.body) };
  return {
    groupId: group.id,
    outsider: outsider!.id,
    createMember: async (userName) => {
      const response = await send('POST', `${base}/Users`, { userName });
      return outcome(response, { ok: true, id: String(response.body.id) });
    },
    setActive: async (id, active) =>
      outcome(await send('PATCH', `${base}/Users/${id}`, { Operations: [{ op: 'replace', path: 'active', value: active }] }), { ok: true }),
    isListed: async (id) => JSON.stringify((await send('GET', `${base}/Users?count=200`)).body).includes(id),
    createTeam: async (name) => {
      const response = await send('POST', `${base}/Groups`, { displayName: name });
      return outcome(response, { ok: true, id: String(response.body.id) });
    },
    addTeamMembers: async (teamId, memberIds) =>
      outcome(await send('PATCH', `${base}/Groups/${teamId}`, { Operations: [{ op: 'add', path: 'members', value: memberIds.map((value) => ({ value })) }] }), {
        ok: true,
      }),
    teamSize: async (teamId) => ((await send('GET', `${base}/Groups/${teamId}`)).body.members as unknown[]).length,
  };
}

function expectRefused(outcome: Outcome, door: 'graphql' | 'scim', reason: string): void {
  expect(outcome).toEqual({ ok: false, reason: door === 'graphql' ? reason : sameRule[reason] });
}

const eventsOf = (groupId: string, action: string) => orm.em.fork().count(ActivityEvent, { groupId, action });

describe.each([
  ['graphql', graphqlDoor],
  ['scim', scimDoor],
] as const)('through %s', (name, open) => {
  it('a userName taken in any letter case is refused', async () => {
    const door = await open();
    expect((await door.createMember('Same@Example.com')).ok).toBe(true);
    expectRefused(await door.createMember('same@EXAMPLE.com'), name, 'MEMBER_USERNAME_TAKEN');
  });

  it('text with a NUL character is refused and nothing is written', async () => {
    const door = await open();
    expectRefused(await door.createMember('nul\u0000byte'), name, 'VALIDATION_FAILED');
    expect(await eventsOf(door.groupId, 'member.created')).toBe(0);
  });

  it('a deactivated member stays listed', async () => {
    const door = await open();
    const created = await door.createMember('sleepy@example.com');
    const id = created.ok ? (created.id ?? '') : '';
    expect((await door.setActive(id, false)).ok).toBe(true);
    expect(await door.isListed(id)).toBe(true);
    expect(await eventsOf(door.groupId, 'member.deactivated')).toBe(1);
  });

  it('adding a member already in the team changes nothing and records nothing', async () => {
    const door = await open();
    const member = await door.createMember('twice@example.com');
    const team = await door.createTeam('Twice');
    const [memberId, teamId] = [member.ok ? (member.id ?? '') : '', team.ok ? (team.id ?? '') : ''];
    await door.addTeamMembers(teamId, [memberId]);
    expect((await door.addTeamMembers(teamId, [memberId])).ok).toBe(true);
    expect(await door.teamSize(teamId)).toBe(1);
    expect(await eventsOf(door.groupId, 'team.members_added')).toBe(1);
  });

  it('a member of another group cannot join a team, and nothing of the batch is added', async () => {
    const door = await open();
    const member = await door.createMember('insider@example.com');
    const team = await door.createTeam('Closed');
    const teamId = team.ok ? (team.id ?? '') : '';
    expectRefused(await door.addTeamMembers(teamId, [member.ok ? (member.id ?? '') : '', door.outsider]), name, 'TEAM_MEMBER_NOT_IN_GROUP');
    expect(await door.teamSize(teamId)).toBe(0);
  });

  it('team names are unique in the group in any letter case', async () => {
    const door = await open();
    expect((await door.createTeam('Night Shift')).ok).toBe(true);
    expectRefused(await door.createTeam('NIGHT SHIFT'), name, 'TEAM_NAME_TAKEN');
  });
});
