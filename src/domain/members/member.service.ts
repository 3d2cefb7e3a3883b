import { randomUUID } from 'node:crypto';
import type { Queryable, Sql } from '../../db/sql.js';
import { activityParams, actorColumns, diff } from '../activity/activity.service.js';
import { assertMembershipWritable, groupInScope } from '../groups/group.access.js';
import { GroupKind } from '../groups/group.entity.js';
import type { Actor } from '../shared/actor.js';
import { DomainError } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';
import { violatedConstraint } from '../shared/constraints.js';
import { decodeCursor, likePattern, pageSize, toPage, type Page, type PageRequest } from '../shared/page.js';
import { compileCondition, type Condition } from '../shared/condition.js';
import { searchPage, type SearchQuery } from '../shared/search.js';
import { memberFields, memberSortFields } from './member.fields.js';
import {
  memberStateColumns,
  blankMemberState,
  memberColumns,
  memberAfterSet,
  memberFromRow,
  memberTeamsColumn,
  stateOf,
  stateParams,
  type MemberReader,
  type MemberRecord,
  type MemberState,
  type MemberView,
} from './member.record.js';
import { applyMemberAttributes, memberSnapshot, normalizeMemberAttributes } from './member.rules.js';
import {
  deleteInGroup,
  deleteMember,
  findInGroup,
  findInOrganization,
  insertMember,
  lockInGroup,
  lockInOrganization,
  memberPageByBlocks,
  memberPageByBlocksWithTeams,
  memberTotals,
  setInGroup,
  updateMember,
} from './member.statements.js';
import type { MemberAttributes } from './member.values.js';

export interface MemberFilter {
  /** Case-insensitive substring of userName, names, display name or any email. */
  readonly search?: string | null;
  readonly active?: boolean | null;
}

/** Options of a change: a precondition on the version (If-Match), and whether to return the teams. */
export interface ChangeOptions {
  /** Checked against the version the change is applied to; false → MEMBER_VERSION_MISMATCH. */
  readonly ifMatch?: ((version: number) => boolean) | undefined;
}

type Row = Record<string, unknown>;

/**
 * Fields no two members of a group share (`member_pkey`, `member_group_user_name_unique` on the
 * lower-cased userName, `member_group_external_id_unique`), compared as those indexes compare them.
 */
const uniqueInGroup: ReadonlySet<string> = new Set(['id', 'userName', 'externalId']);

/** Whether a condition can match at most one member of a group: `eq` on a unique field, with a value. */
function matchesAtMostOne(condition: Condition | null): boolean {
  return condition?.kind === 'compare' && condition.op === 'eq' && condition.value !== null && uniqueInGroup.has(condition.field);
}

/** Members of a group: the people an identity provider (or an admin, in STANDARD groups) manages. */
export class MemberService {
  constructor(private readonly sql: Sql) {}

  /**
   * Pages of several groups' members in one statement (for DataLoader): a lateral join walks the
   * (group_id, user_name_key) index once per group. The caller has checked the groups' scope.
   * With a reader (memberReaderFor), only its columns are selected and its records returned.
   */
  listOfGroups(groupIds: readonly string[], filter: MemberFilter, page: PageRequest): Promise<Map<string, Page<MemberRecord>>>;
  listOfGroups(groupIds: readonly string[], filter: MemberFilter, page: PageRequest, reader: MemberReader): Promise<Map<string, Page<MemberView>>>;
  async listOfGroups(groupIds: readonly string[], filter: MemberFilter, page: PageRequest, reader?: MemberReader): Promise<Map<string, Page<MemberView>>> {
    const size = pageSize(page.first);
    const after = page.after ? String(decodeCursor(page.after, 1)[0]) : null;
    const result = new Map<string, Page<MemberView>>();
    if (groupIds.length === 0) return result;
    const conditions = memberConditions(filter, 2);
    const n = 2 + conditions.params.length;
    const columns = reader ? reader.columns('m') : memberColumns;
    const rows = await this.sql.query<Row>(
      `select ${columns} from unnest($1::uuid[]) as g(id) cross join lateral (
         select ${columns} from member m where m.group_id = g.id ${conditions.sql} and ($${n}::text is null or m.user_name_key > $${n})
         order by m.user_name_key limit $${n + 1}) m`,
      [groupIds, ...conditions.params, after, size + 1],
    );
    const read = reader ? reader.read : memberFromRow;
    const byGroup = new Map<string, MemberView[]>();
    for (const row of rows) {
      const member = read(row);
      const list = byGroup.get(member.groupId);
      if (list) list.push(member);
      else byGroup.set(member.groupId, [member]);
    }
    for (const id of groupIds)
      result.set(
        id,
        toPage(byGroup.get(id) ?? [], size, (m) => [m.userNameKey]),
      );
    return result;
  }

