import { BigIntType, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Organization } from '../organizations/organization.entity.js';

export enum ActorType {
  ADMIN = 'ADMIN',
  SCIM_TOKEN = 'SCIM_TOKEN',
  SYSTEM = 'SYSTEM',
}

/** One changed field: its value before and after (null where it did not exist). */
export interface FieldChange {
  before: unknown;
  after: unknown;
}

/** An activity event as it is read: the entity, or a row of the change feed (event-feed.service.ts). */
export interface ActivityRecord {
  readonly id: string;
  readonly groupId: string | null;
  readonly actorType: ActorType;
  readonly actorId: string | null;
  readonly actorLabel: string;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string | null;
  readonly targetLabel: string;
  readonly changes: Record<string, FieldChange>;
  readonly requestId: string | null;
  readonly createdAt: Date;
  /** The thing changed as it is after the change (null after a deletion, and for events written before snapshots were kept). */
  readonly resource: Record<string, unknown> | null;
}

/**
 * Who changed what, when, through which door. Written in the same transaction as the change, so
 * a committed change always has its event and a failed one never does. The group and target are
 * plain ids (no foreign key): history outlives what it describes.
 */
@Entity({ tableName: 'activity_event' })
@Index({ name: 'activity_event_feed_index', properties: ['organization', 'txid', 'id'] })
@Index({ name: 'activity_event_group_id_index', properties: ['groupId', 'id'] })
export class ActivityEvent implements ActivityRecord {
  [OptionalProps]?: 'txid' | 'groupId' | 'actorId' | 'targetId' | 'changes' | 'requestId' | 'createdAt' | 'resource';

  /** Taken in insert order, which is not commit order: with `txid`, the order of the change feed. */
  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  id!: string;

  /**
   * The id of the transaction that wrote the event (`pg_current_xact_id()`, 64 bits, never wraps).
   * The feed orders by (txid, id) and serves only events of transactions older than every one
   * still in progress, so an event that commits late is never passed over (activity-feed.ts).
   */
  @Property({ type: 'xid8', defaultRaw: 'pg_current_xact_id()', lazy: true })
  txid!: string;

  /**
   * No foreign key: every event's organization comes from a row that has one (a member, a team, a
   * group, a token), and the check on each insert (a `FOR KEY SHARE` lock of the organization's
   * row, shared by every concurrent write of the tenant) cost about a seventh of a SCIM write's
   * PostgreSQL time (docs/benchmarks.md). Deleting an organization still deletes its events: a
   * statement trigger on `organization` (migration activity_event_organization_trigger).
   */
  @ManyToOne(() => Organization, { deleteRule: 'cascade', createForeignKeyConstraint: false })
  organization!: Rel<Organization>;

  @Property({ type: 'uuid', nullable: true })
  groupId: string | null = null;

  @Enum({ items: () => ActorType, type: 'text' })
  actorType!: ActorType;

  /** The admin's or token's id; null for SYSTEM. */
  @Property({ type: 'uuid', nullable: true })
  actorId: string | null = null;

  /** The admin's email or the token's name at the time. */
  @Property({ type: 'text' })
  actorLabel!: string;

  /** `<area>.<verb>`, e.g. `group.created`, `member.deactivated`. */
  @Property({ type: 'text' })
  action!: string;

  @Property({ type: 'text' })
  targetType!: string;

  @Property({ type: 'uuid', nullable: true })
  targetId: string | null = null;

  /** The target's name at the time (group name, userName, …). */
  @Property({ type: 'text' })
  targetLabel!: string;

  @Property({ type: 'jsonb', default: '{}' })
  changes: Record<string, FieldChange> = {};

  @Property({ type: 'text', nullable: true })
  requestId: string | null = null;

  /**
   * The thing changed as it is after the change, as the change feed serves it: a member's or a
   * team's attributes, a group's name and kind, a token's name and last four (never a secret).
   * Null after a deletion (`changes` keeps what was removed).
   */
  @Property({ type: 'jsonb', nullable: true })
  resource: Record<string, unknown> | null = null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
