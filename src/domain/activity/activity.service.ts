import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor, SystemActor } from '../shared/actor.js';
import { requireAdmin } from '../shared/authorize.js';
import { DomainError } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';
import { decodeCursor, pageSize, toPage, type Page, type PageRequest } from '../shared/page.js';
import { ActivityEvent, ActorType, type FieldChange } from './activity-event.entity.js';
import { feedPositionOf } from './feed-position.js';

export interface ActivityInput {
  readonly organizationId: string;
  readonly groupId: string | null;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string | null;
  readonly targetLabel: string;
  readonly changes?: Record<string, FieldChange>;
  /** The thing changed as it is after the change (absent or null after a deletion). */
  readonly resource?: Record<string, unknown> | null;
}

/** JSON with object keys sorted, so equal values compare equal whatever their key order (jsonb reorders keys). */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/** Field-by-field differences between two snapshots; unchanged fields are left out. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  const compare = (key: string) => {
    const a = before[key] ?? null;
    const b = after[key] ?? null;
    if (a === b) return;
    // Only two objects (lists, the manager) can be equal without being the same value.
    if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || stableJson(a) !== stableJson(b)) changes[key] = { before: a, after: b };
  };
  for (const key in before) compare(key);
  for (const key in after) if (!Object.hasOwn(before, key)) compare(key);
  return changes;
}

/** The actor's columns of an event: type, id, label (email or token name) and request id. */
export function actorColumns(actor: Actor | SystemActor): [ActorType, string | null, string, string | null] {
  switch (actor.kind) {
    case 'admin':
      return [ActorType.ADMIN, actor.adminId, actor.email, actor.requestId];
    case 'scimToken':
      return [ActorType.SCIM_TOKEN, actor.tokenId, actor.tokenName, actor.requestId];
    case 'system':
      return [ActorType.SYSTEM, null, 'system', null];
  }
}

/**
 * An activity insert for a statement's CTE: one event per row of the CTE `source` (which has
 * organization_id, group_id, id and the label column), written by the same statement as the
 * change, so they commit together. Parameters from `$first`: actor type, actor id, actor label,
 * action, changes (JSON), request id. `resource` is the SQL of the thing as it is after the
 * change (over `source`), or none for a deletion.
 */
export function activityInsertFrom(source: string, targetType: string, labelColumn: string, first: number, resource = 'null::jsonb'): string {
  const p = (i: number) => `$${first + i}`;
  return `insert into activity_event (organization_id, group_id, actor_type, actor_id, actor_label, action, target_type, target_id, target_label, changes, request_id, resource)
    select ${source}.organization_id, ${source}.group_id, ${p(0)}, ${p(1)}::uuid, ${p(2)}, ${p(3)}, '${targetType}', ${source}.id, ${source}.${labelColumn}, ${p(4)}::jsonb, ${p(5)}, ${resource} from ${source}`;
}

/** The parameters `activityInsertFrom` expects, in order. */
export function activityParams(actor: Actor | SystemActor, action: string, changes: Record<string, FieldChange>): unknown[] {
  const [type, id, label, requestId] = actorColumns(actor);
  return [type, id, label, action, JSON.stringify(changes), requestId];
}

/**
 * Records an event in the caller's unit of work: it is flushed in the same transaction as the
 * change it describes, so it commits with the change or not at all.
 */
export function recordActivity(em: EntityManager, actor: Actor | SystemActor, input: ActivityInput): ActivityEvent {
  const [actorType, actorId, actorLabel] = actorColumns(actor);
  const event = em.create(ActivityEvent, {
    organization: input.organizationId,
    groupId: input.groupId,
    actorType,
    actorId,
    actorLabel,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId,
    targetLabel: input.targetLabel,
    changes: input.changes ?? {},
    requestId: actor.requestId,
    resource: input.resource ?? null,
  });
  em.persist(event);
  return event;
}

/** An event-id cursor, checked to be digits (a bigint), so a forged one is a clear input error. */
function cursorId(after: string): string {
  const id = String(decodeCursor(after, 1)[0]);
  if (!/^\d{1,18}$/.test(id)) throw new DomainError('VALIDATION_FAILED', '`after` is not a cursor this list returned.', 'after');
  return id;
}

