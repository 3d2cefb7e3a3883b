import { Webhook } from 'standardwebhooks';
import { Periodic } from '../../db/periodic.js';
import { statement, type Queryable, type Sql } from '../../db/sql.js';
import { belowFeedHorizon, feedEventColumns, feedRecordOf, type FeedEventRow } from '../activity/event-feed.service.js';
import { feedCursor } from '../activity/feed-position.js';
import { timestamp } from '../shared/rows.js';
import type { OutboundPolicy } from './webhook-address.js';
import { sendWebhook, type SendResult } from './webhook-sender.js';
import { newMessageId } from './webhook.service.js';

/**
 * Sends webhooks, in the background of every instance — never inside a SCIM or GraphQL request.
 *
 * 1. **Dispatch.** Each enabled endpoint keeps its position in its organization's change feed;
 *    the worker reads the events after it (below the feed's horizon, so an event that commits late
 *    is never passed over), queues a delivery for each event the endpoint's filters take, and
 *    moves the position — in one transaction, on endpoint rows locked with SKIP LOCKED, so two
 *    instances never queue an event twice.
 * 2. **Claim.** Only the head of each endpoint's queue (its oldest delivery not yet done) can be
 *    sent: event N+1 waits until N succeeded or was given up. A claim leases the endpoint (FOR
 *    UPDATE SKIP LOCKED, then a lease time) with the first messages of its queue, sent one after
 *    the other; so instances share the endpoints and never send to one twice at once. An instance that dies mid-send leaves the lease to expire (a minute) and
 *    another retries.
 * 3. **Send** (Standard Webhooks v1, signed with every current secret) and record the attempt:
 *    2xx succeeds; 410 fails the delivery and disables the endpoint; anything else retries after
 *    the schedule's next wait (or the receiver's Retry-After, if longer) until the schedule ends,
 *    then the delivery fails (dead-lettered). An endpoint whose every attempt has failed for five
 *    days is disabled. Each give-up is an activity event.
 */

/** How long an instance may hold a claimed delivery (the send's timeout, with room to record it). */
const leaseSeconds = 60;
/** The receiver's time to answer. */
export const sendTimeoutMs = 15_000;
/** How long an endpoint may fail every attempt before it is disabled. */
const failingLimit = "interval '5 days'";
/** Events read per endpoint per dispatch. */
const dispatchBatch = 500;
/** Turns of queueing and sending one pass may take before it lets the next pass begin. */
const maxTurnsPerPass = 1_000;
/** Messages sent to one endpoint under one lease (one after the other). */
const sendBatch = 50;
/** How long one lease's batch may go on sending (well inside the lease, with a last send's timeout). */
const batchMs = 20_000;

/** Enabled endpoints with events after their position (below the feed's horizon): cheap when there are none. */
const behind = `from webhook_endpoint w where w.enabled and exists (
     select 1 from activity_event e where e.organization_id = w.organization_id
        and (e.txid, e.id) > (w.feed_txid, w.feed_event_id) and ${belowFeedHorizon('e')})`;
const anyBehind = statement(`select exists (select 1 ${behind}) as behind`);
const lockEndpoints = statement(
  `select w.id, w.organization_id, w.event_types, w.group_ids, w.feed_txid::text as feed_txid, w.feed_event_id::text as feed_event_id
   ${behind} for update of w skip locked`,
);

/** The organization's events after a position, below the feed's horizon. $1 organization, $2/$3 position, $4 limit. */
const eventsAfter = statement(
  `select ${feedEventColumns('e')}
     from activity_event e
    where e.organization_id = $1 and (e.txid, e.id) > ($2::xid8, $3::bigint) and ${belowFeedHorizon('e')}
    order by e.txid, e.id limit $4`,
);

const queueDeliveries = statement(
  `insert into webhook_delivery (id, endpoint_id, organization_id, event_id, event_txid, event_type, payload)
   select * from unnest($1::text[], $2::uuid[], $3::uuid[], $4::bigint[], $5::xid8[], $6::text[], $7::text[])`,
);

const moveEndpoint = statement('update webhook_endpoint set feed_txid = $2::xid8, feed_event_id = $3::bigint where id = $1');

/**
 * Leases up to $1 endpoints whose queue has a message due at its head, and answers the first $2
 * messages of each queue, in order (the worker sends the due ones from the head, one at a time).
 * The lease is the endpoint's, so one message at a time goes to an endpoint whatever jumps its
 * queue (a replay, a test); the queues are read on the partial index of pending rows.
 */
