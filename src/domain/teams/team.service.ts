import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { recordActivity } from '../activity/activity.service.js';
import { assertMembershipWritable, getGroupInScope, groupIdInScope } from '../groups/group.service.js';
import { Member } from '../members/member.entity.js';
import type { Actor } from '../shared/actor.js';
import { violatedUniqueConstraint } from '../shared/constraints.js';
import { DomainError } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';
import { decodeCursor, pageSize, toPage, type Page, type PageRequest } from '../shared/page.js';
import { optionalText, requiredText } from '../shared/text.js';
import { compileCondition, type Condition } from '../shared/condition.js';
import { searchPage } from '../shared/search.js';
import { Team } from './team.entity.js';
import { teamFields, teamSortFields } from './team.fields.js';

export interface SearchQuery {
  readonly condition: Condition | null;
  readonly startIndex: number;
  readonly count: number;
  readonly sortBy?: string | undefined;
  readonly descending?: boolean | undefined;
}

export const teamNameMaxLength = 256;
/** Most member ids one call may add or remove; larger pushes come in batches. */
export const maxMembersPerChange = 1000;

export async function findTeamInScope(em: EntityManager, actor: Actor, id: string): Promise<Team | null> {
  if (!isUuid(id)) return null;
  const where: FilterQuery<Team> = { id, organization: actor.organizationId };
  if (actor.kind === 'scimToken') where.group = actor.groupId;
  return em.findOne(Team, where, { populate: ['group'] });
}

async function getTeam(em: EntityManager, actor: Actor, id: string): Promise<Team> {
  const team = await findTeamInScope(em, actor, id);
  if (!team) throw new DomainError('TEAM_NOT_FOUND', `No team with id "${id}".`, 'id');
  return team;
}

/** Teams (SCIM Groups) inside a group, and their membership as a set of rows. */
export class TeamService {
  constructor(private readonly em: EntityManager) {}

  /** Pages of several groups' teams in one statement (for DataLoader); groups already in scope. */
  async listOfGroups(groupIds: readonly string[], page: PageRequest): Promise<Map<string, Page<Team>>> {
    const size = pageSize(page.first);
    const after = page.after ? String(decodeCursor(page.after, 1)[0]) : null;
    const rows = await this.em.execute<Record<string, unknown>[]>(
      `select t.* from unnest(array[?]::uuid[]) as g(id) cross join lateral (
         select * from team where group_id = g.id and (?::text is null or display_name_key > ?) order by display_name_key limit ?) t`,
      [groupIds as string[], after, after, size + 1],
    );
    const byGroup = new Map<string, Team[]>();
    for (const row of rows) {
      const team = this.em.map(Team, row);
      byGroup.set(team.group.id, [...(byGroup.get(team.group.id) ?? []), team]);
    }
    return new Map(groupIds.map((id) => [id, toPage(byGroup.get(id) ?? [], size, (t) => [t.displayNameKey ?? t.displayName.toLowerCase()])]));
  }

  /** Team counts of several groups in one statement (for DataLoader). */
  async countOfGroups(groupIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.em.execute<{ group_id: string; count: string }[]>(
      'select group_id, count(*) as count from team where group_id = any(array[?]::uuid[]) group by group_id',
      [groupIds as string[]],
    );
    return new Map(rows.map((row) => [row.group_id, Number(row.count)]));
  }

  find(actor: Actor, id: string): Promise<Team | null> {
    return findTeamInScope(this.em, actor, id);
  }

  /** A team's members ordered by userName, keyset-paged. */
  async listMembers(actor: Actor, teamId: string, page: PageRequest): Promise<Page<Member>> {
    const team = await getTeam(this.em, actor, teamId);
    return (await this.membersOfTeams([team.id], page)).get(team.id) ?? { items: [], hasNextPage: false, cursors: [] };
  }

  /** Pages of several teams' members in one statement (for DataLoader); teams already in scope. */
  async membersOfTeams(teamIds: readonly string[], page: PageRequest): Promise<Map<string, Page<Member>>> {
    const size = pageSize(page.first);
    const after = page.after ? String(decodeCursor(page.after, 1)[0]) : null;
    const rows = await this.em.execute<(Record<string, unknown> & { team_id: string })[]>(
      `select t.id as team_id, m.* from unnest(array[?]::uuid[]) as t(id) cross join lateral (
         select member.* from team_membership tm join member on member.id = tm.member_id
         where tm.team_id = t.id and (?::text is null or member.user_name_key > ?) order by member.user_name_key limit ?) m`,
      [teamIds as string[], after, after, size + 1],
    );
    const byTeam = new Map<string, Member[]>();
    for (const { team_id: teamId, ...row } of rows) byTeam.set(teamId, [...(byTeam.get(teamId) ?? []), this.em.map(Member, row)]);
    return new Map(teamIds.map((id) => [id, toPage(byTeam.get(id) ?? [], size, (m) => [m.userNameKey ?? m.userName.toLowerCase()])]));
  }