  /**
   * Index-paged search for the SCIM facade: members of a group matching a condition (compiled to
   * SQL, never evaluated in memory), `startIndex` 1-based, in a stable order (the sort field, then
   * creation, then id), with each member's teams when `withTeams`. The page is found on the narrow
   * (group, created_at, id) index first and only its rows are read in full; page, total and teams
   * come back in one statement.
   * @throws GROUP_NOT_FOUND, VALIDATION_FAILED (unknown field, mistyped value)
   */
  async search(actor: Actor, groupId: string, query: SearchQuery & { withTeams?: boolean }): Promise<{ total: number; items: MemberRecord[] }> {
    const scope = (await groupInScope(this.sql, actor, groupId)).id;
    if (!query.condition && !query.sortBy && !query.descending) {
      // The whole group in creation order (an identity provider's import): from the member blocks.
      if (query.count === 0) return { total: (await this.countOfGroups([scope])).get(scope) ?? 0, items: [] };
      const rows = await this.sql.query<Row>(query.withTeams ? memberPageByBlocksWithTeams : memberPageByBlocks, [scope, query.startIndex, query.count]);
      return { total: Number(rows[0]?.total_matches ?? 0), items: rows.filter((row) => row.id !== null).map(memberFromRow) };
    }
    const where = query.condition ? compileCondition(query.condition, memberFields, 'm', 2) : { sql: 'true', params: [] };
    if (matchesAtMostOne(query.condition)) {
      // An identity provider's lookup before each create (`userName eq`, `externalId eq`): one
      // index probe, no window, sort or second read of the row; order and total follow from it.
      const rows = await this.sql.query<Row>(
        `select ${memberColumns}${query.withTeams ? `, ${memberTeamsColumn}` : ''} from member m where m.group_id = $1 and ${where.sql}`,
        [scope, ...where.params],
      );
      return { total: rows.length, items: query.startIndex === 1 && query.count > 0 ? rows.map(memberFromRow) : [] };
    }
    const sort = query.sortBy ? memberSortFields[query.sortBy] : undefined;
    if (query.sortBy && !sort) throw new DomainError('VALIDATION_FAILED', `Members cannot be sorted by "${query.sortBy}".`, 'sortBy');
    const direction = query.descending ? 'desc' : 'asc';
    // Ties in creation order (`seq`, one sequence: stable, and what the block-paged list uses).
    const order = `${sort ? `${sort('m')} ${direction}, ` : ''}m.seq ${direction}`;
    const n = 2 + where.params.length;
    const { total, rows } = await searchPage(this.sql, {
      countSql: `select count(*) as total from member m where m.group_id = $1 and ${where.sql}`,
      countParams: [scope, ...where.params],
      pageSql: `select ${memberColumns}${query.withTeams ? `, ${memberTeamsColumn}` : ''}, page.total_matches from member m
       join (select m.id, m.total_matches, row_number() over () as position from (
         select m.id, count(*) over () as total_matches from member m where m.group_id = $1 and ${where.sql} order by ${order} limit $${n} offset $${n + 1}) m) page
       on page.id = m.id order by page.position`,
      pageParams: [scope, ...where.params, query.count, query.startIndex - 1],
      startIndex: query.startIndex,
      count: query.count,
    });
    return { total, items: rows.map(memberFromRow) };
  }