const claimQueues = statement(
  `with candidates as (
     select w.id as endpoint_id, h.next_attempt_at
       from webhook_endpoint w
      cross join lateral (
        select d.next_attempt_at from webhook_delivery d
         where d.endpoint_id = w.id and d.status = 'PENDING' order by d.event_txid, d.event_id limit 1) h
      where w.enabled and (w.lease_until is null or w.lease_until < now()) and h.next_attempt_at <= now()
      order by h.next_attempt_at limit $1
      for update of w skip locked
   ), leased as (
     update webhook_endpoint w set lease_until = now() + make_interval(secs => ${leaseSeconds})
       from candidates c where w.id = c.endpoint_id
     returning w.id, w.url, w.secret, w.previous_secret, w.previous_secret_until
   )
   select d.id, d.endpoint_id, d.organization_id, d.payload, d.attempts, d.next_attempt_at <= now() as due,
          l.url, l.secret, l.previous_secret, l.previous_secret_until
     from leased l
    cross join lateral (
      select * from webhook_delivery d where d.endpoint_id = l.id and d.status = 'PENDING' order by d.event_txid, d.event_id limit $2) d
    order by l.id, d.event_txid, d.event_id`,
);

const recordAttempt = statement(`insert into webhook_attempt (delivery_id, status, duration_ms, error, response_body) values ($1, $2, $3, $4, $5)`);
/**
 * The successes of a batch, in one statement: their attempts, the deliveries done, the endpoint
 * healthy, and its lease given back unless a failure is still to be recorded ($6 false: the
 * failure's record gives it back, so no instance sends the failed message again before then).
 * $1 endpoint, $2 delivery ids, $3 statuses, $4 durations, $5 bodies.
 */
const succeedAll = statement(
  `with s as (select * from unnest($2::text[], $3::int[], $4::int[], $5::text[]) as s(id, status, duration_ms, body)),
   a as (insert into webhook_attempt (delivery_id, status, duration_ms, response_body) select id, status, duration_ms, body from s),
   d as (update webhook_delivery d set status = 'SUCCEEDED', attempts = d.attempts + 1, completed_at = now(), last_status = s.status from s where d.id = s.id)
   update webhook_endpoint set failing_since = case when exists (select 1 from s) then null else failing_since end, lease_until = case when $6::boolean then null else lease_until end where id = $1`,
);
const retryLater = statement(
  `update webhook_delivery set attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $3), last_status = $2 where id = $1`,
);
const giveUp = statement(`update webhook_delivery set status = 'FAILED', attempts = attempts + 1, completed_at = now(), last_status = $2 where id = $1`);
/** Marks the endpoint failing (since the first failure); answers whether it has failed for too long. */
const endpointFailing = statement(
  `update webhook_endpoint set failing_since = coalesce(failing_since, now()), lease_until = null where id = $1
   returning failing_since < now() - ${failingLimit} as too_long`,
);
/** Disables an enabled endpoint with why, and its activity event. $1 endpoint, $2 reason. */
const disableEndpoint = statement(
  `with w as (update webhook_endpoint set enabled = false, disabled_reason = $2, version = version + 1, updated_at = now() where id = $1 and enabled returning *)
   insert into activity_event (organization_id, actor_type, actor_label, action, target_type, target_id, target_label, changes, resource)
   select w.organization_id, 'SYSTEM', 'system', 'webhook_endpoint.disabled', 'WebhookEndpoint', w.id, w.url,
          jsonb_build_object('enabled', jsonb_build_object('before', true, 'after', false), 'disabledReason', jsonb_build_object('before', null, 'after', $2::text)),
          jsonb_build_object('id', w.id, 'url', w.url, 'description', w.description, 'eventTypes', w.event_types, 'groupIds', w.group_ids, 'enabled', false, 'disabledReason', $2::text)
     from w`,
);
/** The activity event of a delivery given up. $1 organization, $2 delivery id, $3 changes. */
const deliveryFailedEvent = statement(
  `insert into activity_event (organization_id, actor_type, actor_label, action, target_type, target_label, changes)
   values ($1, 'SYSTEM', 'system', 'webhook_delivery.failed', 'WebhookDelivery', $2, $3::jsonb)`,
);

