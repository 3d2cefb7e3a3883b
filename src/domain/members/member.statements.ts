import { statement } from '../../db/sql.js';
import { activityInsertFrom } from '../activity/activity.service.js';
import {
  memberColumns,
  memberColumnsOf,
  memberResourceOf,
  memberStateColumns,
  memberTeamsColumn,
  memberTeamsOf,
  snapshotKeyOf,
  stateColumnType,
  statePlaceholders,
} from './member.record.js';

/**
 * The member statements that run on every SCIM request, prepared once per connection. Each write
 * is one statement: the row change and its activity event in CTEs, so they commit together (a
 * single statement is atomic) in one round trip, with no BEGIN/COMMIT around it.
 */

const stateCount = memberStateColumns.length;
const returning = memberColumns.replaceAll('m.', '');

/** A member of a token's own group, with its teams. $1 id, $2 group. */
export const findInGroup = statement(`select ${memberColumns}, ${memberTeamsColumn} from member m where m.id = $1 and m.group_id = $2`);

/** A member of an admin's organization, with its group's kind and name (for the write rules). $1 id, $2 organization. */
export const findInOrganization = statement(
  `select ${memberColumns}, g.kind as group_kind, g.name as group_name from member m join "group" g on g.id = m.group_id where m.id = $1 and m.organization_id = $2`,
);

/** The same two reads, locking the row (for a change that lost an optimistic race). */
export const lockInGroup = statement(`select ${memberColumns}, ${memberTeamsColumn} from member m where m.id = $1 and m.group_id = $2 for update of m`);
export const lockInOrganization = statement(
  `select ${memberColumns}, g.kind as group_kind, g.name as group_name from member m join "group" g on g.id = m.group_id where m.id = $1 and m.organization_id = $2 for update of m`,
);

/** Inserts a member and its `member.created` event. $1 id, $2 organization, $3 group, then the state, then the event's parameters. */
export const insertMember = statement(
  `with m as (
     insert into member (id, organization_id, group_id, ${memberStateColumns.map(([, column]) => column).join(', ')})
     values ($1, $2, $3, ${statePlaceholders(4).join(', ')})
     returning ${returning}
   ), e as (${activityInsertFrom('m', 'Member', 'user_name', 4 + stateCount, memberResourceOf('m'))})
   select ${memberColumns} from m`,
);

/**
 * Writes a member's whole state if its version is still the one read (optimistic concurrency: a
 * change made in between makes this update nothing, and the caller reads again), with its event.
 * $1 id, $2 version read, then the state, then the event's parameters.
 */
export const updateMember = statement(
  `with m as (
     update member set ${memberStateColumns.map(([, column], i) => `${column} = ${statePlaceholders(3)[i] ?? ''}`).join(', ')},
       version = version + 1, updated_at = now()
     where id = $1 and version = $2
     returning ${returning}
   ), e as (${activityInsertFrom('m', 'Member', 'user_name', 3 + stateCount, memberResourceOf('m'))})
   select ${memberColumns} from m`,
);

/** Deletes a member (its memberships cascade) if its version is still the one read, with its event. $1 id, $2 version. */
export const deleteMember = statement(
  `with m as (delete from member where id = $1 and version = $2 returning id, organization_id, group_id, user_name),
   e as (${activityInsertFrom('m', 'Member', 'user_name', 3)})
   select m.id from m`,
);

type StateColumn = (typeof memberStateColumns)[number];

/**
 * The activity log's `changes` computed by PostgreSQL, with attributes named as memberSnapshot
 * names them (test/integration/member-events.test.ts holds both equal): one `{before, after}`
 * entry per given column whose value differs (jsonb compares objects whatever their key order,
 * as the services' diff does), the value before read from the row aliased `before` and the one
 * after from `after(column)`. For a deletion (`after` null): every attribute that had a value,
 * after null.
 *
 * One column (a deactivation) is one expression: an aggregate and its subquery are plan nodes
 * PostgreSQL sets up again on every execution, which cost more than the entry. Many columns (a
 * PUT, a deletion) are aggregated over a VALUES list, so that only the entries that differ are
 * built (building all of them and removing the unchanged keys measured dearer for a PUT, unnesting
 * three arrays instead of the VALUES list no cheaper: docs/benchmarks.md).
 */
function changesOf(columns: readonly StateColumn[], before: string, after: ((column: string) => string) | null): string {
  const [only] = columns;
  if (only && columns.length === 1 && after) {
    const [property, column] = only;
    const entry = `jsonb_build_object('${snapshotKeyOf(property)}', jsonb_build_object('before', to_jsonb(${before}.${column}), 'after', to_jsonb(${after(column)})))`;
    return `(case when ${before}.${column} is distinct from ${after(column)} then ${entry} else '{}'::jsonb end)`;
  }
  const values = columns
    .map(([property, column]) => `('${snapshotKeyOf(property)}', to_jsonb(${before}.${column}), ${after ? `to_jsonb(${after(column)})` : 'null::jsonb'})`)
    .join(', ');
  const differs = after ? 'c.b is distinct from c.a' : "c.b is not null and c.b not in ('[]'::jsonb, '{}'::jsonb)";
  return `(select coalesce(jsonb_object_agg(c.k, jsonb_build_object('before', c.b, 'after', c.a)), '{}'::jsonb) from (values ${values}) as c(k, b, a) where ${differs})`;
}

