import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Organization } from '../organizations/organization.entity.js';

/**
 * Where an organization's events are sent (Standard Webhooks v1), and how far they have been:
 * `feedTxid`/`feedEventId` is the change-feed position up to which deliveries have been created
 * for it (an endpoint hears of the events after its creation, in feed order).
 */
@Entity({ tableName: 'webhook_endpoint' })
@Index({ properties: ['organization'] })
export class WebhookEndpoint {
  [OptionalProps]?:
    | 'createdAt'
    | 'updatedAt'
    | 'description'
    | 'eventTypes'
    | 'groupIds'
    | 'enabled'
    | 'previousSecret'
    | 'previousSecretUntil'
    | 'disabledReason'
    | 'failingSince'
    | 'version'
    | 'leaseUntil';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @Property({ type: 'text' })
  url!: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  /** Only these event types (null: all). */
  @Property({ type: 'text[]', nullable: true })
  eventTypes: string[] | null = null;

  /** Only events of these groups (null: all). */
  @Property({ type: 'uuid[]', nullable: true })
  groupIds: string[] | null = null;

  @Property({ type: 'boolean', default: true })
  enabled: boolean = true;

  /** The signing secret (`whsec_…`), shown once; kept to sign with, never returned or logged. */
  @Property({ type: 'text', hidden: true, lazy: true })
  secret!: string;

  /** After a rotation, the old secret signs alongside the new one until `previousSecretUntil`. */
  @Property({ type: 'text', nullable: true, hidden: true, lazy: true })
  previousSecret: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  previousSecretUntil: Date | null = null;

  /** Why Roster disabled it (410 Gone, failing for days); null when an admin did, or when enabled. */
  @Property({ type: 'text', nullable: true })
  disabledReason: string | null = null;

  /** Since when every attempt has failed (null while deliveries succeed). */
  @Property({ type: 'timestamptz', nullable: true })
  failingSince: Date | null = null;

  /** While an instance sends one of its messages: no other instance sends to it before this time. */
  @Property({ type: 'timestamptz', nullable: true, lazy: true })
  leaseUntil: Date | null = null;

  @Property({ type: 'xid8', lazy: true })
  feedTxid!: string;

  @Property({ type: 'bigint', lazy: true })
  feedEventId!: string;

  @Property({ type: 'integer', default: 1 })
  version: number = 1;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
