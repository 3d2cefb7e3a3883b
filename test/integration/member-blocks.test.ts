import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlOf } from '../../src/db/sql.js';
import { GroupKind } from '../../src/domain/groups/group.entity.js';
import { MemberBlockCompactor } from '../../src/domain/members/member-block.compactor.js';
import { makeAdmin, makeGroup, makeMembers, makeOrganization, makeScimToken } from '../factories/domain.js';
import { createTestOrm, type TestDatabase } from '../support/database.js';
import { servicesFor } from '../support/services.js';

/**
 * Pages of a whole group in creation order come from the member blocks (counts per 1,024
 * creation numbers kept by triggers), not from OFFSET over every row before them. Whatever
 * wrote or removed the rows, they must be exactly what OFFSET would give.
 */
let orm: MikroORM;
let database: TestDatabase;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ orm, database, close } = await createTestOrm());
});
afterAll(() => close());

/** The same page the slow way: every row counted, OFFSET over those before it. */
async function reference(groupId: string, startIndex: number, count: number) {
  const rows = await sqlOf(orm).query<{ id: string }>('select id from member where group_id = $1 order by seq limit $2 offset $3', [
    groupId,
    count,
    startIndex - 1,
  ]);
  const [total] = await sqlOf(orm).query<{ n: string }>('select count(*) as n from member where group_id = $1', [groupId]);
  return { total: Number(total?.n), ids: rows.map((row) => row.id) };
}

async function page(actor: Parameters<ReturnType<typeof servicesFor>['members']['search']>[0], groupId: string, startIndex: number, count: number) {
  const { total, items } = await servicesFor(orm).members.search(actor, groupId, { condition: null, startIndex, count });
  return { total, ids: items.map((member) => member.id) };
}

describe('paging a whole group by member blocks', () => {
  it('answers every startIndex exactly as OFFSET would, across blocks, gaps and other groups', async () => {
    const em = orm.em.fork();
    const organization = await makeOrganization(em);
    const group = await makeGroup(em, organization, { kind: GroupKind.SCIM });
    const other = await makeGroup(em, organization, { kind: GroupKind.SCIM });
    const { actor } = await makeScimToken(orm.em.fork(), group);
    // Interleaved with another group's members, so the group's blocks are not full.
    for (let round = 0; round < 3; round++) {
      await makeMembers(orm.em.fork(), group, 900, `r${round}-`);
      await makeMembers(orm.em.fork(), other, 700, `o${round}-`);
    }
    // Gaps: every seventh member deleted, a run of them in the middle, through the service and in bulk.
    const ids = (await reference(group.id, 1, 10_000)).ids;
    for (const id of ids.filter((_, i) => i % 7 === 0).slice(0, 20)) await servicesFor(orm).members.delete(actor, id);
    await sqlOf(orm).query('delete from member where id = any($1::uuid[])', [ids.slice(1000, 1400)]);

    for (const [startIndex, count] of [
      [1, 100],
      [2, 7],
      [1020, 30],
      [1025, 100],
      [1500, 1000],
      [2270, 100],
      [2279, 5],
      [5000, 100],
    ] as const) {
      expect(await page(actor, group.id, startIndex, count), `startIndex ${startIndex}`).toEqual(await reference(group.id, startIndex, count));
    }
    expect((await page(actor, group.id, 1, 0)).total).toBe((await reference(group.id, 1, 0)).total);
  });

  it('keeps the counts right when several sessions write at once, after compaction, and when a group goes', async () => {
    const em = orm.em.fork();
    const organization = await makeOrganization(em);
    const { actor: admin } = await makeAdmin(orm.em.fork(), organization);
    const group = await makeGroup(em, organization, { kind: GroupKind.SCIM });
    const { actor } = await makeScimToken(orm.em.fork(), group);
    // Sixteen connections of their own, so the counts land on different shards.
    const clients = await Promise.all(
      Array.from({ length: 16 }, async () => {
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        return client;
      }),
    );
    try {
      await Promise.all(
        clients.map((client, c) =>
          client.query(
            `insert into member (id, organization_id, group_id, user_name) select gen_random_uuid(), $1, $2, 'c' || $3 || '-' || i from generate_series(1, 150) as i`,
            [organization.id, group.id, c],
          ),
        ),
      );
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
    const shards = await sqlOf(orm).query<{ n: string }>('select count(distinct shard) as n from member_block where group_id = $1', [group.id]);
    expect(Number(shards[0]?.n)).toBeGreaterThan(1);
    expect(await page(actor, group.id, 1101, 100)).toEqual(await reference(group.id, 1101, 100));

    await new MemberBlockCompactor(sqlOf(orm), {
      intervalMs: 1000,
      onError: (error) => {
        throw error;
      },
    }).compact();
    const after = await sqlOf(orm).query<{ shard: number }>('select shard from member_block where group_id = $1', [group.id]);
    expect(after.every((row) => row.shard === 0)).toBe(true);
    expect(await page(actor, group.id, 2351, 100)).toEqual(await reference(group.id, 2351, 100));
    expect((await servicesFor(orm).members.countOfGroups([group.id])).get(group.id)).toBe(2400);

    await servicesFor(orm).groups.delete(admin, group.id);
    expect(await sqlOf(orm).query('select 1 from member_block where group_id = $1', [group.id])).toEqual([]);
  });
});
