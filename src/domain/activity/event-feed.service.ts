import { statement, type Sql } from '../../db/sql.js';
import type { Actor } from '../shared/actor.js';
import { requireAdmin } from '../shared/authorize.js';
import { DomainError } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';
import { timestamp } from '../shared/rows.js';
import { pageSize } from '../shared/page.js';
import { ActorType, type ActivityRecord, type FieldChange } from './activity-event.entity.js';
import { expandEventTypes } from './event-types.js';
import { feedCursor, feedPositionOf } from './feed-position.js';

/**
 * The change feed: an organization's activity events in one total order a consumer pages through
 * with a cursor, oldest first, for as long as they are kept (EVENT_RETENTION_DAYS).
 *
 * Event ids are taken in insert order, but transactions commit in another: a reader keyed on the
 * id alone would page past the event of a slow transaction that commits after a later id was
 * served, and never see it. So the order is (txid, id) — the writing transaction's id first — and
 * only events of transactions older than every transaction still in progress are served
 * (`txid < pg_snapshot_xmin(pg_current_snapshot())`): every transaction below that horizon has
 * ended, so nothing can ever appear before a position once it has been served. The price is that
 * the feed's end waits for the oldest open write transaction on the database server (an idle
 * session left in a transaction holds it back; it never makes it skip).
 */

/** The feed's filter: some groups (ids), some event types (exact, or `area.*`). */
export interface EventFeedFilter {
  readonly groupIds?: readonly string[] | null;
  readonly types?: readonly string[] | null;
}

export interface EventFeedRequest {
  readonly after?: string | null;
  readonly first?: number | null;
  readonly filter?: EventFeedFilter | null;
}

export interface EventFeedPage {
  readonly events: readonly ActivityRecord[];
  /** One per event: pass it as `after` to continue after that event. */
  readonly cursors: readonly string[];
  /** Where to continue: after the last event served, or the `after` given when none was. */
  readonly endCursor: string | null;
  /** Whether more events are ready now; when false, ask again later with `endCursor`. */
  readonly hasNextPage: boolean;
}

/** Most groups one filter may name. */
export const maxFilterGroups = 100;

/**
 * The feed's horizon, for an activity_event row aliased `alias`: only events of transactions older
 * than every transaction still in progress (see above). Every reader of the feed — the GraphQL
 * feed, the webhook dispatcher — keeps to it, or a late commit could be passed over.
 */
export function belowFeedHorizon(alias: string): string {
  return `${alias}.txid < pg_snapshot_xmin(pg_current_snapshot())`;
}

/** The columns of an event as the feed reads it (feedRecordOf maps them), from the row aliased `alias`. */
export function feedEventColumns(alias: string): string {
  return [
    'id',
    'txid::text as txid',
    'group_id',
    'actor_type',
    'actor_id',
    'actor_label',
    'action',
    'target_type',
    'target_id',
    'target_label',
    'changes',
    'request_id',
    'created_at',
    'resource',
  ]
    .map((column) => `${alias}.${column}`)
    .join(', ');
}

/**
 * One page. $1 organization, $2/$3 cursor (txid, id) or nulls, $4 group ids or null, $5 types or
 * null, $6 limit. The first row says whether the cursor is older than what was pruned (then
 * there may be no events: the left join keeps that row).
 */
const page = statement(
  `select coalesce((select (p.txid, p.event_id) > ($2::xid8, $3::bigint) from activity_event_pruned p where p.organization_id = $1), false) as cursor_expired,
          e.*
     from (select) as one
     left join lateral (
       select ${feedEventColumns('e')}
         from activity_event e
        where e.organization_id = $1
          and ($2::xid8 is null or (e.txid, e.id) > ($2::xid8, $3::bigint))
          and ${belowFeedHorizon('e')}
          and ($4::uuid[] is null or e.group_id = any($4::uuid[]))
          and ($5::text[] is null or e.action = any($5::text[]))
        order by e.txid, e.id
        limit $6
     ) e on true`,
);

/** An event row as feedEventColumns selects it. */
export interface FeedEventRow {
  id: string;
  txid: string;
  group_id: string | null;
  actor_type: ActorType;
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string | null;
  target_label: string;
  changes: Record<string, FieldChange>;
  request_id: string | null;
  created_at: unknown;
  resource: Record<string, unknown> | null;
}

/** A page's row: an event, or none (id null) when the page is empty, with the cursor's verdict. */
interface FeedRow extends Omit<FeedEventRow, 'id'> {
  cursor_expired: boolean;
  id: string | null;
}

export class EventFeedService {
  constructor(private readonly sql: Sql) {}

  /** The events after `after` (from the oldest kept when null), up to `first`. Admins of any role. */
  async events(actor: Actor, request: EventFeedRequest): Promise<EventFeedPage> {
    const admin = requireAdmin(actor);
    const size = pageSize(request.first);
    const [txid, id] = request.after ? feedPositionOf(request.after, 'the event feed') : [null, null];
    const groupIds = request.filter?.groupIds ?? null;
    if (groupIds && groupIds.length > maxFilterGroups) {
      throw new DomainError('VALIDATION_FAILED', `A filter may name at most ${maxFilterGroups} groups (got ${groupIds.length}).`, 'filter.groupIds');
    }
    // An id that is not a UUID names no group: like one of another organization, it matches nothing.
    const groups = groupIds?.filter(isUuid) ?? null;
    const types = request.filter?.types ? expandEventTypes(request.filter.types, 'filter.types') : null;
    const rows = await this.sql.query<FeedRow>(page, [admin.organizationId, txid, id, groups, types, size + 1]);
    if (rows[0]?.cursor_expired) {
      throw new DomainError(
        'EVENT_CURSOR_EXPIRED',
        'Events after this cursor have been pruned (they are kept for EVENT_RETENTION_DAYS): resynchronise from the lists (groups, members, teams), then follow the feed again from a fresh cursor (`after: null` starts at the oldest event kept).',
        'after',
      );
    }
    const found = rows.filter((row): row is FeedRow & FeedEventRow => row.id !== null);
    const served = found.slice(0, size);
    const cursors = served.map((row) => feedCursor(row.txid, row.id));
    return {
      events: served.map(feedRecordOf),
      cursors,
      endCursor: cursors.at(-1) ?? request.after ?? null,
      hasNextPage: found.length > size,
    };
  }
}

/** An event row (feedEventColumns) as the feed serves it. */
export function feedRecordOf(row: FeedEventRow): ActivityRecord {
  return {
    id: row.id,
    groupId: row.group_id,
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    targetLabel: row.target_label,
    changes: row.changes,
    requestId: row.request_id,
    createdAt: timestamp(row.created_at),
    resource: row.resource,
  };
}