/**
 * Sets the given attributes of a member of a token's own group in one statement: the row is
 * locked (`o`, so that `changes` compares with the version this update replaces, even when
 * another change committed in between), the changes computed against the new values (`d`), and
 * only if there are some is the row written (`n`, version bumped) with its event (`e`). A
 * deactivation touches one column, a PUT all of them: the statement names only those, so
 * PostgreSQL compares and records no more than was sent.
 *
 * Answers one row: the member as it was, with its teams, and — when it changed — its new
 * version, updatedAt and user_name_key (`set_…`, null when nothing changed); the new values are
 * the ones sent (memberAfterSet). Answering the row as it is afterwards would take a second
 * branch and a second teams subquery, and the new values twice through PostgreSQL; the plan set
 * up on every execution, and the statement's text (copied and scanned on every execution), grow
 * with both (docs/benchmarks.md).
 * $1 id, $2 group, then the new values in column order, then the event's actor type, id, label
 * and request id.
 */
function setStatement(columns: readonly StateColumn[]) {
  const values = new Map<string, string>(columns.map(([, column], i) => [column, `$${3 + i}::${stateColumnType(column)}`]));
  const after = (column: string) => values.get(column) ?? `o.${column}`;
  const p = (i: number) => `$${3 + columns.length + i}`;
  const active = values.get('active');
  const action = active
    ? `case when o.active is distinct from ${active} then (case when ${active} then 'member.reactivated' else 'member.deactivated' end) else 'member.updated' end`
    : "'member.updated'";
  const resource = memberResourceOf((column) => (column === 'version' || column === 'updated_at' ? `n.${column}` : after(column)));
  return statement(
    `with o as (select m.* from member m where m.id = $1 and m.group_id = $2 for update),
     d as (select ${changesOf(columns, 'o', after)} as changes from o),
     n as (
       update member m set ${[...values].map(([column, value]) => `${column} = ${value}`).join(', ')}, version = m.version + 1, updated_at = now()
       from o, d
       where m.id = o.id and d.changes <> '{}'::jsonb
       returning m.version, m.updated_at, m.user_name_key
     ),
     e as (
       insert into activity_event (organization_id, group_id, actor_type, actor_id, actor_label, action, target_type, target_id, target_label, changes, request_id, resource)
       select o.organization_id, o.group_id, ${p(0)}, ${p(1)}::uuid, ${p(2)}, ${action}, 'Member', o.id, ${after('user_name')}, d.changes, ${p(3)}, ${resource}
       from n, o, d
     )
     select ${memberColumnsOf('o')}, ${memberTeamsOf('o')}, n.version as set_version, n.updated_at as set_updated_at, n.user_name_key as set_user_name_key
     from o left join n on true`,
  );
}

const setStatements = new Map<string, ReturnType<typeof statement>>();

/** The set statement for these properties (one per distinct set: a deactivation, a PUT with or without `active`). */
export function setInGroup(properties: ReadonlySet<string>): ReturnType<typeof statement> {
  const columns = memberStateColumns.filter(([property]) => properties.has(property));
  const key = columns.map(([, column]) => column).join(',');
  let found = setStatements.get(key);
  if (!found) {
    found = setStatement(columns);
    setStatements.set(key, found);
  }
  return found;
}

/** Deletes a member of a token's own group with its event (every attribute it had) in one statement. $1 id, $2 group, then the event's actor type, id, label and request id. */
export const deleteInGroup = statement(
  `with m as (delete from member where id = $1 and group_id = $2 returning ${returning}),
   e as (
     insert into activity_event (organization_id, group_id, actor_type, actor_id, actor_label, action, target_type, target_id, target_label, changes, request_id)
     select m.organization_id, m.group_id, $3, $4::uuid, $5, 'member.deleted', 'Member', m.id, m.user_name, ${changesOf(memberStateColumns, 'm', null)}, $6 from m
   )
   select m.id, m.user_name from m`,
);

/** Creation numbers per member block: `seq >> 10` in the triggers of migration member_block_counts. */
export const memberBlockSize = 1024;

/**
 * A page of a group's members in creation order, with the group's total, in one statement that
 * costs the same at any depth: the blocks' counts (member_block) are added up to the block holding
 * `startIndex`, and the page is read on the (group_id, seq) index from the start of that block,
 * skipping at most one block's worth of rows. No row is counted. Answers one row with null
 * columns when the page is empty. $1 group, $2 startIndex (1-based), $3 count.
 */
function pageByBlocks(withTeams: boolean) {
  // Block counts are small integers, so their sums stay bigint (not numeric, which is slow).
  // The rows before startIndex in its block are skipped on the index alone (no heap fetch).
  return statement(
    `with b as (select block, sum(members)::int as n from member_block where group_id = $1 group by block),
     c as (select block, n, sum(n) over (order by block) - n as before from b),
     t as (select block, before from c where before + n >= $2 order by block limit 1),
     first as (select s.seq from member s where s.group_id = $1 and s.seq >= (select block from t) * ${memberBlockSize}
               order by s.seq offset (select ($2 - 1 - before)::bigint from t) limit 1)
     select (select coalesce(sum(n), 0) from b)::bigint as total_matches, p.* from (select 1) as one left join (
       select ${memberColumns}${withTeams ? `, ${memberTeamsColumn}` : ''} from member m
       where m.group_id = $1 and m.seq >= (select seq from first)
       order by m.seq limit $3
     ) p on true`,
  );
}

export const memberPageByBlocks = pageByBlocks(false);
export const memberPageByBlocksWithTeams = pageByBlocks(true);

/** Members per group from their blocks (no row counted). $1 group ids. */
export const memberTotals = statement('select group_id, sum(members)::bigint as count from member_block where group_id = any($1::uuid[]) group by group_id');