interface EndpointRow {
  id: string;
  organization_id: string;
  event_types: string[] | null;
  group_ids: string[] | null;
  feed_txid: string;
  feed_event_id: string;
}

interface ClaimRow {
  id: string;
  due: boolean;
  endpoint_id: string;
  organization_id: string;
  payload: string;
  attempts: number;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_until: unknown;
}

/**
 * A webhook's body (Standard Webhooks: `type`, `timestamp`, `data`): the event as the change feed
 * serves it, with its feed cursor, so a receiver that missed some can page the feed from there.
 */
export function messageOf(row: FeedEventRow): string {
  const event = feedRecordOf(row);
  const createdAt = event.createdAt.toISOString();
  return JSON.stringify({
    type: event.action,
    timestamp: createdAt,
    data: {
      id: event.id,
      cursor: feedCursor(row.txid, row.id),
      action: event.action,
      groupId: event.groupId,
      actor: { type: event.actorType, id: event.actorId, label: event.actorLabel },
      targetType: event.targetType,
      targetId: event.targetId,
      targetLabel: event.targetLabel,
      changes: event.changes,
      resource: event.resource,
      requestId: event.requestId,
      createdAt,
    },
  });
}

export interface WebhookWorkerOptions {
  readonly policy: OutboundPolicy;
  /** Seconds before each retry; after the last, a delivery is given up. */
  readonly retryScheduleSeconds: readonly number[];
  readonly intervalMs: number;
  /** Deliveries sent at once (each to another endpoint). */
  readonly concurrency?: number;
  readonly userAgent: string;
  readonly onError: (error: unknown) => void;
  /** Passes run only while this says so (not before migrations are applied, not while draining). */
  readonly active?: () => boolean;
}

export class WebhookWorker {
  private readonly periodic: Periodic;
  private stopping = false;

  constructor(
    private readonly sql: Sql,
    private readonly options: WebhookWorkerOptions,
  ) {
    this.periodic = new Periodic(() => this.pass(), { intervalMs: options.intervalMs, runOnStop: false });
  }

  start(): void {
    this.periodic.start();
  }

  /** One pass now: queue what is new, then send until nothing is ready. */
  run(): Promise<void> {
    return this.periodic.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.periodic.stop();
  }

  private async pass(): Promise<void> {
    if (this.options.active && !this.options.active()) return;
    try {
      // Queue and send by turns until neither has anything left, so a busy feed is followed
      // continuously rather than a batch per interval.
      for (let turn = 0; turn < maxTurnsPerPass && !this.stopping; turn++) {
        const more = await this.dispatch();
        const sent = await this.sendDue();
        if (!more && sent === 0) break;
      }
    } catch (error) {
      this.options.onError(error);
    }
  }

  /** Sends what is due, endpoint by endpoint in parallel; answers how many messages were claimed. */
  private async sendDue(): Promise<number> {
    let claimedInAll = 0;
    while (!this.stopping) {
      const claimed = await this.sql.query<ClaimRow>(claimQueues, [this.options.concurrency ?? 8, sendBatch]);
      if (claimed.length === 0) break;
      claimedInAll += claimed.length;
      const queues = new Map<string, ClaimRow[]>();
      for (const row of claimed) queues.set(row.endpoint_id, [...(queues.get(row.endpoint_id) ?? []), row]);
      await Promise.all([...queues.entries()].map(([endpointId, queue]) => this.sendQueue(endpointId, queue)));
    }
    return claimedInAll;
  }

  /** Queues the new events of every enabled endpoint this instance could lock; answers whether any has more to read. */
  private async dispatch(): Promise<boolean> {
    // Most passes find nothing new: one statement, no transaction.
    const [check] = await this.sql.query<{ behind: boolean }>(anyBehind);
    if (!check?.behind) return false;
    return this.sql.transaction(async (tx) => {
      const endpoints = await tx.query<EndpointRow>(lockEndpoints);
      let more = false;
      for (const endpoint of endpoints) if (await this.queue(tx, endpoint)) more = true;
      return more;
    });
  }

