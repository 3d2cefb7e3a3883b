import type { EntityManager } from '@mikro-orm/postgresql';
import { statement, type Sql } from '../../db/sql.js';
import { recordActivity } from '../activity/activity.service.js';
import { Organization } from '../organizations/organization.entity.js';
import { featuresOf } from '../organizations/organization.features.js';
import type { Actor } from '../shared/actor.js';
import { requireAdmin, requireWriter } from '../shared/authorize.js';
import { violatedUniqueConstraint } from '../shared/constraints.js';
import { DomainError } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';
import { decodeCursor, likePattern, pageSize, toPage, type Page, type PageRequest } from '../shared/page.js';
import { requiredText } from '../shared/text.js';
import { timestamp } from '../shared/rows.js';
import { Group, GroupKind } from './group.entity.js';

export const groupNameMaxLength = 200;

export interface GroupFilter {
  readonly kind?: GroupKind | null;
  /** Case-insensitive substring of the name; wildcards match literally. */
  readonly search?: string | null;
}

/** The group an actor may see with this id, or null: ids of other tenants look exactly like unknown ids. */
export async function findGroupInScope(em: EntityManager, actor: Actor, id: string): Promise<Group | null> {
  if (!isUuid(id)) return null;
  if (actor.kind === 'scimToken' && actor.groupId !== id) return null;
  return em.findOne(Group, { id, organization: actor.organizationId });
}

export async function getGroupInScope(em: EntityManager, actor: Actor, id: string): Promise<Group> {
  const group = await findGroupInScope(em, actor, id);
  if (!group) throw new DomainError('GROUP_NOT_FOUND', `No group with id "${id}".`, 'id');
  return group;
}

/** A group as reads return it: a plain object from its row. */
export interface GroupRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly name: string;
  /** lower(name): uniqueness and the sort key. */
  readonly nameKey: string;
  readonly kind: GroupKind;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What every read of a group answers with, record or entity alike (the GraphQL Group). */
export type GroupView = Pick<GroupRecord, 'id' | 'name' | 'kind' | 'createdAt' | 'updatedAt'>;

const groupColumns = 'g.id, g.organization_id, g.name, g.name_key, g.kind, g.created_at, g.updated_at';
const groupInOrganization = statement(`select ${groupColumns} from "group" g where g.id = $1 and g.organization_id = $2`);
const groupsById = statement(`select ${groupColumns} from "group" g where g.id = any($1::uuid[])`);

function groupFromRow(row: Record<string, unknown>): GroupRecord {
  return {
    id: row.id as string,
    organizationId: row.organization_id as string,
    name: row.name as string,
    nameKey: row.name_key as string,
    kind: row.kind as GroupKind,
    createdAt: timestamp(row.created_at),
    updatedAt: timestamp(row.updated_at),
  };
}

/** The WHERE of a group list (alias `g`) and its parameters. */
function groupConditions(organizationId: string, filter: GroupFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [organizationId];
  let sql = 'g.organization_id = $1';
  if (filter.kind) {
    params.push(filter.kind);
    sql += ` and g.kind = $${params.length}`;
  }
  if (filter.search?.trim()) {
    // name_key is lower-cased; likePattern escapes %, _ and \ so they match literally.
    params.push(likePattern(filter.search.trim().toLowerCase()));
    sql += ` and g.name_key like $${params.length}`;
  }
  return { sql, params };
}

/** Groups: list, read, create, rename, delete. */
export class GroupService {
  constructor(
    private readonly entityManager: () => EntityManager,
    private readonly sql: Sql,
    /** Told after a group is deleted (its tokens are gone: caches forget them). */
    private readonly onDeleted: (groupId: string) => void = () => undefined,
  ) {}

  /** This request's EntityManager, forked on first use. */
  private get em(): EntityManager {
    return this.entityManager();
  }

  /** The organization's groups ordered by name (case-insensitively), keyset-paged. Admins only. */
  async list(actor: Actor, filter: GroupFilter, page: PageRequest): Promise<Page<GroupRecord>> {
    const admin = requireAdmin(actor);
    const size = pageSize(page.first);
    const where = groupConditions(admin.organizationId, filter);
    const after = page.after ? String(decodeCursor(page.after, 1)[0]) : null;
    const n = where.params.length + 1;
    const rows = await this.sql.query(
      `select ${groupColumns} from "group" g where ${where.sql} and ($${n}::text is null or g.name_key > $${n}) order by g.name_key limit $${n + 1}`,
      [...where.params, after, size + 1],
    );
    return toPage(rows.map(groupFromRow), size, (group) => [group.nameKey]);
  }

  async count(actor: Actor, filter: GroupFilter): Promise<number> {
    const where = groupConditions(requireAdmin(actor).organizationId, filter);
    const [row] = await this.sql.query<{ count: string }>(`select count(*) as count from "group" g where ${where.sql}`, where.params);
    return Number(row?.count ?? 0);
  }

