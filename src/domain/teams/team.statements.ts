import { statement } from '../../db/sql.js';
import { activityInsertFrom } from '../activity/activity.service.js';
import { teamColumns, teamResourceOf } from './team.record.js';

/** Team writes. A change of several parts runs in one transaction that starts by locking the team row. */

const returning = teamColumns.replaceAll('t.', '');

/** Locks a team of a token's own group. $1 id, $2 group. */
export const lockInGroup = statement(`select ${teamColumns} from team t where t.id = $1 and t.group_id = $2 for update`);

/** Locks a team of an admin's organization, with its group's kind and name. $1 id, $2 organization. */
export const lockInOrganization = statement(
  `select ${teamColumns}, g.kind as group_kind, g.name as group_name from team t join "group" g on g.id = t.group_id
   where t.id = $1 and t.organization_id = $2 for update of t`,
);

/**
 * Adds members as a set operation: only when every id is a member of the team's group (else
 * nothing), ignoring those already in the team. $1 team, $2 group, $3 ids (distinct), $4 their count.
 */
export const addMembers = statement(
  `with valid as (select m.id from member m where m.group_id = $2 and m.id = any($3::uuid[])),
   ins as (insert into team_membership (team_id, member_id, group_id)
           select $1, v.id, $2 from valid v where (select count(*) from valid) = $4
           on conflict do nothing returning member_id)
   select (select count(*) from valid)::int as valid, coalesce((select json_agg(member_id) from ins), '[]'::json) as added`,
);

/** The ids among $2 that are members of group $1 (to name the others in an error). */
export const membersOfGroup = statement('select id from member where group_id = $1 and id = any($2::uuid[])');

/** Removes exactly these members. $1 team, $2 ids. */
export const removeMembers = statement('delete from team_membership where team_id = $1 and member_id = any($2::uuid[]) returning member_id');

/** Removes every member but these. $1 team, $2 ids to keep. */
export const removeOtherMembers = statement('delete from team_membership where team_id = $1 and not (member_id = any($2::uuid[])) returning member_id');

/**
 * Writes a team's attributes and version after its changes, with their events in order.
 * $1 id, $2 displayName, $3 externalId, $4 version increment, $5 organization, $6 group, $7 actor
 * type, $8 actor id, $9 actor label, $10 request id, $11 actions, $12 labels, $13 changes (JSON).
 */
export const saveTeam = statement(
  `with t as (
     update team set display_name = $2, external_id = $3, version = version + $4, updated_at = now() where id = $1 returning ${returning}
   ), e as (
     insert into activity_event (organization_id, group_id, actor_type, actor_id, actor_label, action, target_type, target_id, target_label, changes, request_id, resource)
     select $5, $6, $7, $8::uuid, $9, x.action, 'Team', $1, x.label, x.changes, $10, (select ${teamResourceOf('t')} from t)
     from unnest($11::text[], $12::text[], $13::jsonb[]) with ordinality as x(action, label, changes, n) order by x.n
   )
   select ${teamColumns} from t`,
);

/** Inserts a team with its `team.created` event. $1 id, $2 organization, $3 group, $4 displayName, $5 externalId, then the event's. */
export const insertTeam = statement(
  `with t as (insert into team (id, organization_id, group_id, display_name, external_id) values ($1, $2, $3, $4, $5) returning ${returning}),
   e as (${activityInsertFrom('t', 'Team', 'display_name', 6, teamResourceOf('t'))})
   select ${teamColumns} from t`,
);

/**
 * Deletes a team (memberships cascade; members stay) with its event: when $2 is a version, only if
 * the team is still at it (If-Match). $1 id, $2 version or null.
 */
export const deleteTeam = statement(
  `with t as (delete from team where id = $1 and ($2::int is null or version = $2) returning id, organization_id, group_id, display_name),
   e as (${activityInsertFrom('t', 'Team', 'display_name', 3)})
   select t.id from t`,
);

/**
 * Adds members to a team of a token's own group in one statement, as a set operation: every id
 * must be a member of the group (else nothing is added), ids already in the team are left alone,
 * and when rows were added the team's version is bumped with a `team.members_added` event. The
 * team row is locked first, as the transactions of TeamService.change lock it, so concurrent
 * changes of one team queue in one order and never deadlock. $1 team, $2 group, $3 ids (distinct), $4 their count, then
 * the actor type, id, label and request id.
 */
export const addMembersInGroup = statement(
  `with t as (select id, organization_id, group_id, display_name, external_id, version from team where id = $1 and group_id = $2 for update),
   valid as (select m.id from member m where m.group_id = $2 and m.id = any($3::uuid[])),
   ins as (insert into team_membership (team_id, member_id, group_id)
           select t.id, v.id, t.group_id from t, valid v where (select count(*) from valid) = $4
           on conflict do nothing returning member_id),
   up as (update team set version = version + 1, updated_at = now() where id = (select id from t) and exists (select 1 from ins) returning id),
   e as (
     insert into activity_event (organization_id, group_id, actor_type, actor_id, actor_label, action, target_type, target_id, target_label, changes, request_id, resource)
     select t.organization_id, t.group_id, $5, $6::uuid, $7, 'team.members_added', 'Team', t.id, t.display_name,
       jsonb_build_object('members', jsonb_build_object('before', null, 'after', (select jsonb_agg(member_id) from ins))), $8,
       ${teamResourceOf('t', true)}
     from t where exists (select 1 from ins)
   )
   select (select count(*) from t)::int as found, (select count(*) from valid)::int as valid, (select count(*) from ins)::int as added`,
);

/** Removes exactly these members from a team of a token's own group in one statement (see addMembersInGroup). */
export const removeMembersInGroup = statement(
  `with t as (select id, organization_id, group_id, display_name, external_id, version from team where id = $1 and group_id = $2 for update),
   del as (delete from team_membership tm using t where tm.team_id = t.id and tm.member_id = any($3::uuid[]) returning tm.member_id),
   up as (update team set version = version + 1, updated_at = now() where id = (select id from t) and exists (select 1 from del) returning id),
   e as (
     insert into activity_event (organization_id, group_id, actor_type, actor_id, actor_label, action, target_type, target_id, target_label, changes, request_id, resource)
     select t.organization_id, t.group_id, $4, $5::uuid, $6, 'team.members_removed', 'Team', t.id, t.display_name,
       jsonb_build_object('members', jsonb_build_object('before', (select jsonb_agg(member_id) from del), 'after', null)), $7,
       ${teamResourceOf('t', true)}
     from t where exists (select 1 from del)
   )
   select (select count(*) from t)::int as found, (select count(*) from del)::int as removed`,
);