  /** Member counts of several groups in one statement (for DataLoader). */
  async countOfGroups(groupIds: readonly string[], filter: MemberFilter = {}): Promise<Map<string, number>> {
    if ((filter.active === undefined || filter.active === null) && !filter.search?.trim()) {
      const totals = await this.sql.query<{ group_id: string; count: string }>(memberTotals, [groupIds]);
      return new Map(totals.map((row) => [row.group_id, Number(row.count)]));
    }
    const conditions = memberConditions(filter, 2);
    const rows = await this.sql.query<{ group_id: string; count: string }>(
      `select m.group_id, count(*) as count from member m where m.group_id = any($1::uuid[]) ${conditions.sql} group by m.group_id`,
      [groupIds, ...conditions.params],
    );
    return new Map(rows.map((row) => [row.group_id, Number(row.count)]));
  }

  /** The member an actor may see with this id, or null (other tenants' ids look unknown). A token's reads include the teams. */
  async find(actor: Actor, id: string): Promise<MemberRecord | null> {
    return (await this.read(this.sql, actor, id))?.member ?? null;
  }

  /**
   * Adds a member to a group, with its event, in one statement. Rules: only the group's writer
   * (admins for STANDARD, its token for SCIM); userName unique per group case-insensitively;
   * externalId unique per group.
   * @throws GROUP_NOT_FOUND, GROUP_SCIM_MANAGED, AUTH_FORBIDDEN, MEMBER_USERNAME_TAKEN, MEMBER_EXTERNAL_ID_TAKEN, VALIDATION_FAILED
   */
  async create(actor: Actor, groupId: string, attributes: MemberAttributes): Promise<MemberRecord> {
    const normalized = normalizeMemberAttributes(attributes);
    const group = await groupInScope(this.sql, actor, groupId);
    const writer = assertMembershipWritable(actor, group);
    const state = blankMemberState(normalized.userName ?? attributes.userName);
    applyMemberAttributes(state, normalized);
    const changes = diff({}, dropEmpty(memberSnapshot(state)));
    const rows = await this.write(
      () =>
        this.sql.query<Row>(insertMember, [
          randomUUID(),
          group.organizationId,
          group.id,
          ...stateParams(state),
          ...activityParams(writer, 'member.created', changes),
        ]),
      state,
      group.id,
    );
    const [row] = rows;
    if (!row) throw new Error('member insert returned no row');
    return { ...memberFromRow(row), teams: [] };
  }

  /**
   * Changes the given attributes (absent ones stay as they are). A change that changes nothing
   * writes nothing and records nothing.
   * @throws MEMBER_NOT_FOUND, MEMBER_VERSION_MISMATCH, GROUP_SCIM_MANAGED, AUTH_FORBIDDEN, MEMBER_USERNAME_TAKEN, MEMBER_EXTERNAL_ID_TAKEN, VALIDATION_FAILED
   */
  async update(actor: Actor, id: string, changes: Partial<MemberAttributes>, options: ChangeOptions = {}): Promise<MemberRecord> {
    if (actor.kind !== 'scimToken' || options.ifMatch) return this.modify(actor, id, () => changes, options);
    // A SCIM token in its own group (always its writer) with no precondition: the change does not
    // depend on the current values, so it is one statement that locks, compares and writes.
    if (!isUuid(id)) throw memberNotFound(id);
    const normalized = normalizeMemberAttributes(changes);
    const next = blankMemberState(normalized.userName ?? '');
    applyMemberAttributes(next, normalized);
    const set = new Set(Object.keys(normalized).map((key) => (key === 'organization' ? 'enterpriseOrganization' : key)));
    if (set.size === 0) {
      // Nothing to set: the member as it is (or not found).
      const found = await this.read(this.sql, actor, id);
      if (!found) throw memberNotFound(id);
      return found.member;
    }
    const values = stateParams(next);
    const changed = memberStateColumns.flatMap(([property], i) => (set.has(property) ? [values[i]] : []));
    const [type, actorId, label, requestId] = actorColumns(actor);
    const [row] = await this.write(
      () => this.sql.query<Row>(setInGroup(set), [id, actor.groupId, ...changed, type, actorId, label, requestId]),
      next,
      actor.groupId,
    );
    if (!row) throw memberNotFound(id);
    return memberAfterSet(row, next, set);
  }

