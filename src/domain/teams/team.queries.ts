import { statement, type Queryable, type Sql } from '../../db/sql.js';
import { groupInScope } from '../groups/group.access.js';
import { memberColumns, memberFromRow, type MemberReader, type MemberRecord, type MemberView } from '../members/member.record.js';
import type { Actor } from '../shared/actor.js';
import { compileCondition } from '../shared/condition.js';
import { DomainError } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';
import { decodeCursor, pageSize, toPage, type Page, type PageRequest } from '../shared/page.js';
import { searchPage, type SearchQuery } from '../shared/search.js';
import { teamFields, teamSortFields } from './team.fields.js';
import { teamColumns, teamFromRow, type MemberRef, type TeamRecord } from './team.record.js';

type Row = Record<string, unknown>;

const teamInGroup = statement(`select ${teamColumns} from team t where t.id = $1 and t.group_id = $2`);
const teamInOrganization = statement(`select ${teamColumns} from team t where t.id = $1 and t.organization_id = $2`);
const memberRefsOfTeams = statement(
  `select tm.team_id, m.id, m.user_name from team_membership tm join member m on m.id = tm.member_id
   where tm.team_id = any($1::uuid[]) order by m.user_name_key`,
);
/**
 * One row per team with the ids of those of the members in it (a page of members shares a few
 * teams), comma-separated: splitting one string costs a fraction of parsing an array literal.
 */
const teamsOfMembers = statement(
  `select ${teamColumns}, string_agg(tm.member_id::text, ',') as member_ids from team_membership tm join team t on t.id = tm.team_id
   where tm.member_id = any($1::uuid[]) group by t.id order by t.display_name_key, t.id`,
);
const teamCounts = statement('select group_id, count(*) as count from team where group_id = any($1::uuid[]) group by group_id');
const memberCounts = statement('select team_id, count(*) as count from team_membership where team_id = any($1::uuid[]) group by team_id');
const teamPages = statement(
  `select ${teamColumns} from unnest($1::uuid[]) as g(id) cross join lateral (
     select ${teamColumns} from team t where t.group_id = g.id and ($2::text is null or t.display_name_key > $2) order by t.display_name_key limit $3) t`,
);
/** Pages of several teams' members with these columns (of a member aliased `m`). $1 team ids, $2 after, $3 limit. */
const memberPagesOf = (columns: string) =>
  `select tt.id as team_id, ${columns} from unnest($1::uuid[]) as tt(id) cross join lateral (
     select ${columns} from team_membership tm join member m on m.id = tm.member_id
     where tm.team_id = tt.id and ($2::text is null or m.user_name_key > $2) order by m.user_name_key limit $3) m`;
const memberPages = statement(memberPagesOf(memberColumns));

/** The team an actor may see with this id, or null (other tenants' ids look unknown). */
export async function findTeam(sql: Queryable, actor: Actor, id: string): Promise<TeamRecord | null> {
  if (!isUuid(id)) return null;
  const [row] = await sql.query<Row>(actor.kind === 'scimToken' ? teamInGroup : teamInOrganization, [
    id,
    actor.kind === 'scimToken' ? actor.groupId : actor.organizationId,
  ]);
  return row ? teamFromRow(row) : null;
}

/** Groups values by a key, keeping their order. */
function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/** Reads of teams (SCIM Groups) and their membership, batched for DataLoader where they serve GraphQL. */
export class TeamQueries {
  constructor(protected readonly sql: Sql) {}

  find(actor: Actor, id: string): Promise<TeamRecord | null> {
    return findTeam(this.sql, actor, id);
  }

  /** Pages of several groups' teams in one statement (for DataLoader); groups already in scope. */
  async listOfGroups(groupIds: readonly string[], page: PageRequest): Promise<Map<string, Page<TeamRecord>>> {
    const size = pageSize(page.first);
    const after = page.after ? String(decodeCursor(page.after, 1)[0]) : null;
    const rows = await this.sql.query<Row>(teamPages, [groupIds, after, size + 1]);
    const byGroup = groupBy(rows.map(teamFromRow), (team) => team.groupId);
    return new Map(groupIds.map((id) => [id, toPage(byGroup.get(id) ?? [], size, (t) => [t.displayNameKey])]));
  }

  /** Team counts of several groups in one statement (for DataLoader). */
  async countOfGroups(groupIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.sql.query<{ group_id: string; count: string }>(teamCounts, [groupIds]);
    return new Map(rows.map((row) => [row.group_id, Number(row.count)]));
  }

