import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityEvent } from '../../src/domain/activity/activity-event.entity.js';
import { GroupKind } from '../../src/domain/groups/group.entity.js';
import type { MemberAttributes } from '../../src/domain/members/member.values.js';
import { makeGroup, makeOrganization, makeScimToken } from '../factories/domain.js';
import { createTestOrm } from '../support/database.js';
import { servicesFor } from '../support/services.js';

/**
 * A SCIM token's changes without a precondition are one statement whose activity entry
 * PostgreSQL computes (member.statements.ts); with If-Match they go through the services' own
 * diff. Both must record exactly the same thing.
 */
let orm: MikroORM;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ orm, close } = await createTestOrm());
});
afterAll(() => close());

const everything: MemberAttributes = {
  userName: 'Ada@Example.com',
  externalId: 'okta-1',
  givenName: 'Ada',
  familyName: 'Lovelace',
  middleName: 'King',
  honorificPrefix: 'Lady',
  honorificSuffix: 'II',
  formattedName: 'Lady Ada King Lovelace II',
  displayName: 'Ada Lovelace',
  nickName: 'Ada',
  profileUrl: 'https://example.com/ada',
  title: 'Analyst',
  userType: 'Employee',
  preferredLanguage: 'en-GB',
  locale: 'en-GB',
  timezone: 'Europe/London',
  active: true,
  emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
  phoneNumbers: [{ value: '+44 20 7946 0000', type: 'work' }],
  addresses: [{ locality: 'London', country: 'GB', type: 'work', primary: true }],
  employeeNumber: '1815',
  costCenter: 'R&D',
  organization: 'Analytical Engines',
  division: 'Mathematics',
  department: 'Engines',
  manager: { value: 'babbage', displayName: 'Charles Babbage' },
  extensions: { 'urn:example:params:scim:schemas:extension:custom:2.0:User': { badge: '7', floors: [1, 2] } },
  otherAttributes: { roles: [{ value: 'countess' }] },
};

const changed: Partial<MemberAttributes> = {
  userName: 'ada.lovelace@example.com',
  title: 'Mathematician',
  nickName: null,
  active: false,
  emails: [{ value: 'ada.lovelace@example.com', type: 'work', primary: true }],
  organization: 'Royal Society',
  manager: null,
  // Same object, other key order: jsonb and the services' diff both ignore the order.
  extensions: { 'urn:example:params:scim:schemas:extension:custom:2.0:User': { floors: [1, 2], badge: '7' } },
};

async function scimGroup() {
  const em = orm.em.fork();
  const group = await makeGroup(em, await makeOrganization(em), { kind: GroupKind.SCIM });
  return (await makeScimToken(orm.em.fork(), group)).actor;
}

async function lastEvent(targetId: string) {
  const [event] = await orm.em.fork().find(ActivityEvent, { targetId }, { orderBy: { id: 'desc' }, limit: 1 });
  return { action: event?.action, changes: event?.changes };
}

describe('activity entries of single-statement member writes', () => {
  it('are the same for an update, a no-op update and a delete as the services compute them', async () => {
    const actor = await scimGroup();
    const services = servicesFor(orm).members;
    const [one, other] = [
      await services.create(actor, actor.groupId, everything),
      await services.create(actor, actor.groupId, { ...everything, userName: 'twin@example.com', externalId: 'okta-2' }),
    ];
    const always = { ifMatch: () => true };

    const direct = await services.update(actor, one.id, changed);
    await services.update(actor, other.id, { ...changed, userName: 'twin2@example.com' }, always);
    const [viaSql, viaDiff] = [await lastEvent(one.id), await lastEvent(other.id)];
    expect(viaSql.action).toBe('member.deactivated');
    expect(viaSql).toEqual({ ...viaDiff, changes: { ...viaDiff.changes, userName: { before: 'Ada@Example.com', after: 'ada.lovelace@example.com' } } });
    expect(viaSql.changes).not.toHaveProperty('extensions');
    expect(direct).toMatchObject({ version: 2, active: false, title: 'Mathematician', nickName: null, enterpriseOrganization: 'Royal Society', teams: [] });

    // Nothing changes: nothing is written, no event, same version.
    const again = await services.update(actor, one.id, { title: 'Mathematician' });
    expect(again.version).toBe(2);
    expect((await lastEvent(one.id)).action).toBe('member.deactivated');

    await services.delete(actor, one.id);
    await services.delete(actor, other.id, always);
    const [deletedSql, deletedDiff] = [await lastEvent(one.id), await lastEvent(other.id)];
    expect(deletedSql.action).toBe('member.deleted');
    expect({ ...deletedSql.changes, userName: null, externalId: null }).toEqual({ ...deletedDiff.changes, userName: null, externalId: null });
    expect(Object.keys(deletedSql.changes ?? {}).sort()).toEqual(Object.keys(deletedDiff.changes ?? {}).sort());
  });
});
