import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupKind, type Group } from '../../src/domain/groups/group.entity.js';
import type { Condition } from '../../src/domain/shared/condition.js';
import type { ScimTokenActor } from '../../src/domain/shared/actor.js';
import { makeGroup, makeOrganization, makeScimToken } from '../factories/domain.js';
import { createTestOrm } from '../support/database.js';
import { servicesFor } from '../support/services.js';

let orm: MikroORM;
let close: () => Promise<void>;
let group: Group;
let actor: ScimTokenActor;

beforeAll(async () => {
  ({ orm, close } = await createTestOrm());
  const organization = await makeOrganization(orm.em.fork());
  group = await makeGroup(orm.em.fork(), organization, { kind: GroupKind.SCIM });
  ({ actor } = await makeScimToken(orm.em.fork(), group));
  const people = [
    {
      userName: 'Ada@Example.com',
      givenName: 'Ada',
      emails: [
        { value: 'ada@work.example', type: 'work', primary: true },
        { value: 'ada@home.example', type: 'home' },
      ],
      department: 'R&D',
      active: true,
    },
    {
      userName: 'bob@example.com',
      givenName: 'Bob',
      emails: [{ value: 'bob@home.example', type: 'home' }],
      department: 'Sales',
      active: false,
      externalId: 'EXT-1',
    },
    { userName: '50%_off\\deal', givenName: 'Wild', emails: [], title: 'Deals', active: true, manager: { value: 'boss-1' } },
    { userName: 'cy@example.com', givenName: null, emails: [{ value: 'cy@work.example', type: 'work' }], active: true },
  ];
  for (const person of people) await servicesFor(orm).members.create(actor, group.id, person);
});
afterAll(() => close());

const compare = (field: string, op: 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt', value: string | boolean | null): Condition => ({
  kind: 'compare',
  op,
  field,
  value,
});

async function userNames(
  condition: Condition | null,
  extra: Partial<{ startIndex: number; count: number; sortBy: string; descending: boolean }> = {},
): Promise<string[]> {
  const { items } = await servicesFor(orm).members.search(actor, group.id, { condition, startIndex: 1, count: 100, ...extra });
  return items.map((m) => m.userName);
}

describe('MemberService.search (conditions compiled to SQL)', () => {
  it('matches userName case-insensitively and externalId exactly', async () => {
    expect(await userNames(compare('userName', 'eq', 'ADA@EXAMPLE.COM'))).toEqual(['Ada@Example.com']);
    expect(await userNames(compare('externalId', 'eq', 'ext-1'))).toEqual([]);
    expect(await userNames(compare('externalId', 'eq', 'EXT-1'))).toEqual(['bob@example.com']);
  });

  it('matches LIKE wildcards and backslashes literally', async () => {
    expect(await userNames(compare('userName', 'co', '%_'))).toEqual(['50%_off\\deal']);
    expect(await userNames(compare('userName', 'sw', '50%'))).toEqual(['50%_off\\deal']);
    expect(await userNames(compare('userName', 'ew', '\\deal'))).toEqual(['50%_off\\deal']);
    expect(await userNames(compare('userName', 'co', '_'))).toEqual(['50%_off\\deal']);
  });

  it('finds members by an element of a multi-valued attribute (Entra\'s emails[type eq "work"].value)', async () => {
    const workEmail = (value: string): Condition => ({
      kind: 'any',
      field: 'emails',
      condition: { kind: 'and', left: compare('type', 'eq', 'work'), right: compare('value', 'eq', value) },
    });
    expect(await userNames(workEmail('ADA@work.example'))).toEqual(['Ada@Example.com']);
    expect(await userNames(workEmail('ada@home.example'))).toEqual([]);
    expect(await userNames(compare('emails', 'co', 'home.example'))).toEqual(['Ada@Example.com', 'bob@example.com']);
    expect(await userNames({ kind: 'present', field: 'emails' })).toEqual(['Ada@Example.com', 'bob@example.com', 'cy@example.com']);
  });

  it('combines with and, or, not; a missing value never matches, and not() of it does', async () => {
    expect(await userNames({ kind: 'and', left: compare('active', 'eq', true), right: compare('department', 'eq', 'r&d') })).toEqual(['Ada@Example.com']);
    expect(await userNames({ kind: 'or', left: compare('active', 'eq', false), right: { kind: 'present', field: 'title' } })).toEqual([
      'bob@example.com',
      '50%_off\\deal',
    ]);
    expect(await userNames({ kind: 'not', condition: compare('givenName', 'eq', 'ada') })).toEqual(['bob@example.com', '50%_off\\deal', 'cy@example.com']);
    expect(await userNames(compare('givenName', 'ne', 'Ada'))).toEqual(['bob@example.com', '50%_off\\deal', 'cy@example.com']);
    expect(await userNames(compare('givenName', 'eq', null))).toEqual(['cy@example.com']);
    expect(await userNames(compare('active', 'eq', 'False'))).toEqual(['bob@example.com']);
    expect(await userNames(compare('managerId', 'eq', 'boss-1'))).toEqual(['50%_off\\deal']);
    expect(await userNames(compare('id', 'eq', 'not-a-uuid'))).toEqual([]);
    expect(await userNames(compare('createdAt', 'gt', '2000-01-01T00:00:00Z'))).toHaveLength(4);
  });

  it('refuses unknown fields and mistyped values, naming them', async () => {
    await expect(userNames(compare('shoeSize', 'eq', '42'))).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: '"shoeSize" cannot be filtered on.' });
    await expect(userNames(compare('active', 'eq', 'maybe'))).rejects.toMatchObject({ message: '"active" is a boolean: compare it with true or false.' });
    await expect(userNames(compare('createdAt', 'gt', 'yesterday'))).rejects.toMatchObject({ message: expect.stringContaining('ISO 8601') });
    await expect(userNames(compare('active', 'gt', true))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('pages by index in a stable order, sorts on request, and reports the total', async () => {
    const all = await userNames(null);
    expect(all).toHaveLength(4);
    const paged = [...(await userNames(null, { startIndex: 1, count: 2 })), ...(await userNames(null, { startIndex: 3, count: 2 }))];
    expect(paged).toEqual(all);
    expect(await userNames(null, { startIndex: 5, count: 2 })).toEqual([]);
    expect(await userNames(null, { sortBy: 'userName' })).toEqual(['50%_off\\deal', 'Ada@Example.com', 'bob@example.com', 'cy@example.com']);
    expect(await userNames(null, { sortBy: 'userName', descending: true })).toEqual(['cy@example.com', 'bob@example.com', 'Ada@Example.com', '50%_off\\deal']);
    const { total, items } = await servicesFor(orm).members.search(actor, group.id, { condition: compare('active', 'eq', true), startIndex: 1, count: 0 });
    expect([total, items]).toEqual([3, []]);
    await expect(userNames(null, { sortBy: 'password' })).rejects.toMatchObject({ field: 'sortBy' });
  });
});
