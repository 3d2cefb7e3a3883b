import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupKind } from '../../src/domain/groups/group.entity.js';
import { makeAdmin, makeGroup, makeMembers, makeOrganization, makeScimToken } from '../factories/domain.js';
import { createTestOrm } from '../support/database.js';
import { adminQuery } from '../support/database-server.js';
import { eventsOf, servicesFor } from '../support/services.js';

let orm: MikroORM;
let close: () => Promise<void>;
let url: string;
beforeAll(async () => {
  const test = await createTestOrm();
  ({ orm, close } = test);
  url = test.database.url;
});
afterAll(() => close());

async function scimSetup(memberCount: number) {
  const organization = await makeOrganization(orm.em.fork());
  const group = await makeGroup(orm.em.fork(), organization, { kind: GroupKind.SCIM });
  const { actor } = await makeScimToken(orm.em.fork(), group);
  const members = await makeMembers(orm.em.fork(), group, memberCount);
  const team = await servicesFor(orm).teams.create(actor, group.id, { displayName: 'Engineering', externalId: 'entra-obj-1' });
  return { organization, group, actor, members, team };
}

describe('TeamService', () => {
  it('treats membership as a set: adding twice is a no-op and records nothing the second time', async () => {
    const { organization, actor, members, team } = await scimSetup(3);
    const ids = members.map((m) => m.id);
    expect((await servicesFor(orm).teams.addMembers(actor, team.id, ids)).added).toBe(3);
    expect((await servicesFor(orm).teams.addMembers(actor, team.id, [ids[0]!, ids[0]!])).added).toBe(0);
    expect((await servicesFor(orm).teams.listMembers(actor, team.id, {})).items).toHaveLength(3);
    expect((await eventsOf(orm, organization.id)).map((e) => e.action)).toEqual(['team.created', 'team.members_added']);
  });

  it('removes exactly the given members and nobody else', async () => {
    const { actor, members, team } = await scimSetup(4);
    await servicesFor(orm).teams.addMembers(
      actor,
      team.id,
      members.map((m) => m.id),
    );
    expect((await servicesFor(orm).teams.removeMembers(actor, team.id, [members[1]!.id, members[3]!.id])).removed).toBe(2);
    expect((await servicesFor(orm).teams.listMembers(actor, team.id, {})).items.map((m) => m.id)).toEqual([members[0]!.id, members[2]!.id]);
  });

  it('never loses an update under concurrent additions to one team', async () => {
    const { actor, members, team } = await scimSetup(40);
    await Promise.all(members.map((m) => servicesFor(orm).teams.addMembers(actor, team.id, [m.id])));
    expect((await servicesFor(orm).teams.memberCounts([team.id])).get(team.id)).toBe(40);
  });

  it('refuses members of another group, adding none of the batch', async () => {
    const { organization, actor, members, team } = await scimSetup(2);
    const other = await makeGroup(orm.em.fork(), organization, { kind: GroupKind.SCIM });
    const [stranger] = await makeMembers(orm.em.fork(), other, 1, 'stranger');
    await expect(servicesFor(orm).teams.addMembers(actor, team.id, [members[0]!.id, stranger!.id])).rejects.toMatchObject({
      code: 'TEAM_MEMBER_NOT_IN_GROUP',
      message: expect.stringContaining(stranger!.id),
    });
    expect((await servicesFor(orm).teams.memberCounts([team.id])).get(team.id)).toBeUndefined();
  });

  it('has the database refuse a membership row joining two groups, whatever the code does', async () => {
    const { organization, members, team } = await scimSetup(1);
    const other = await makeGroup(orm.em.fork(), organization);
    await expect(
      adminQuery(url, 'insert into team_membership (team_id, member_id, group_id) values ($1, $2, $3)', [team.id, members[0]!.id, other.id]),
    ).rejects.toThrow(/foreign key/);
  });

  it('keeps displayName unique per group, case-insensitively', async () => {
    const { actor, group } = await scimSetup(0);
    await expect(servicesFor(orm).teams.create(actor, group.id, { displayName: 'ENGINEERING' })).rejects.toMatchObject({ code: 'TEAM_NAME_TAKEN' });
  });

  it('gives the teams of many members and the counts of many teams in one statement each', async () => {
    const { actor, group, members, team } = await scimSetup(3);
    const second = await servicesFor(orm).teams.create(actor, group.id, { displayName: 'Alpha' });
    await servicesFor(orm).teams.addMembers(actor, team.id, [members[0]!.id, members[1]!.id]);
    await servicesFor(orm).teams.addMembers(actor, second.id, [members[0]!.id]);
    const teams = await servicesFor(orm).teams.teamsOfMembers(members.map((m) => m.id));
    expect(teams.get(members[0]!.id)?.map((t) => t.displayName)).toEqual(['Alpha', 'Engineering']);
    expect(teams.get(members[2]!.id)).toBeUndefined();
    expect(Object.fromEntries(await servicesFor(orm).teams.memberCounts([team.id, second.id]))).toEqual({ [team.id]: 2, [second.id]: 1 });
  });

  it('refuses batches over the limit', async () => {
    const { actor, team } = await scimSetup(0);
    const ids = Array.from({ length: 1001 }, () => crypto.randomUUID());
    await expect(servicesFor(orm).teams.addMembers(actor, team.id, ids)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'memberIds' });
  });

  it('lets admins manage teams of STANDARD groups', async () => {
    const organization = await makeOrganization(orm.em.fork());
    const { actor } = await makeAdmin(orm.em.fork(), organization);
    const group = await makeGroup(orm.em.fork(), organization);
    const [member] = await makeMembers(orm.em.fork(), group, 1);
    const team = await servicesFor(orm).teams.create(actor, group.id, { displayName: 'Floor 3' });
    await servicesFor(orm).teams.addMembers(actor, team.id, [member!.id]);
    await servicesFor(orm).teams.update(actor, team.id, { displayName: 'Floor 4' });
    await servicesFor(orm).teams.delete(actor, team.id);
    expect(await servicesFor(orm).members.find(actor, member!.id)).not.toBeNull();
    expect((await eventsOf(orm, organization.id)).map((e) => e.action)).toEqual(['team.created', 'team.members_added', 'team.updated', 'team.deleted']);
  });
});
