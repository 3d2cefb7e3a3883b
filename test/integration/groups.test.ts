import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupKind } from '../../src/domain/groups/group.entity.js';
import { Member } from '../../src/domain/members/member.entity.js';
import { OrganizationPlan } from '../../src/domain/organizations/organization.entity.js';
import { AdminRole } from '../../src/domain/shared/actor.js';
import { ScimToken } from '../../src/domain/scim-tokens/scim-token.entity.js';
import { makeAdmin, makeGroup, makeMembers, makeOrganization, makeScimToken } from '../factories/domain.js';
import { createTestOrm } from '../support/database.js';
import { eventsOf, servicesFor } from '../support/services.js';

let orm: MikroORM;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ orm, close } = await createTestOrm());
});
afterAll(() => close());

describe('GroupService', () => {
  it('creates a group and records exactly one event with the admin as actor', async () => {
    const organization = await makeOrganization(orm.em.fork());
    const { actor } = await makeAdmin(orm.em.fork(), organization);
    const group = await servicesFor(orm).groups.create(actor, { name: '  Staff  ', kind: GroupKind.STANDARD });
    expect(group).toMatchObject({ name: 'Staff', kind: GroupKind.STANDARD });
    const events = await eventsOf(orm, organization.id);
    expect(events.map((e) => [e.action, e.actorType, e.actorLabel, e.targetId, e.requestId])).toEqual([
      ['group.created', 'ADMIN', actor.email, group.id, 'test-request'],
    ]);
    expect(events[0]?.changes).toEqual({ name: { before: null, after: 'Staff' }, kind: { before: null, after: 'STANDARD' } });
  });

  it('refuses a second group with the same name in any letter case, and records nothing for it', async () => {
    const organization = await makeOrganization(orm.em.fork());
    const { actor } = await makeAdmin(orm.em.fork(), organization);
    await servicesFor(orm).groups.create(actor, { name: 'Visitors', kind: GroupKind.STANDARD });
    await expect(servicesFor(orm).groups.create(actor, { name: 'VISITORS', kind: GroupKind.STANDARD })).rejects.toMatchObject({
      code: 'GROUP_NAME_TAKEN',
      field: 'name',
    });
    expect(await eventsOf(orm, organization.id)).toHaveLength(1);
  });

  it('lets two organizations use the same group name', async () => {
    const [a, b] = [await makeOrganization(orm.em.fork()), await makeOrganization(orm.em.fork())];
    await servicesFor(orm).groups.create((await makeAdmin(orm.em.fork(), a)).actor, { name: 'Staff', kind: GroupKind.STANDARD });
    await expect(servicesFor(orm).groups.create((await makeAdmin(orm.em.fork(), b)).actor, { name: 'Staff', kind: GroupKind.STANDARD })).resolves.toBeDefined();
  });

  it('answers concurrent creates of one name with one group and GROUP_NAME_TAKEN for the rest', async () => {
    const organization = await makeOrganization(orm.em.fork());
    const { actor } = await makeAdmin(orm.em.fork(), organization);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => servicesFor(orm).groups.create(actor, { name: 'Race', kind: GroupKind.STANDARD })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) expect(r.reason).toMatchObject({ code: 'GROUP_NAME_TAKEN' });
    expect(await eventsOf(orm, organization.id)).toHaveLength(1);
  });

  it('needs the PRO plan for SCIM groups', async () => {
    const free = await makeOrganization(orm.em.fork(), { plan: OrganizationPlan.FREE, name: 'Freebie' });
    const { actor } = await makeAdmin(orm.em.fork(), free);
    await expect(servicesFor(orm).groups.create(actor, { name: 'Okta', kind: GroupKind.SCIM })).rejects.toMatchObject({
      code: 'PLAN_REQUIRED',
      message: expect.stringContaining('SCIM groups need the PRO plan'),
    });
    await expect(servicesFor(orm).groups.create(actor, { name: 'Plain', kind: GroupKind.STANDARD })).resolves.toBeDefined();
  });

  it('lets VIEWERs read but not write', async () => {
    const organization = await makeOrganization(orm.em.fork());
    const { actor: viewer } = await makeAdmin(orm.em.fork(), organization, AdminRole.VIEWER);
    const group = await makeGroup(orm.em.fork(), organization);
    await expect(servicesFor(orm).groups.create(viewer, { name: 'Nope', kind: GroupKind.STANDARD })).rejects.toMatchObject({ code: 'AUTH_FORBIDDEN' });
    await expect(servicesFor(orm).groups.rename(viewer, group.id, 'Nope')).rejects.toMatchObject({ code: 'AUTH_FORBIDDEN' });
    expect((await servicesFor(orm).groups.find(viewer, group.id))?.id).toBe(group.id);
  });

  it("treats another organization's group exactly like an unknown id", async () => {
    const [mine, theirs] = [await makeOrganization(orm.em.fork()), await makeOrganization(orm.em.fork())];
    const { actor } = await makeAdmin(orm.em.fork(), mine);
    const foreign = await makeGroup(orm.em.fork(), theirs, { name: 'Secret' });
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const id of [foreign.id, unknown, 'not-a-uuid']) {
      expect(await servicesFor(orm).groups.find(actor, id)).toBeNull();
      await expect(servicesFor(orm).groups.rename(actor, id, 'Mine now')).rejects.toMatchObject({
        code: 'GROUP_NOT_FOUND',
        message: `No group with id "${id}".`,
      });
      await expect(servicesFor(orm).groups.delete(actor, id)).rejects.toMatchObject({ code: 'GROUP_NOT_FOUND' });
    }
    expect((await servicesFor(orm).groups.find((await makeAdmin(orm.em.fork(), theirs)).actor, foreign.id))?.name).toBe('Secret');
  });

  it('lists by name with keyset pages that neither repeat nor skip, filtered by kind and literal search', async () => {
    const organization = await makeOrganization(orm.em.fork());
    const { actor } = await makeAdmin(orm.em.fork(), organization);
    for (const name of ['b', 'A', 'c', 'D', '50%_off', '50 percent'])
      await makeGroup(orm.em.fork(), organization, { name, kind: name === 'c' ? GroupKind.SCIM : GroupKind.STANDARD });
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await servicesFor(orm).groups.list(actor, {}, { first: 2, after });
      seen.push(...page.items.map((g) => g.name));
      if (!page.hasNextPage) break;
      after = page.cursors.at(-1) ?? null;
    }
    expect(seen).toEqual(['50 percent', '50%_off', 'A', 'b', 'c', 'D']);
    expect((await servicesFor(orm).groups.list(actor, { search: '%_' }, {})).items.map((g) => g.name)).toEqual(['50%_off']);
    expect((await servicesFor(orm).groups.list(actor, { kind: GroupKind.SCIM }, {})).items.map((g) => g.name)).toEqual(['c']);
    expect(await servicesFor(orm).groups.count(actor, { search: '50' })).toBe(2);
    await expect(servicesFor(orm).groups.list(actor, {}, { after: 'garbage' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'after' });
  });

  it('deletes a group with its members, teams and tokens, and keeps the story in the log', async () => {
    const organization = await makeOrganization(orm.em.fork());
    const { actor } = await makeAdmin(orm.em.fork(), organization);
    const group = await makeGroup(orm.em.fork(), organization, { kind: GroupKind.SCIM, name: 'Okta people' });
    await makeMembers(orm.em.fork(), group, 3);
    await makeScimToken(orm.em.fork(), group);
    await servicesFor(orm).groups.delete(actor, group.id);
    const em = orm.em.fork();
    expect(await em.count(Member, { group: group.id })).toBe(0);
    expect(await em.count(ScimToken, { group: group.id })).toBe(0);
    const [event] = (await servicesFor(orm).activity.listOfGroups(actor, [group.id], {})).get(group.id)!.items;
    expect(event).toMatchObject({
      action: 'group.deleted',
      targetLabel: 'Okta people',
      changes: { members: { before: 3, after: 0 }, tokens: { before: 1, after: 0 } },
    });
  });

  it('refuses empty and overlong names and unstorable text', async () => {
    const organization = await makeOrganization(orm.em.fork());
    const { actor } = await makeAdmin(orm.em.fork(), organization);
    await expect(servicesFor(orm).groups.create(actor, { name: '   ', kind: GroupKind.STANDARD })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'name must not be empty.',
    });
    await expect(servicesFor(orm).groups.create(actor, { name: 'x'.repeat(201), kind: GroupKind.STANDARD })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'name',
    });
    await expect(servicesFor(orm).groups.create(actor, { name: 'a\u0000b', kind: GroupKind.STANDARD })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(servicesFor(orm).groups.create(actor, { name: 'a\uD800b', kind: GroupKind.STANDARD })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