  /** Groups by id in one statement (for DataLoader); callers pass ids of rows already in scope. */
  async byIds(ids: readonly string[]): Promise<GroupRecord[]> {
    return (await this.sql.query(groupsById, [ids.filter(isUuid)])).map(groupFromRow);
  }

  /** A group in the actor's scope, or null (also for ids of other organizations). */
  async find(actor: Actor, id: string): Promise<GroupRecord | null> {
    if (!isUuid(id) || (actor.kind === 'scimToken' && actor.groupId !== id)) return null;
    const [row] = await this.sql.query(groupInOrganization, [id, actor.organizationId]);
    return row ? groupFromRow(row) : null;
  }

  /**
   * Creates a group. Rules: OWNER/ADMIN only; the name is unique in the organization
   * case-insensitively; SCIM groups need the PRO plan.
   * @throws AUTH_FORBIDDEN, PLAN_REQUIRED, GROUP_NAME_TAKEN, VALIDATION_FAILED
   */
  async create(actor: Actor, input: { name: string; kind: GroupKind }): Promise<Group> {
    const admin = requireWriter(actor);
    const name = requiredText(input.name, 'name', groupNameMaxLength);
    return this.em.transactional(async (em) => {
      const organization = await em.findOneOrFail(Organization, { id: admin.organizationId });
      if (input.kind === GroupKind.SCIM && !featuresOf(organization.plan).scim) {
        throw new DomainError(
          'PLAN_REQUIRED',
          `SCIM groups need the PRO plan; "${organization.name}" is on ${organization.plan}. Upgrade to connect an identity provider.`,
        );
      }
      const group = em.create(Group, { organization, name, kind: input.kind });
      recordActivity(em, admin, {
        organizationId: organization.id,
        groupId: group.id,
        action: 'group.created',
        targetType: 'Group',
        targetId: group.id,
        targetLabel: name,
        changes: { name: { before: null, after: name }, kind: { before: null, after: input.kind } },
        resource: { id: group.id, name, kind: input.kind },
      });
      await flushGroup(em, name);
      return group;
    });
  }

  /**
   * Renames a group.
   * @throws AUTH_FORBIDDEN, GROUP_NOT_FOUND, GROUP_NAME_TAKEN, VALIDATION_FAILED
   */
  async rename(actor: Actor, id: string, newName: string): Promise<Group> {
    const admin = requireWriter(actor);
    const name = requiredText(newName, 'name', groupNameMaxLength);
    return this.em.transactional(async (em) => {
      const group = await getGroupInScope(em, admin, id);
      if (group.name === name) return group;
      recordActivity(em, admin, {
        organizationId: admin.organizationId,
        groupId: group.id,
        action: 'group.renamed',
        targetType: 'Group',
        targetId: group.id,
        targetLabel: name,
        changes: { name: { before: group.name, after: name } },
        resource: { id: group.id, name, kind: group.kind },
      });
      group.name = name;
      await flushGroup(em, name);
      return group;
    });
  }

  /**
   * Deletes a group with its members, teams and tokens (the database cascades); the event keeps
   * what was removed.
   * @throws AUTH_FORBIDDEN, GROUP_NOT_FOUND
   */
  async delete(actor: Actor, id: string): Promise<{ id: string; name: string }> {
    const admin = requireWriter(actor);
    return this.em
      .transactional(async (em) => {
        const group = await getGroupInScope(em, admin, id);
        const [counts] = await em.execute<{ members: string; teams: string; tokens: string }[]>(
          `select (select count(*) from member where group_id = ?) as members, (select count(*) from team where group_id = ?) as teams, (select count(*) from scim_token where group_id = ?) as tokens`,
          [group.id, group.id, group.id],
        );
        recordActivity(em, admin, {
          organizationId: admin.organizationId,
          groupId: group.id,
          action: 'group.deleted',
          targetType: 'Group',
          targetId: group.id,
          targetLabel: group.name,
          changes: {
            name: { before: group.name, after: null },
            kind: { before: group.kind, after: null },
            members: { before: Number(counts?.members ?? 0), after: 0 },
            teams: { before: Number(counts?.teams ?? 0), after: 0 },
            tokens: { before: Number(counts?.tokens ?? 0), after: 0 },
          },
        });
        em.remove(group);
        await em.flush();
        // Its members' delete trigger counted them out of member_block, which has no foreign key.
        await em.execute('delete from member_block where group_id = ?', [group.id]);
        return { id: group.id, name: group.name };
      })
      .then((deleted) => {
        this.onDeleted(deleted.id);
        return deleted;
      });
  }
}

/** Flushes, turning the name's unique index into the domain's error (also under concurrent creates). */
async function flushGroup(em: EntityManager, name: string): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    if (violatedUniqueConstraint(error) === 'group_organization_name_unique') {
      throw new DomainError('GROUP_NAME_TAKEN', `A group named "${name}" exists already (names are compared case-insensitively).`, 'name');
    }
    throw error;
  }
}
