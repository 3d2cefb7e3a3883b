import { statement } from '../../db/sql.js';
import { activityInsertFrom } from '../activity/activity.service.js';
import { memberColumns, memberStateColumns, memberTeamsColumn, statePlaceholders } from './member.record.js';

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
   ), e as (${activityInsertFrom('m', 'Member', 'user_name', 4 + stateCount)})
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
   ), e as (${activityInsertFrom('m', 'Member', 'user_name', 3 + stateCount)})
   select ${memberColumns} from m`,
);

/** Deletes a member (its memberships cascade) if its version is still the one read, with its event. $1 id, $2 version. */
export const deleteMember = statement(
  `with m as (delete from member where id = $1 and version = $2 returning id, organization_id, group_id, user_name),
   e as (${activityInsertFrom('m', 'Member', 'user_name', 3)})
   select m.id from m`,
);
