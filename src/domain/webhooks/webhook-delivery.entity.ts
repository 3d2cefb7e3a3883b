import { BigIntType, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Organization } from '../organizations/organization.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

/**
 * One event to send to one endpoint: its message (the payload, kept whole, so retries and replays
 * send the same bytes even after the event is pruned), its place in the feed's order (an endpoint's
 * deliveries go out one at a time in that order), and where it stands. Its id is the message's
 * `webhook-id`, the same on every retry.
 */
@Entity({ tableName: 'webhook_delivery' })
@Index({ name: 'webhook_delivery_queue_index', properties: ['endpoint', 'eventTxid', 'eventId'] })
@Index({
  name: 'webhook_delivery_head_index',
  expression: `create index "webhook_delivery_head_index" on "webhook_delivery" ("endpoint_id", "event_txid", "event_id") where "status" = 'PENDING'`,
})
@Index({ name: 'webhook_delivery_completed_index', properties: ['completedAt'] })
/** An endpoint's deliveries as its list shows them, latest queued first (WebhookService.deliveries). */
@Index({ name: 'webhook_delivery_list_index', properties: ['endpoint', 'createdAt', 'eventTxid', 'eventId', 'id'] })
export class WebhookDelivery {
  [OptionalProps]?: 'createdAt' | 'attempts' | 'status' | 'nextAttemptAt' | 'completedAt' | 'lastStatus';

  @PrimaryKey({ type: 'text' })
  id!: string;

  @ManyToOne(() => WebhookEndpoint, { deleteRule: 'cascade' })
  endpoint!: Rel<WebhookEndpoint>;

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @Property({ type: new BigIntType('string') })
  eventId!: string;

  @Property({ type: 'xid8' })
  eventTxid!: string;

  @Property({ type: 'text' })
  eventType!: string;

  /** The message body as sent (JSON text). */
  @Property({ type: 'text' })
  payload!: string;

  /** PENDING (queued or retrying), SUCCEEDED, FAILED (given up after the last retry, or its endpoint said 410). */
  @Property({ type: 'text', default: 'PENDING' })
  status: string = 'PENDING';

  @Property({ type: 'integer', default: 0 })
  attempts: number = 0;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  nextAttemptAt: Date = new Date();

  @Property({ type: 'integer', nullable: true })
  lastStatus: number | null = null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  completedAt: Date | null = null;
}

/** One try at sending a delivery: when, what came back (status, first 2 KB), how long it took. */
@Entity({ tableName: 'webhook_attempt' })
@Index({ properties: ['delivery', 'id'] })
export class WebhookAttempt {
  [OptionalProps]?: 'attemptedAt' | 'status' | 'error' | 'responseBody';

  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  id!: string;

  @ManyToOne(() => WebhookDelivery, { deleteRule: 'cascade' })
  delivery!: Rel<WebhookDelivery>;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  attemptedAt: Date = new Date();

  /** The receiver's HTTP status; null when none came (refused, timed out, blocked address). */
  @Property({ type: 'integer', nullable: true })
  status: number | null = null;

  @Property({ type: 'integer' })
  durationMs!: number;

  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  @Property({ type: 'text', nullable: true })
  responseBody: string | null = null;
}