  /**
   * Index-paged search for the SCIM facade (see MemberService.search): teams of a group matching
   * a condition, in a stable order.
   * @throws GROUP_NOT_FOUND, VALIDATION_FAILED
   */
  async search(actor: Actor, groupId: string, query: SearchQuery): Promise<{ total: number; items: Team[] }> {
    const scope = await groupIdInScope(this.em, actor, groupId);
    const where = query.condition ? compileCondition(query.condition, teamFields, 't') : { sql: 'true', params: [] };
    const sort = query.sortBy ? teamSortFields[query.sortBy] : undefined;
    if (query.sortBy && !sort) throw new DomainError('VALIDATION_FAILED', `Teams cannot be sorted by "${query.sortBy}".`, 'sortBy');
    const direction = query.descending ? 'desc' : 'asc';
    const order = `${sort ? `${sort('t')} ${direction}, ` : ''}t.created_at ${direction}, t.id ${direction}`;
    const { total, rows } = await searchPage(this.em, {
      countSql: `select count(*) as total from team t where t.group_id = ? and ${where.sql}`,
      countParams: [scope, ...where.params],
      pageSql: `select t.*, count(*) over () as total_matches from team t where t.group_id = ? and ${where.sql} order by ${order} limit ? offset ?`,
      pageParams: [scope, ...where.params, query.count, query.startIndex - 1],
      startIndex: query.startIndex,
      count: query.count,
    });
    return { total, items: rows.map((row) => this.em.map(Team, row)) };
  }

  /** Every member (id and userName) of several teams, in one statement; teams already in scope. */
  async memberRefs(teamIds: readonly string[]): Promise<Map<string, { id: string; userName: string }[]>> {
    const rows = await this.em.execute<{ team_id: string; id: string; user_name: string }[]>(
      `select tm.team_id, m.id, m.user_name from team_membership tm join member m on m.id = tm.member_id
       where tm.team_id = any(array[?]::uuid[]) order by m.user_name_key`,
      [teamIds as string[]],
    );
    const result = new Map<string, { id: string; userName: string }[]>();
    for (const row of rows) result.set(row.team_id, [...(result.get(row.team_id) ?? []), { id: row.id, userName: row.user_name }]);
    return result;
  }

  /**
   * Makes a team's members exactly these (SCIM PUT, or replace of `members`): removes the others
   * and adds the missing, in one transaction; every id must be a member of the team's group.
   * @throws TEAM_NOT_FOUND, GROUP_SCIM_MANAGED, AUTH_FORBIDDEN, TEAM_MEMBER_NOT_IN_GROUP
   */
  async replaceMembers(actor: Actor, teamId: string, memberIds: readonly string[]): Promise<{ team: Team; added: number; removed: number }> {
    return this.em.transactional(async (em) => {
      const team = await getTeam(em, actor, teamId);
      const writer = assertMembershipWritable(actor, team.group);
      const keep = [...new Set(memberIds)].filter(isUuid);
      const removed = await em.execute<{ member_id: string }[]>(
        'delete from team_membership where team_id = ? and not (member_id = any(array[?]::uuid[])) returning member_id',
        [team.id, keep],
      );
      await recordMembersRemoved(
        em,
        writer,
        team,
        removed.map((r) => r.member_id),
      );
      const added = memberIds.length ? await addMemberRows(em, writer, team, memberIds) : 0;
      return { team, added, removed: removed.length };
    });
  }

  /** Member counts of several teams in one statement (for DataLoader); teams already in scope. */
  async memberCounts(teamIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.em.execute<{ team_id: string; count: string }[]>(
      'select team_id, count(*) as count from team_membership where team_id = any(array[?]::uuid[]) group by team_id',
      [teamIds as string[]],
    );
    return new Map(rows.map((row) => [row.team_id, Number(row.count)]));
  }