  /**
   * A read-modify-write: reads the member, asks `change` for the attributes to set given what it
   * is now (a SCIM PATCH is applied to the current resource), and writes them only if nobody
   * changed the member in between. The first attempt is optimistic (a read, then one write that
   * checks the version); if another request won the race, the second attempt locks the row, so
   * it cannot lose again and no concurrent change is lost. The If-Match precondition is checked
   * against the version the write applies to. The result keeps the teams the read returned (an
   * attribute change does not touch them).
   * @throws as update
   */
  async modify(actor: Actor, id: string, change: (current: MemberRecord) => Partial<MemberAttributes>, options: ChangeOptions = {}): Promise<MemberRecord> {
    const optimistic = await this.modifyOnce(this.sql, actor, id, change, options, false);
    if (optimistic) return optimistic;
    const locked = await this.sql.transaction((tx) => this.modifyOnce(tx, actor, id, change, options, true));
    if (!locked) throw new Error('a locked member changed under its lock');
    return locked;
  }

  /** Deactivates (the member stays readable and listed) or reactivates. Same rules as update. */
  setActive(actor: Actor, id: string, active: boolean, options: ChangeOptions = {}): Promise<MemberRecord> {
    return this.update(actor, id, { active }, options);
  }

  /**
   * Removes a member (and its team memberships), with its event, as it was read (optimistic
   * first, then under the row lock, as modify). A later create with the same userName works.
   * @throws MEMBER_NOT_FOUND, MEMBER_VERSION_MISMATCH, GROUP_SCIM_MANAGED, AUTH_FORBIDDEN
   */
  async delete(actor: Actor, id: string, options: ChangeOptions = {}): Promise<{ id: string; userName: string }> {
    if (actor.kind === 'scimToken' && !options.ifMatch) {
      // One statement: the row goes with its event, whose changes PostgreSQL lists from the row.
      if (!isUuid(id)) throw memberNotFound(id);
      const [type, actorId, label, requestId] = actorColumns(actor);
      const [deleted] = await this.sql.query<{ id: string; user_name: string }>(deleteInGroup, [id, actor.groupId, type, actorId, label, requestId]);
      if (!deleted) throw memberNotFound(id);
      return { id: deleted.id, userName: deleted.user_name };
    }
    const optimistic = await this.deleteOnce(this.sql, actor, id, options, false);
    if (optimistic) return optimistic;
    const locked = await this.sql.transaction((tx) => this.deleteOnce(tx, actor, id, options, true));
    if (!locked) throw new Error('a locked member changed under its lock');
    return locked;
  }

  /** One attempt of modify: the changed record, or null when the member changed since it was read. */
  private async modifyOnce(
    q: Queryable,
    actor: Actor,
    id: string,
    change: (current: MemberRecord) => Partial<MemberAttributes>,
    options: ChangeOptions,
    lock: boolean,
  ): Promise<MemberRecord | null> {
    const { member: current, group } = await this.readForChange(q, actor, id, lock);
    const writer = assertMembershipWritable(actor, group);
    checkVersion(current, options);
    const normalized = normalizeMemberAttributes(change(current));
    const next = stateOf(current);
    applyMemberAttributes(next, normalized);
    const changed = diff({ ...memberSnapshot(current) }, { ...memberSnapshot(next) });
    if (Object.keys(changed).length === 0) return current;
    const action = 'active' in changed ? (next.active ? 'member.reactivated' : 'member.deactivated') : 'member.updated';
    const [row] = await this.write(
      () => q.query<Row>(updateMember, [current.id, current.version, ...stateParams(next), ...activityParams(writer, action, changed)]),
      next,
      current.groupId,
    );
    return row ? { ...memberFromRow(row), ...(current.teams ? { teams: current.teams } : {}) } : null;
  }