  /** Answers whether the endpoint has more events to read than one batch took. */
  private async queue(tx: Queryable, endpoint: EndpointRow): Promise<boolean> {
    const events = await tx.query<FeedEventRow>(eventsAfter, [endpoint.organization_id, endpoint.feed_txid, endpoint.feed_event_id, dispatchBatch]);
    const last = events.at(-1);
    if (!last) return false;
    const types = endpoint.event_types ? new Set(endpoint.event_types) : null;
    const groups = endpoint.group_ids ? new Set(endpoint.group_ids) : null;
    const taken = events.filter((event) => (!types || types.has(event.action)) && (!groups || (event.group_id !== null && groups.has(event.group_id))));
    if (taken.length > 0) {
      await tx.query(queueDeliveries, [
        taken.map(() => newMessageId()),
        taken.map(() => endpoint.id),
        taken.map(() => endpoint.organization_id),
        taken.map((event) => event.id),
        taken.map((event) => event.txid),
        taken.map((event) => event.action),
        taken.map(messageOf),
      ]);
    }
    await tx.query(moveEndpoint, [endpoint.id, last.txid, last.id]);
    return events.length === dispatchBatch;
  }

  /**
   * Sends the due messages at the head of one endpoint's queue, in order, one at a time, until
   * one fails (it waits for its retry; nothing after it goes) or the batch is done; then records
   * the successes in one statement and gives the lease back. An instance that dies before that
   * sends them again once the lease has expired: at least once.
   */
  private async sendQueue(endpointId: string, queue: readonly ClaimRow[]): Promise<void> {
    const started = Date.now();
    const accepted: { id: string; status: number; durationMs: number; body: string | null }[] = [];
    let failed: { delivery: ClaimRow; result: SendResult } | undefined;
    for (const delivery of queue) {
      if (!delivery.due || this.stopping || Date.now() - started > batchMs) break;
      const result = await this.send(delivery);
      if (result.status === null || result.status < 200 || result.status >= 300) {
        failed = { delivery, result };
        break;
      }
      accepted.push({ id: delivery.id, status: result.status, durationMs: result.durationMs, body: result.responseBody });
    }
    await this.sql.query(succeedAll, [
      endpointId,
      accepted.map((a) => a.id),
      accepted.map((a) => a.status),
      accepted.map((a) => a.durationMs),
      accepted.map((a) => a.body),
      failed === undefined,
    ]);
    if (failed) await this.recordFailure(failed.delivery, failed.result);
  }

  /** Sends one message, signed with every current secret. */
  private send(delivery: ClaimRow): Promise<SendResult> {
    const sentAt = new Date();
    const secrets = [delivery.secret];
    if (delivery.previous_secret && delivery.previous_secret_until && timestamp(delivery.previous_secret_until) > sentAt)
      secrets.push(delivery.previous_secret);
    return sendWebhook(
      {
        url: delivery.url,
        headers: {
          'content-type': 'application/json',
          'user-agent': this.options.userAgent,
          'webhook-id': delivery.id,
          'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
          'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(delivery.id, sentAt, delivery.payload)).join(' '),
        },
        body: delivery.payload,
      },
      this.options.policy,
      sendTimeoutMs,
    );
  }

  /** A failed attempt: retried later, or given up (and the endpoint disabled on 410 or after 5 days of failures). */
  private async recordFailure(delivery: ClaimRow, result: SendResult): Promise<void> {
    const attempt = delivery.attempts + 1;
    await this.sql.transaction(async (tx) => {
      await tx.query(recordAttempt, [delivery.id, result.status, result.durationMs, result.error, result.responseBody]);
      const gone = result.status === 410;
      const schedule = this.options.retryScheduleSeconds;
      if (gone || attempt > schedule.length) {
        await tx.query(giveUp, [delivery.id, result.status]);
        await tx.query(deliveryFailedEvent, [
          delivery.organization_id,
          delivery.id,
          JSON.stringify({
            status: { before: 'PENDING', after: 'FAILED' },
            attempts: { before: delivery.attempts, after: attempt },
            lastStatus: { before: null, after: result.status },
          }),
        ]);
      } else {
        const wait = Math.max(schedule[attempt - 1] ?? 0, Math.min(result.retryAfterSeconds ?? 0, 86_400));
        await tx.query(retryLater, [delivery.id, result.status, wait]);
      }
      const [failing] = await tx.query<{ too_long: boolean }>(endpointFailing, [delivery.endpoint_id]);
      if (gone) await tx.query(disableEndpoint, [delivery.endpoint_id, 'the receiver answered 410 Gone']);
      else if (failing?.too_long) await tx.query(disableEndpoint, [delivery.endpoint_id, 'every attempt failed for 5 days']);
    });
  }
}
