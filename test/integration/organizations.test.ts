import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupKind } from '../../src/domain/groups/group.entity.js';
import { OrganizationPlan } from '../../src/domain/organizations/organization.entity.js';
import { AdminRole } from '../../src/domain/shared/actor.js';
import { sqlOf } from '../../src/db/sql.js';
import { makeAdmin } from '../factories/domain.js';
import { createTestOrm } from '../support/database.js';
import { eventsOf, servicesFor } from '../support/services.js';

let orm: MikroORM;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ orm, close } = await createTestOrm());
});
afterAll(() => close());

/** The operator's read models (list-organizations, list-admins); this file has a database of its own. */
describe('listing organizations and admins', () => {
  it('lists every organization oldest first with its admin count, and admins by organization and email without hashes', async () => {
    const { organizations } = servicesFor(orm);
    // createdAt has millisecond precision: a tick apart, so "oldest first" has one answer.
    const tick = () => new Promise((resolve) => setTimeout(resolve, 3));
    const zeta = await organizations.createOrganization('Zeta', OrganizationPlan.PRO);
    await tick();
    const alpha = await organizations.createOrganization('Alpha', OrganizationPlan.FREE);
    await tick();
    const empty = await organizations.createOrganization('Empty', OrganizationPlan.FREE);
    await organizations.createAdmin(zeta.id, 'owner@zeta.example', 'a long password 1', AdminRole.OWNER);
    await organizations.createAdmin(zeta.id, 'Bea@zeta.example', 'a long password 2', AdminRole.VIEWER);
    await organizations.createAdmin(alpha.id, 'ops@alpha.example', 'a long password 3', AdminRole.ADMIN);

    const listed = await servicesFor(orm).organizations.listOrganizations();
    expect(listed.map(({ name, plan, adminCount }) => ({ name, plan, adminCount }))).toEqual([
      { name: 'Zeta', plan: 'PRO', adminCount: 2 },
      { name: 'Alpha', plan: 'FREE', adminCount: 1 },
      { name: 'Empty', plan: 'FREE', adminCount: 0 },
    ]);
    expect(listed[2]).toMatchObject({ id: empty.id, createdAt: expect.any(Date) });

    const admins = await servicesFor(orm).organizations.listAdmins();
    expect(admins.map((a) => [a.organization.name, a.email, a.role])).toEqual([
      ['Alpha', 'ops@alpha.example', 'ADMIN'],
      ['Zeta', 'Bea@zeta.example', 'VIEWER'],
      ['Zeta', 'owner@zeta.example', 'OWNER'],
    ]);
    expect(JSON.stringify(admins)).not.toMatch(/scrypt|passwordHash/i);

    const ofZeta = await servicesFor(orm).organizations.listAdmins(zeta.id);
    expect(ofZeta.map((a) => a.email)).toEqual(['Bea@zeta.example', 'owner@zeta.example']);
    expect(await servicesFor(orm).organizations.listAdmins(empty.id)).toEqual([]);
  });

  it('refuses to list the admins of an organization that does not exist, malformed id or not', async () => {
    for (const id of ['nope', '00000000-0000-4000-8000-000000000000']) {
      await expect(servicesFor(orm).organizations.listAdmins(id)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        field: 'organization',
        message: `No organization with id "${id}".`,
      });
    }
  });
});

describe('deleting an organization', () => {
  it('deletes its activity log with it, and nothing of another organization', async () => {
    const { organizations, groups } = servicesFor(orm);
    const [leaving, staying] = [
      await organizations.createOrganization('Leaving', OrganizationPlan.PRO),
      await organizations.createOrganization('Staying', OrganizationPlan.PRO),
    ];
    for (const organization of [leaving, staying]) {
      const { actor } = await makeAdmin(orm.em.fork(), organization, AdminRole.OWNER);
      await groups.create(actor, { name: 'Staff', kind: GroupKind.STANDARD });
      await groups.create(actor, { name: 'Okta', kind: GroupKind.SCIM });
    }
    expect(await eventsOf(orm, leaving.id)).toHaveLength(2);

    // An operator's delete, as in psql: the log has no foreign key, a trigger takes its place.
    await sqlOf(orm).query('delete from organization where id = $1', [leaving.id]);
    expect(await eventsOf(orm, leaving.id)).toEqual([]);
    expect((await eventsOf(orm, staying.id)).map((event) => event.action)).toEqual(['group.created', 'group.created']);
  });
});