  /**
   * A team's members ordered by userName, keyset-paged.
   * @throws TEAM_NOT_FOUND
   */
  async listMembers(actor: Actor, teamId: string, page: PageRequest): Promise<Page<MemberRecord>> {
    const team = await this.find(actor, teamId);
    if (!team) throw new DomainError('TEAM_NOT_FOUND', `No team with id "${teamId}".`, 'id');
    return (await this.membersOfTeams([team.id], page)).get(team.id) ?? { items: [], hasNextPage: false, cursors: [] };
  }

  /**
   * Pages of several teams' members in one statement (for DataLoader); teams already in scope.
   * With a reader (memberReaderFor), only its columns are selected and its records returned.
   */
  membersOfTeams(teamIds: readonly string[], page: PageRequest): Promise<Map<string, Page<MemberRecord>>>;
  membersOfTeams(teamIds: readonly string[], page: PageRequest, reader: MemberReader): Promise<Map<string, Page<MemberView>>>;
  async membersOfTeams(teamIds: readonly string[], page: PageRequest, reader?: MemberReader): Promise<Map<string, Page<MemberView>>> {
    const size = pageSize(page.first);
    const after = page.after ? String(decodeCursor(page.after, 1)[0]) : null;
    const rows = await this.sql.query<Row & { team_id: string }>(reader ? memberPagesOf(reader.columns('m')) : memberPages, [teamIds, after, size + 1]);
    const read = reader ? reader.read : memberFromRow;
    const byTeam = groupBy(rows, (row) => row.team_id);
    return new Map(teamIds.map((id) => [id, toPage((byTeam.get(id) ?? []).map(read), size, (m) => [m.userNameKey])]));
  }

  /**
   * Index-paged search for the SCIM facade (see MemberService.search): teams of a group matching
   * a condition, in a stable order.
   * @throws GROUP_NOT_FOUND, VALIDATION_FAILED
   */
  async search(actor: Actor, groupId: string, query: SearchQuery): Promise<{ total: number; items: TeamRecord[] }> {
    const scope = (await groupInScope(this.sql, actor, groupId)).id;
    const where = query.condition ? compileCondition(query.condition, teamFields, 't', 2) : { sql: 'true', params: [] };
    const sort = query.sortBy ? teamSortFields[query.sortBy] : undefined;
    if (query.sortBy && !sort) throw new DomainError('VALIDATION_FAILED', `Teams cannot be sorted by "${query.sortBy}".`, 'sortBy');
    const direction = query.descending ? 'desc' : 'asc';
    const order = `${sort ? `${sort('t')} ${direction}, ` : ''}t.created_at ${direction}, t.id ${direction}`;
    const n = 2 + where.params.length;
    const { total, rows } = await searchPage(this.sql, {
      countSql: `select count(*) as total from team t where t.group_id = $1 and ${where.sql}`,
      countParams: [scope, ...where.params],
      pageSql: `select ${teamColumns}, count(*) over () as total_matches from team t where t.group_id = $1 and ${where.sql} order by ${order} limit $${n} offset $${n + 1}`,
      pageParams: [scope, ...where.params, query.count, query.startIndex - 1],
      startIndex: query.startIndex,
      count: query.count,
    });
    return { total, items: rows.map(teamFromRow) };
  }

  /** Every member (id and userName) of several teams, in one statement; teams already in scope. */
  async memberRefs(teamIds: readonly string[], sql: Queryable = this.sql): Promise<Map<string, MemberRef[]>> {
    const rows = await sql.query<{ team_id: string; id: string; user_name: string }>(memberRefsOfTeams, [teamIds]);
    const result = new Map<string, MemberRef[]>();
    for (const [teamId, refs] of groupBy(rows, (row) => row.team_id))
      result.set(
        teamId,
        refs.map((row) => ({ id: row.id, userName: row.user_name })),
      );
    return result;
  }

  /** Member counts of several teams in one statement (for DataLoader); teams already in scope. */
  async memberCounts(teamIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.sql.query<{ team_id: string; count: string }>(memberCounts, [teamIds]);
    return new Map(rows.map((row) => [row.team_id, Number(row.count)]));
  }

  /** The teams of several members in one statement (for DataLoader), each member's by displayName; members already in scope. */
  async teamsOfMembers(memberIds: readonly string[]): Promise<Map<string, TeamRecord[]>> {
    const rows = await this.sql.query<Row & { member_ids: string }>(teamsOfMembers, [memberIds]);
    const result = new Map<string, TeamRecord[]>();
    for (const row of rows) {
      const team = teamFromRow(row);
      for (const memberId of row.member_ids.split(',')) {
        const teams = result.get(memberId);
        if (teams) teams.push(team);
        else result.set(memberId, [team]);
      }
    }
    return result;
  }
}