  private async deleteOnce(q: Queryable, actor: Actor, id: string, options: ChangeOptions, lock: boolean): Promise<{ id: string; userName: string } | null> {
    const { member, group } = await this.readForChange(q, actor, id, lock);
    const writer = assertMembershipWritable(actor, group);
    checkVersion(member, options);
    const changes = diff(dropEmpty(memberSnapshot(member)), {});
    const deleted = await q.query(deleteMember, [member.id, member.version, ...activityParams(writer, 'member.deleted', changes)]);
    return deleted.length > 0 ? { id: member.id, userName: member.userName } : null;
  }

  /** The member in scope and what the write rules need of its group; a token's read includes the teams. */
  private async read(
    q: Queryable,
    actor: Actor,
    id: string,
    lock = false,
  ): Promise<{ member: MemberRecord; group: { kind: GroupKind; name: string | null } } | null> {
    if (!isUuid(id)) return null;
    if (actor.kind === 'scimToken') {
      const [row] = await q.query<Row>(lock ? lockInGroup : findInGroup, [id, actor.groupId]);
      return row ? { member: memberFromRow(row), group: { kind: GroupKind.SCIM, name: null } } : null;
    }
    const [row] = await q.query<Row & { group_kind: GroupKind; group_name: string }>(lock ? lockInOrganization : findInOrganization, [
      id,
      actor.organizationId,
    ]);
    return row ? { member: memberFromRow(row), group: { kind: row.group_kind, name: row.group_name } } : null;
  }

  private async readForChange(q: Queryable, actor: Actor, id: string, lock: boolean) {
    const found = await this.read(q, actor, id, lock);
    if (!found) throw memberNotFound(id);
    return found;
  }

  /** Runs a member write, turning the unique indexes and a vanished group into the domain's errors. */
  private async write<T>(run: () => Promise<T>, state: MemberState, groupId: string): Promise<T> {
    try {
      return await run();
    } catch (error) {
      switch (violatedConstraint(error)) {
        case 'member_group_user_name_unique':
          throw new DomainError(
            'MEMBER_USERNAME_TAKEN',
            `A member with userName "${state.userName}" exists already in this group (compared case-insensitively).`,
            'userName',
          );
        case 'member_group_external_id_unique':
          throw new DomainError('MEMBER_EXTERNAL_ID_TAKEN', `A member with externalId "${state.externalId ?? ''}" exists already in this group.`, 'externalId');
        case 'member_organization_group_foreign':
          // The group was deleted while this request ran.
          throw new DomainError('GROUP_NOT_FOUND', `No group with id "${groupId}".`, 'id');
        default:
          throw error;
      }
    }
  }
}

function memberNotFound(id: string): DomainError {
  return new DomainError('MEMBER_NOT_FOUND', `No member with id "${id}".`, 'id');
}

function checkVersion(member: MemberRecord, options: ChangeOptions): void {
  if (options.ifMatch && !options.ifMatch(member.version)) {
    throw new DomainError('MEMBER_VERSION_MISMATCH', `The member has changed since you read it (it is at version ${member.version}); read it again and retry.`);
  }
}

/** SQL conditions (each starting with `and`, over alias `m`) and their parameters for a member filter, numbered from `first`. */
function memberConditions(filter: MemberFilter, first: number): { sql: string; params: unknown[] } {
  let sql = '';
  const params: unknown[] = [];
  if (filter.active !== undefined && filter.active !== null) {
    params.push(filter.active);
    sql += ` and m.active = $${first + params.length - 1}`;
  }
  const search = filter.search?.trim();
  if (search) {
    // Emails are searched in their JSON text; likePattern escapes %, _ and \ so they match literally.
    params.push(likePattern(search));
    const p = `$${first + params.length - 1}`;
    sql += ` and (m.user_name ilike ${p} or m.given_name ilike ${p} or m.family_name ilike ${p} or m.display_name ilike ${p} or m.emails::text ilike ${p})`;
  }
  return { sql, params };
}

/** Leaves out empty values, so a creation event lists only what was set. */
function dropEmpty(snapshot: MemberAttributes): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const key in snapshot) {
    const value = (snapshot as unknown as Record<string, unknown>)[key];
    if (!isEmpty(value)) kept[key] = value;
  }
  return kept;
}

/** null, an empty list or an empty object: nothing set. */
function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}
