import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { diff, recordActivity } from '../activity/activity.service.js';
import { assertMembershipWritable, getGroupInScope, groupIdInScope } from '../groups/group.service.js';
import type { Actor } from '../shared/actor.js';
import { violatedUniqueConstraint } from '../shared/constraints.js';
import { DomainError } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';
import { decodeCursor, likePattern, pageSize, toPage, type Page, type PageRequest } from '../shared/page.js';
import { compileCondition, type Condition } from '../shared/condition.js';
import { searchPage } from '../shared/search.js';
import { Member } from './member.entity.js';
import { memberFields, memberSortFields } from './member.fields.js';
import { applyMemberAttributes, memberSnapshot, normalizeMemberAttributes } from './member.rules.js';
import type { MemberAttributes } from './member.values.js';

export interface MemberSearch {
  readonly condition: Condition | null;
  /** 1-based position of the first result. */
  readonly startIndex: number;
  /** How many results at most; 0 asks for the total only. */
  readonly count: number;
  readonly sortBy?: string | undefined;
  readonly descending?: boolean | undefined;
}

export interface MemberFilter {
  /** Case-insensitive substring of userName, names, display name or any email. */
  readonly search?: string | null;
  readonly active?: boolean | null;
}

/** The member an actor may see with this id, or null (other tenants' ids look unknown). */
export async function findMemberInScope(em: EntityManager, actor: Actor, id: string): Promise<Member | null> {
  if (!isUuid(id)) return null;
  const where: FilterQuery<Member> = { id, organization: actor.organizationId };
  if (actor.kind === 'scimToken') where.group = actor.groupId;
  return em.findOne(Member, where, { populate: ['group'] });
}

/** Members of a group: the people an identity provider (or an admin, in STANDARD groups) manages. */
export class MemberService {
  constructor(private readonly em: EntityManager) {}

  /**
   * Pages of several groups' members in one statement (for DataLoader): a lateral join walks the
   * (group_id, user_name_key) index once per group. The caller has checked the groups' scope.
   */
  async listOfGroups(groupIds: readonly string[], filter: MemberFilter, page: PageRequest): Promise<Map<string, Page<Member>>> {
    const size = pageSize(page.first);
    const after = page.after ? String(decodeCursor(page.after, 1)[0]) : null;
    const result = new Map<string, Page<Member>>();
    if (groupIds.length === 0) return result;
    const conditions = memberConditions(filter);
    const rows = await this.em.execute<Record<string, unknown>[]>(
      `select m.* from unnest(array[?]::uuid[]) as g(id) cross join lateral (
         select * from member where group_id = g.id ${conditions.sql} and (?::text is null or user_name_key > ?)
         order by user_name_key limit ?) m`,
      [groupIds as string[], ...conditions.params, after, after, size + 1],
    );
    const byGroup = new Map<string, Member[]>();
    for (const row of rows) {
      const member = this.em.map(Member, row);
      const list = byGroup.get(member.group.id) ?? [];
      list.push(member);
      byGroup.set(member.group.id, list);
    }
    for (const id of groupIds)
      result.set(
        id,
        toPage(byGroup.get(id) ?? [], size, (m) => [m.userNameKey ?? m.userName.toLowerCase()]),
      );
    return result;
  }

  /**
   * Index-paged search for the SCIM facade: members of a group matching a condition (compiled to
   * SQL, never evaluated in memory), `startIndex` 1-based, in a stable order (the sort field, then
   * creation, then id). The page is found on the narrow (group, created_at, id) index first and only
   * its rows are read in full.
   * @throws GROUP_NOT_FOUND, VALIDATION_FAILED (unknown field, mistyped value)
   */
  async search(actor: Actor, groupId: string, query: MemberSearch): Promise<{ total: number; items: Member[] }> {
    const scope = await groupIdInScope(this.em, actor, groupId);
    const where = query.condition ? compileCondition(query.condition, memberFields, 'm') : { sql: 'true', params: [] };
    const sort = query.sortBy ? memberSortFields[query.sortBy] : undefined;
    if (query.sortBy && !sort) throw new DomainError('VALIDATION_FAILED', `Members cannot be sorted by "${query.sortBy}".`, 'sortBy');
    const direction = query.descending ? 'desc' : 'asc';
    const order = `${sort ? `${sort('m')} ${direction}, ` : ''}m.created_at ${direction}, m.id ${direction}`;
    const { total, rows } = await searchPage(this.em, {
      countSql: `select count(*) as total from member m where m.group_id = ? and ${where.sql}`,
      countParams: [scope, ...where.params],
      // The page is found on the narrow (group, created_at, id) index; only its rows are read in full.
      pageSql: `select m.*, page.total_matches from member m join (select m.id, m.total_matches, row_number() over () as position from (
         select m.id, count(*) over () as total_matches from member m where m.group_id = ? and ${where.sql} order by ${order} limit ? offset ?) m) page on page.id = m.id
       order by page.position`,
      pageParams: [scope, ...where.params, query.count, query.startIndex - 1],
      startIndex: query.startIndex,
      count: query.count,
    });
    return { total, items: rows.map((row) => this.em.map(Member, row)) };
  }

  /** Member counts of several groups in one statement (for DataLoader). */
  async countOfGroups(groupIds: readonly string[], filter: MemberFilter = {}): Promise<Map<string, number>> {
    const conditions = memberConditions(filter);
    const rows = await this.em.execute<{ group_id: string; count: string }[]>(
      `select group_id, count(*) as count from member where group_id = any(array[?]::uuid[]) ${conditions.sql} group by group_id`,
      [groupIds as string[], ...conditions.params],
    );
    return new Map(rows.map((row) => [row.group_id, Number(row.count)]));
  }