/** Narrows a log: every condition given must hold. */
export interface ActivityFilter {
  /** Exactly this action, e.g. `member.created`. */
  readonly action?: string | null;
  readonly actorType?: ActorType | null;
  /** The admin's email or the token's name as recorded, compared case-insensitively. */
  readonly actorLabel?: string | null;
  /** Changes of this one thing (a member, team, token); a malformed id matches nothing, like an unknown one. */
  readonly targetId?: string | null;
}

/** The filter as SQL conditions on activity_event, each with its parameters (null: no condition). */
function filterSql(filter: ActivityFilter): { sql: string; params: unknown[] } {
  const value = (v: string | null | undefined) => (v === undefined || v === null ? null : v);
  const label = value(filter.actorLabel);
  return {
    sql: `and (?::text is null or action = ?) and (?::text is null or actor_type = ?) and (?::text is null or lower(actor_label) = lower(?)) and (?::uuid is null or target_id = ?)`,
    params: [
      value(filter.action),
      value(filter.action),
      value(filter.actorType),
      value(filter.actorType),
      label,
      label,
      value(filter.targetId),
      value(filter.targetId),
    ],
  };
}

/** A filter no row can match, known before asking the database. */
const matchesNothing = (filter: ActivityFilter) => typeof filter.targetId === 'string' && !isUuid(filter.targetId);

/** Reads the activity log, newest first, keyset-paged on the event id. */
export class ActivityService {
  constructor(private readonly entityManager: () => EntityManager) {}

  /** This request's EntityManager, forked on first use. */
  private get em(): EntityManager {
    return this.entityManager();
  }

  /** The organization's whole log, newest first (the change feed's order, reversed). Admins only. */
  async listForOrganization(actor: Actor, page: PageRequest): Promise<Page<ActivityEvent>> {
    const admin = requireAdmin(actor);
    const size = pageSize(page.first);
    const [txid, id] = page.after ? feedPositionOf(page.after, 'this list') : [null, null];
    const rows = await this.em.execute<Record<string, unknown>[]>(
      `select * from activity_event where organization_id = ? and (?::xid8 is null or (txid, id) < (?::xid8, ?::bigint)) order by txid desc, id desc limit ?`,
      [admin.organizationId, txid, txid, id, size + 1],
    );
    return toPage(
      rows.map((row) => this.em.map(ActivityEvent, row)),
      size,
      (event) => [event.txid, event.id],
    );
  }

  async countForOrganization(actor: Actor): Promise<number> {
    return this.em.count(ActivityEvent, { organization: requireAdmin(actor).organizationId });
  }

  /** How many events of the group match the filter. Admins only. */
  async countForGroup(actor: Actor, groupId: string, filter: ActivityFilter = {}): Promise<number> {
    const admin = requireAdmin(actor);
    if (matchesNothing(filter)) return 0;
    const where = filterSql(filter);
    const [row] = await this.em.execute<{ count: string }[]>(
      `select count(*) as count from activity_event where organization_id = ? and group_id = ? ${where.sql}`,
      [admin.organizationId, groupId, ...where.params],
    );
    return Number(row?.count ?? 0);
  }

  /**
   * Pages of several groups' logs in one statement (for DataLoader), narrowed by the filter;
   * groups already in scope. Admins only.
   */
  async listOfGroups(actor: Actor, groupIds: readonly string[], page: PageRequest, filter: ActivityFilter = {}): Promise<Map<string, Page<ActivityEvent>>> {
    const admin = requireAdmin(actor);
    const size = pageSize(page.first);
    const before = page.after ? cursorId(page.after) : null;
    if (matchesNothing(filter)) return new Map(groupIds.map((id) => [id, toPage([], size, (e: ActivityEvent) => [e.id])]));
    const where = filterSql(filter);
    const rows = await this.em.execute<Record<string, unknown>[]>(
      `select e.* from unnest(array[?]::uuid[]) as g(id) cross join lateral (
         select * from activity_event where organization_id = ? and group_id = g.id and (?::bigint is null or id < ?) ${where.sql}
         order by id desc limit ?) e`,
      [groupIds as string[], admin.organizationId, before, before, ...where.params, size + 1],
    );
    const byGroup = new Map<string, ActivityEvent[]>();
    for (const row of rows) {
      const event = this.em.map(ActivityEvent, row);
      const key = event.groupId ?? '';
      byGroup.set(key, [...(byGroup.get(key) ?? []), event]);
    }
    return new Map(groupIds.map((id) => [id, toPage(byGroup.get(id) ?? [], size, (e) => [e.id])]));
  }
}