  /** The teams of several members in one statement (for DataLoader); members already in scope. */
  async teamsOfMembers(memberIds: readonly string[]): Promise<Map<string, Team[]>> {
    const rows = await this.em.execute<(Record<string, unknown> & { member_id: string })[]>(
      `select tm.member_id, t.* from team_membership tm join team t on t.id = tm.team_id
       where tm.member_id = any(array[?]::uuid[]) order by t.display_name_key`,
      [memberIds as string[]],
    );
    const result = new Map<string, Team[]>();
    for (const { member_id: memberId, ...row } of rows) {
      const list = result.get(memberId) ?? [];
      list.push(this.em.map(Team, row));
      result.set(memberId, list);
    }
    return result;
  }

  /**
   * Creates a team in a group, optionally with members.
   * @throws GROUP_NOT_FOUND, GROUP_SCIM_MANAGED, AUTH_FORBIDDEN, TEAM_NAME_TAKEN, TEAM_MEMBER_NOT_IN_GROUP, VALIDATION_FAILED
   */
  async create(actor: Actor, groupId: string, input: { displayName: string; externalId?: string | null; memberIds?: readonly string[] }): Promise<Team> {
    const displayName = requiredText(input.displayName, 'displayName', teamNameMaxLength);
    const externalId = optionalText(input.externalId, 'externalId', 1024);
    return this.em.transactional(async (em) => {
      const group = await getGroupInScope(em, actor, groupId);
      const writer = assertMembershipWritable(actor, group);
      const team = em.create(Team, { organization: group.organization, group, displayName, externalId });
      recordActivity(em, writer, {
        organizationId: group.organization.id,
        groupId: group.id,
        action: 'team.created',
        targetType: 'Team',
        targetId: team.id,
        targetLabel: displayName,
        changes: { displayName: { before: null, after: displayName }, ...(externalId ? { externalId: { before: null, after: externalId } } : {}) },
      });
      await flushTeam(em, displayName);
      if (input.memberIds?.length) await addMemberRows(em, writer, team, input.memberIds);
      return team;
    });
  }

  /**
   * Renames a team (and optionally changes its externalId).
   * @throws TEAM_NOT_FOUND, GROUP_SCIM_MANAGED, AUTH_FORBIDDEN, TEAM_NAME_TAKEN, VALIDATION_FAILED
   */
  async update(actor: Actor, id: string, input: { displayName?: string; externalId?: string | null }): Promise<Team> {
    const displayName = input.displayName === undefined ? undefined : requiredText(input.displayName, 'displayName', teamNameMaxLength);
    const externalId = input.externalId === undefined ? undefined : optionalText(input.externalId, 'externalId', 1024);
    return this.em.transactional(async (em) => {
      const team = await getTeam(em, actor, id);
      const writer = assertMembershipWritable(actor, team.group);
      const changes: Record<string, { before: unknown; after: unknown }> = {};
      if (displayName !== undefined && displayName !== team.displayName) changes.displayName = { before: team.displayName, after: displayName };
      if (externalId !== undefined && externalId !== team.externalId) changes.externalId = { before: team.externalId, after: externalId };
      if (Object.keys(changes).length === 0) return team;
      if (displayName !== undefined) team.displayName = displayName;
      if (externalId !== undefined) team.externalId = externalId;
      team.version += 1;
      recordActivity(em, writer, {
        organizationId: team.organization.id,
        groupId: team.group.id,
        action: 'team.updated',
        targetType: 'Team',
        targetId: team.id,
        targetLabel: team.displayName,
        changes,
      });
      await flushTeam(em, team.displayName);
      return team;
    });
  }

  /**
   * Deletes a team; its members stay in the group.
   * @throws TEAM_NOT_FOUND, GROUP_SCIM_MANAGED, AUTH_FORBIDDEN
   */
  async delete(actor: Actor, id: string): Promise<{ id: string; displayName: string }> {
    return this.em.transactional(async (em) => {
      const team = await getTeam(em, actor, id);
      const writer = assertMembershipWritable(actor, team.group);
      recordActivity(em, writer, {
        organizationId: team.organization.id,
        groupId: team.group.id,
        action: 'team.deleted',
        targetType: 'Team',
        targetId: team.id,
        targetLabel: team.displayName,
        changes: { displayName: { before: team.displayName, after: null } },
      });
      em.remove(team);
      await em.flush();
      return { id: team.id, displayName: team.displayName };
    });
  }