  find(actor: Actor, id: string): Promise<Member | null> {
    return findMemberInScope(this.em, actor, id);
  }

  /**
   * Adds a member to a group. Rules: only the group's writer (admins for STANDARD, its token for
   * SCIM); userName unique per group case-insensitively; externalId unique per group.
   * @throws GROUP_NOT_FOUND, GROUP_SCIM_MANAGED, AUTH_FORBIDDEN, MEMBER_USERNAME_TAKEN, MEMBER_EXTERNAL_ID_TAKEN, VALIDATION_FAILED
   */
  async create(actor: Actor, groupId: string, attributes: MemberAttributes): Promise<Member> {
    const normalized = normalizeMemberAttributes(attributes);
    return this.em.transactional(async (em) => {
      const group = await getGroupInScope(em, actor, groupId);
      const writer = assertMembershipWritable(actor, group);
      const member = em.create(Member, { organization: group.organization, group, userName: normalized.userName ?? attributes.userName });
      applyMemberAttributes(member, normalized);
      recordActivity(em, writer, {
        organizationId: group.organization.id,
        groupId: group.id,
        action: 'member.created',
        targetType: 'Member',
        targetId: member.id,
        targetLabel: member.userName,
        changes: diff({}, dropEmpty(memberSnapshot(member))),
      });
      await flushMember(em, member);
      return member;
    });
  }

  /**
   * Changes the given attributes (absent ones stay as they are). A change that changes nothing
   * writes nothing and records nothing.
   * @throws MEMBER_NOT_FOUND, GROUP_SCIM_MANAGED, AUTH_FORBIDDEN, MEMBER_USERNAME_TAKEN, MEMBER_EXTERNAL_ID_TAKEN, VALIDATION_FAILED
   */
  async update(actor: Actor, id: string, changes: Partial<MemberAttributes>): Promise<Member> {
    const normalized = normalizeMemberAttributes(changes);
    return this.em.transactional(async (em) => {
      const member = await getMember(em, actor, id);
      const writer = assertMembershipWritable(actor, member.group);
      const before = memberSnapshot(member);
      applyMemberAttributes(member, normalized);
      const changed = diff({ ...before }, { ...memberSnapshot(member) });
      if (Object.keys(changed).length === 0) return member;
      member.version += 1;
      const action = 'active' in changed ? (member.active ? 'member.activated' : 'member.deactivated') : 'member.updated';
      recordActivity(em, writer, {
        organizationId: member.organization.id,
        groupId: member.group.id,
        action,
        targetType: 'Member',
        targetId: member.id,
        targetLabel: member.userName,
        changes: changed,
      });
      await flushMember(em, member);
      return member;
    });
  }

  /** Deactivates (the member stays readable and listed) or reactivates. Same rules as update. */
  setActive(actor: Actor, id: string, active: boolean): Promise<Member> {
    return this.update(actor, id, { active });
  }

  /**
   * Removes a member (and its team memberships). A later create with the same userName works.
   * @throws MEMBER_NOT_FOUND, GROUP_SCIM_MANAGED, AUTH_FORBIDDEN
   */
  async delete(actor: Actor, id: string): Promise<{ id: string; userName: string }> {
    return this.em.transactional(async (em) => {
      const member = await getMember(em, actor, id);
      const writer = assertMembershipWritable(actor, member.group);
      recordActivity(em, writer, {
        organizationId: member.organization.id,
        groupId: member.group.id,
        action: 'member.deleted',
        targetType: 'Member',
        targetId: member.id,
        targetLabel: member.userName,
        changes: diff(dropEmpty(memberSnapshot(member)), {}),
      });
      em.remove(member);
      await em.flush();
      return { id: member.id, userName: member.userName };
    });
  }
}

async function getMember(em: EntityManager, actor: Actor, id: string): Promise<Member> {
  const member = await findMemberInScope(em, actor, id);
  if (!member) throw new DomainError('MEMBER_NOT_FOUND', `No member with id "${id}".`, 'id');
  return member;
}

/** SQL conditions (each starting with `and`) and their parameters for a member filter. */
function memberConditions(filter: MemberFilter): { sql: string; params: unknown[] } {
  let sql = '';
  const params: unknown[] = [];
  if (filter.active !== undefined && filter.active !== null) {
    sql += ' and active = ?';
    params.push(filter.active);
  }
  const search = filter.search?.trim();
  if (search) {
    // Emails are searched in their JSON text; likePattern escapes %, _ and \ so they match literally.
    sql += ` and (user_name ilike ? or given_name ilike ? or family_name ilike ? or display_name ilike ? or emails::text ilike ?)`;
    params.push(...Array<string>(5).fill(likePattern(search)));
  }
  return { sql, params };
}

/** Leaves out empty values, so a creation event lists only what was set. */
function dropEmpty(snapshot: MemberAttributes): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(snapshot as unknown as Record<string, unknown>).filter(
      ([, value]) =>
        value !== null &&
        value !== undefined &&
        !(Array.isArray(value) && value.length === 0) &&
        !(typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0),
    ),
  );
}

async function flushMember(em: EntityManager, member: Member): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    switch (violatedUniqueConstraint(error)) {
      case 'member_group_user_name_unique':
        throw new DomainError(
          'MEMBER_USERNAME_TAKEN',
          `A member with userName "${member.userName}" exists already in this group (compared case-insensitively).`,
          'userName',
        );
      case 'member_group_external_id_unique':
        throw new DomainError('MEMBER_EXTERNAL_ID_TAKEN', `A member with externalId "${member.externalId ?? ''}" exists already in this group.`, 'externalId');
      default:
        throw error;
    }
  }
}
