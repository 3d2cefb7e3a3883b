import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupKind } from '../../src/domain/groups/group.entity.js';
import { AdminRole } from '../../src/domain/shared/actor.js';
import { makeAdmin, makeGroup, makeMembers, makeOrganization, makeScimToken } from '../factories/domain.js';
import { createTestOrm } from '../support/database.js';
import { eventsOf, servicesFor } from '../support/services.js';

let orm: MikroORM;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ orm, close } = await createTestOrm());
});
afterAll(() => close());

/** One group's member page, through the batched query GraphQL uses. */
async function pageOf(groupId: string, filter: { search?: string; active?: boolean }, page: { first?: number; after?: string | null }) {
  return (await servicesFor(orm).members.listOfGroups([groupId], filter, page)).get(groupId)!;
}

async function standardGroup() {
  const organization = await makeOrganization(orm.em.fork());
  const { actor } = await makeAdmin(orm.em.fork(), organization);
  const group = await makeGroup(orm.em.fork(), organization);
  return { organization, actor, group };
}

describe('MemberService', () => {
  it('creates a member with every attribute and records who did it', async () => {
    const { organization, actor, group } = await standardGroup();
    const member = await servicesFor(orm).members.create(actor, group.id, {
      userName: 'ada@example.com',
      externalId: 'okta-1',
      givenName: 'Ada',
      familyName: 'Lovelace',
      emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
      department: 'Engineering',
      manager: { value: 'boss-id' },
      extensions: { 'urn:example:params:scim:schemas:extension:custom:2.0:User': { badge: '7' } },
    });
    expect(member).toMatchObject({ userName: 'ada@example.com', active: true, department: 'Engineering', version: 1 });
    const [event] = await eventsOf(orm, organization.id);
    expect(event).toMatchObject({ action: 'member.created', targetId: member.id, targetLabel: 'ada@example.com' });
    expect(event?.changes).toMatchObject({ userName: { before: null, after: 'ada@example.com' }, department: { before: null, after: 'Engineering' } });
  });

  it('keeps userName unique per group case-insensitively, and externalId unique per group', async () => {
    const { actor, group } = await standardGroup();
    await servicesFor(orm).members.create(actor, group.id, { userName: 'Bob@Example.com', externalId: 'x1' });
    await expect(servicesFor(orm).members.create(actor, group.id, { userName: 'bob@example.COM' })).rejects.toMatchObject({
      code: 'MEMBER_USERNAME_TAKEN',
      field: 'userName',
    });
    await expect(servicesFor(orm).members.create(actor, group.id, { userName: 'other', externalId: 'x1' })).rejects.toMatchObject({
      code: 'MEMBER_EXTERNAL_ID_TAKEN',
    });
    const other = await makeGroup(orm.em.fork(), group.organization);
    await expect(servicesFor(orm).members.create(actor, other.id, { userName: 'bob@example.com', externalId: 'x1' })).resolves.toBeDefined();
  });

  it('updates only what changed, bumps the version, and records the before and after', async () => {
    const { organization, actor, group } = await standardGroup();
    const member = await servicesFor(orm).members.create(actor, group.id, { userName: 'cy', title: 'Intern' });
    const updated = await servicesFor(orm).members.update(actor, member.id, { title: 'Engineer', givenName: 'Cy' });
    expect(updated).toMatchObject({ title: 'Engineer', givenName: 'Cy', version: 2 });
    const unchanged = await servicesFor(orm).members.update(actor, member.id, { title: 'Engineer' });
    expect(unchanged.version).toBe(2);
    const events = await eventsOf(orm, organization.id);
    expect(events.map((e) => e.action)).toEqual(['member.created', 'member.updated']);
    expect(events[1]?.changes).toEqual({ title: { before: 'Intern', after: 'Engineer' }, givenName: { before: null, after: 'Cy' } });
  });

  it('loses no SCIM change to one committed while it ran: the optimistic write sees the new version and retries with the row locked', async () => {
    const organization = await makeOrganization(orm.em.fork());
    const group = await makeGroup(orm.em.fork(), organization, { kind: GroupKind.SCIM });
    const { actor } = await makeScimToken(orm.em.fork(), group);
    const members = servicesFor(orm).members;
    const member = await members.create(actor, group.id, { userName: 'race@example.com', title: 'Analyst' });
    // Another writer holds the row, changed but not committed, while the token's change starts.
    const knex = orm.em.getConnection().getKnex();
    const other = await knex.transaction();
    await other.raw("update member set nick_name = 'Ada', version = version + 1 where id = ?", [member.id]);
    const racing = members.update(actor, member.id, { title: 'Engineer' });
    // The token's statement waits on the row, then applies its change to what was committed.
    const waiting = async () => {
      const result: { rows: { n: number }[] } = await knex.raw("select count(*)::int as n from pg_locks where not granted and locktype = 'transactionid'");
      return result.rows[0]?.n;
    };
    await expect.poll(waiting).toBe(1);
    await other.commit();
    const after = await racing;
    expect(after).toMatchObject({ title: 'Engineer', nickName: 'Ada', version: 3 });
    const events = (await eventsOf(orm, organization.id)).filter((event) => event.targetId === member.id && event.action === 'member.updated');
    expect(events.map((event) => event.changes)).toEqual([{ title: { before: 'Analyst', after: 'Engineer' } }]);
  });

  it('deactivates without removing: the member stays readable and listed', async () => {
    const { organization, actor, group } = await standardGroup();
    const member = await servicesFor(orm).members.create(actor, group.id, { userName: 'dee' });
    await servicesFor(orm).members.setActive(actor, member.id, false);
    expect((await servicesFor(orm).members.find(actor, member.id))?.active).toBe(false);
    expect((await pageOf(group.id, { active: false }, {})).items.map((m) => m.userName)).toEqual(['dee']);
    await servicesFor(orm).members.setActive(actor, member.id, true);
    expect((await eventsOf(orm, organization.id)).map((e) => e.action)).toEqual(['member.created', 'member.deactivated', 'member.reactivated']);
  });

  it('deletes a member, after which the userName can be used again', async () => {
    const { actor, group } = await standardGroup();
    const member = await servicesFor(orm).members.create(actor, group.id, { userName: 'eve' });
    await servicesFor(orm).members.delete(actor, member.id);
    expect(await servicesFor(orm).members.find(actor, member.id)).toBeNull();
    await expect(servicesFor(orm).members.delete(actor, member.id)).rejects.toMatchObject({ code: 'MEMBER_NOT_FOUND' });
    await expect(servicesFor(orm).members.create(actor, group.id, { userName: 'EVE' })).resolves.toBeDefined();
  });

  it('leaves SCIM groups to their identity provider: admins get GROUP_SCIM_MANAGED, the token may write', async () => {
    const organization = await makeOrganization(orm.em.fork());
    const { actor: admin } = await makeAdmin(orm.em.fork(), organization);
    const { actor: viewer } = await makeAdmin(orm.em.fork(), organization, AdminRole.VIEWER);
    const group = await makeGroup(orm.em.fork(), organization, { kind: GroupKind.SCIM });
    const { actor: token } = await makeScimToken(orm.em.fork(), group);
    await expect(servicesFor(orm).members.create(admin, group.id, { userName: 'x' })).rejects.toMatchObject({
      code: 'GROUP_SCIM_MANAGED',
      message: expect.stringContaining('identity provider'),
    });
    await expect(servicesFor(orm).members.create(viewer, group.id, { userName: 'x' })).rejects.toMatchObject({ code: 'AUTH_FORBIDDEN' });
    const member = await servicesFor(orm).members.create(token, group.id, { userName: 'x' });
    await expect(servicesFor(orm).members.update(admin, member.id, { title: 'y' })).rejects.toMatchObject({ code: 'GROUP_SCIM_MANAGED' });
    const [event] = (await eventsOf(orm, organization.id)).filter((e) => e.action === 'member.created');
    expect(event).toMatchObject({ actorType: 'SCIM_TOKEN', actorId: token.tokenId, actorLabel: 'Okta' });
  });

  it('confines a SCIM token to its own group', async () => {
    const organization = await makeOrganization(orm.em.fork());
    const [mine, other] = [
      await makeGroup(orm.em.fork(), organization, { kind: GroupKind.SCIM }),
      await makeGroup(orm.em.fork(), organization, { kind: GroupKind.SCIM }),
    ];
    const { actor: token } = await makeScimToken(orm.em.fork(), mine);
    const [foreignMember] = await makeMembers(orm.em.fork(), other, 1);
    expect(await servicesFor(orm).members.find(token, foreignMember!.id)).toBeNull();
    await expect(servicesFor(orm).members.create(token, other.id, { userName: 'x' })).rejects.toMatchObject({ code: 'GROUP_NOT_FOUND' });
    await expect(servicesFor(orm).members.delete(token, foreignMember!.id)).rejects.toMatchObject({ code: 'MEMBER_NOT_FOUND' });
    await expect(servicesFor(orm).groups.list(token, {}, {})).rejects.toMatchObject({ code: 'AUTH_FORBIDDEN' });
  });

  it('pages through members by userName and searches names and emails literally', async () => {
    const { actor, group } = await standardGroup();
    await makeMembers(orm.em.fork(), group, 25);
    await servicesFor(orm).members.create(actor, group.id, { userName: 'zed', givenName: '100%_real', emails: [{ value: 'zed@corp.example', type: 'work' }] });
    const names: string[] = [];
    let after: string | null = null;
    do {
      const page = await pageOf(group.id, {}, { first: 7, after });
      names.push(...page.items.map((m) => m.userName));
      after = page.hasNextPage ? (page.cursors.at(-1) ?? null) : null;
    } while (after);
    expect(names).toHaveLength(26);
    expect(new Set(names).size).toBe(26);
    expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect((await pageOf(group.id, { search: '%_' }, {})).items.map((m) => m.userName)).toEqual(['zed']);
    expect((await pageOf(group.id, { search: 'CORP.example' }, {})).items.map((m) => m.userName)).toEqual(['zed']);
    expect((await servicesFor(orm).members.countOfGroups([group.id], { search: 'user0001' })).get(group.id)).toBe(10);
  });

  it('refuses invalid attributes with the field named, writing nothing', async () => {
    const { organization, actor, group } = await standardGroup();
    await expect(servicesFor(orm).members.create(actor, group.id, { userName: '' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'userName' });
    await expect(servicesFor(orm).members.create(actor, group.id, { userName: 'u'.repeat(257) })).rejects.toMatchObject({ field: 'userName' });
    const emails = Array.from({ length: 21 }, (_, i) => ({ value: `e${i}@x.example` }));
    await expect(servicesFor(orm).members.create(actor, group.id, { userName: 'many', emails })).rejects.toMatchObject({
      field: 'emails',
      message: 'emails may have at most 20 entries (got 21).',
    });
    await expect(servicesFor(orm).members.create(actor, group.id, { userName: 'nul\u0000' })).rejects.toMatchObject({ field: 'userName' });
    expect(await eventsOf(orm, organization.id)).toEqual([]);
  });
});