  /**
   * Adds members to a team as a set operation: members already in it are left alone, concurrent
   * additions never lose each other's rows, and every id must be a member of the team's group or
   * nothing is added.
   * @throws TEAM_NOT_FOUND, GROUP_SCIM_MANAGED, AUTH_FORBIDDEN, TEAM_MEMBER_NOT_IN_GROUP, VALIDATION_FAILED
   */
  async addMembers(actor: Actor, teamId: string, memberIds: readonly string[]): Promise<{ team: Team; added: number }> {
    checkBatch(memberIds);
    return this.em.transactional(async (em) => {
      const team = await getTeam(em, actor, teamId);
      const writer = assertMembershipWritable(actor, team.group);
      const added = await addMemberRows(em, writer, team, memberIds);
      return { team, added };
    });
  }

  /**
   * Removes exactly the given members from a team (ids not in it are ignored).
   * @throws TEAM_NOT_FOUND, GROUP_SCIM_MANAGED, AUTH_FORBIDDEN, VALIDATION_FAILED
   */
  async removeMembers(actor: Actor, teamId: string, memberIds: readonly string[]): Promise<{ team: Team; removed: number }> {
    checkBatch(memberIds);
    return this.em.transactional(async (em) => {
      const team = await getTeam(em, actor, teamId);
      const writer = assertMembershipWritable(actor, team.group);
      const ids = [...new Set(memberIds)].filter(isUuid);
      if (ids.length === 0) return { team, removed: 0 };
      const removed = await em.execute<{ member_id: string }[]>(
        'delete from team_membership where team_id = ? and member_id = any(array[?]::uuid[]) returning member_id',
        [team.id, ids],
      );
      await recordMembersRemoved(
        em,
        writer,
        team,
        removed.map((r) => r.member_id),
      );
      return { team, removed: removed.length };
    });
  }
}

function checkBatch(memberIds: readonly string[]): void {
  if (memberIds.length > maxMembersPerChange) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `At most ${maxMembersPerChange} members can be changed at once (got ${memberIds.length}); send them in batches.`,
      'memberIds',
    );
  }
}

/** Inserts membership rows in one statement; refuses all if any id is not a member of the team's group. */
async function addMemberRows(em: EntityManager, actor: Actor, team: Team, memberIds: readonly string[]): Promise<number> {
  const ids = [...new Set(memberIds)];
  const valid = ids.filter(isUuid);
  const found = await em.execute<{ id: string }[]>('select id from member where group_id = ? and id = any(array[?]::uuid[])', [team.group.id, valid]);
  if (found.length !== ids.length) {
    const known = new Set(found.map((row) => row.id));
    const missing = ids.filter((id) => !known.has(id));
    throw new DomainError(
      'TEAM_MEMBER_NOT_IN_GROUP',
      `Not members of this team's group: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}.`,
      'memberIds',
    );
  }
  const inserted = await em.execute<{ member_id: string }[]>(
    `insert into team_membership (team_id, member_id, group_id) select ?, id, ? from unnest(array[?]::uuid[]) as id
     on conflict do nothing returning member_id`,
    [team.id, team.group.id, valid],
  );
  if (inserted.length > 0) {
    team.version += 1;
    recordActivity(em, actor, {
      organizationId: team.organization.id,
      groupId: team.group.id,
      action: 'team.members_added',
      targetType: 'Team',
      targetId: team.id,
      targetLabel: team.displayName,
      changes: { members: { before: null, after: inserted.map((r) => r.member_id) } },
    });
    await em.flush();
  }
  return inserted.length;
}

/** Bumps the team's version and records removed memberships, when there were any. */
async function recordMembersRemoved(em: EntityManager, actor: Actor, team: Team, memberIds: string[]): Promise<void> {
  if (memberIds.length === 0) return;
  team.version += 1;
  recordActivity(em, actor, {
    organizationId: team.organization.id,
    groupId: team.group.id,
    action: 'team.members_removed',
    targetType: 'Team',
    targetId: team.id,
    targetLabel: team.displayName,
    changes: { members: { before: memberIds, after: null } },
  });
  await em.flush();
}

async function flushTeam(em: EntityManager, displayName: string): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    const constraint = violatedUniqueConstraint(error);
    if (constraint === 'team_group_display_name_unique')
      throw new DomainError('TEAM_NAME_TAKEN', `A team named "${displayName}" exists already in this group.`, 'displayName');
    if (constraint === 'team_group_external_id_unique')
      throw new DomainError('TEAM_NAME_TAKEN', 'A team with this externalId exists already in this group.', 'externalId');
    throw error;
  }
}
