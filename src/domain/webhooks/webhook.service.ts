import { randomBytes, randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { recordActivity } from '../activity/activity.service.js';
import { expandEventTypes } from '../activity/event-types.js';
import { Group } from '../groups/group.entity.js';
import type { Actor, AdminActor } from '../shared/actor.js';
import { requireAdmin, requireWriter } from '../shared/authorize.js';
import { DomainError } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';
import { decodeCursor, pageSize, toPage, type Page, type PageRequest } from '../shared/page.js';
import { nullableTimestamp, timestamp } from '../shared/rows.js';
import { optionalText } from '../shared/text.js';
import { checkEndpointUrl, type OutboundPolicy } from './webhook-address.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

/** Most endpoints one organization may have (each event is sent to each: the fan-out stays bounded). */
export const maxEndpointsPerOrganization = 20;
/** Most groups one endpoint's filter may name. */
export const maxEndpointGroups = 100;
/** Longest rotation overlap: the old secret signs alongside the new one for at most this long. */
export const maxSecretOverlapHours = 168;

export interface EndpointInput {
  readonly url: string;
  readonly description?: string | null;
  readonly eventTypes?: readonly string[] | null;
  readonly groupIds?: readonly string[] | null;
  readonly enabled?: boolean | null;
}

export interface EndpointChange {
  readonly id: string;
  readonly url?: string | null;
  readonly description?: string | null;
  readonly eventTypes?: readonly string[] | null;
  readonly groupIds?: readonly string[] | null;
  readonly enabled?: boolean | null;
}

/** An endpoint and its signing secret, which is in this answer only. */
export interface EndpointWithSecret {
  readonly endpoint: WebhookEndpoint;
  readonly secret: string;
}

export const deliveryStatuses = ['PENDING', 'SUCCEEDED', 'FAILED'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** One try at sending a delivery, as the receiver answered it. */
export interface AttemptRecord {
  readonly attemptedAt: Date;
  readonly status: number | null;
  readonly durationMs: number;
  readonly error: string | null;
  readonly responseBody: string | null;
}

/** A delivery as reads return it, with its attempts, newest first (at most the last 20). */
export interface DeliveryRecord {
  readonly id: string;
  readonly endpointId: string;
  readonly eventId: string;
  readonly eventType: string;
  /** The message body as sent (JSON text): the same on every retry and in a replay. */
  readonly body: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: Date | null;
  readonly lastStatus: number | null;
  readonly createdAt: Date;
  readonly completedAt: Date | null;
  readonly attemptLog: readonly AttemptRecord[];
}

/** Most messages one replay queues. */
const maxReplayed = 10_000;

/** A new message id (`webhook-id`): the delivery's id. */
export function newMessageId(): string {
  return `msg_${randomUUID().replaceAll('-', '')}`;
}

/** Attempts listed per delivery. */
const attemptsListed = 20;

/** The event types an endpoint takes: null for all; an empty list would take none, and is refused. */
function typesOf(types: readonly string[] | null | undefined): string[] | null {
  if (!types) return null;
  if (types.length === 0)
    throw new DomainError('VALIDATION_FAILED', 'eventTypes is empty, so nothing would be sent; leave it null for every type.', 'eventTypes');
  return expandEventTypes(types, 'eventTypes');
}

/** A Standard Webhooks signing secret: `whsec_` and 32 random bytes in base64. */
function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** A delivery's place in its endpoint's list: queued at (µs since the epoch), feed position, id. */
function deliveryPositionOf(after: string): [string, string, string, string] {
  const [createdUs, txid, eventId, id] = decodeCursor(after, 4).map(String);
  if (
    createdUs === undefined ||
    txid === undefined ||
    eventId === undefined ||
    id === undefined ||
    ![createdUs, txid, eventId].every((part) => /^\d{1,20}$/.test(part))
  ) {
    throw new DomainError('VALIDATION_FAILED', '`after` is not a cursor this list returned.', 'after');
  }
  return [createdUs, txid, eventId, id];
}

function toDelivery(row: Record<string, unknown>): DeliveryRecord & { txid: string } {
  const status = row.status as DeliveryStatus;
  return {
    id: String(row.id),
    txid: String(row.txid),
    endpointId: String(row.endpoint_id),
    eventId: String(row.event_id),
    eventType: String(row.event_type),
    body: String(row.payload),
    status,
    attempts: Number(row.attempts),
    nextAttemptAt: status === 'PENDING' ? timestamp(row.next_attempt_at) : null,
    lastStatus: row.last_status === null ? null : Number(row.last_status),
    createdAt: timestamp(row.created_at),
    completedAt: nullableTimestamp(row.completed_at),
    attemptLog: (row.attempt_log as Record<string, unknown>[]).map((attempt) => ({
      attemptedAt: timestamp(attempt.attempted_at),
      status: attempt.status === null ? null : Number(attempt.status),
      durationMs: Number(attempt.duration_ms),
      error: (attempt.error as string | null) ?? null,
      responseBody: (attempt.response_body as string | null) ?? null,
    })),
  };
}

/** What the activity log keeps of an endpoint: never its secrets. */
function endpointResource(endpoint: WebhookEndpoint): Record<string, unknown> {
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    eventTypes: endpoint.eventTypes,
    groupIds: endpoint.groupIds,
    enabled: endpoint.enabled,
    disabledReason: endpoint.disabledReason,
  };
}

/**
 * Webhook endpoints: where the host application hears of changes (Standard Webhooks v1, sent by
 * webhook-worker.ts). Admins of any role read them; OWNERs and ADMINs change them.
 */
export class WebhookService {
  constructor(
    private readonly entityManager: () => EntityManager,
    private readonly policy: OutboundPolicy,
  ) {}

  private get em(): EntityManager {
    return this.entityManager();
  }

  /** The organization's endpoints, oldest first. */
  list(actor: Actor): Promise<WebhookEndpoint[]> {
    const admin = requireAdmin(actor);
    return this.em.find(WebhookEndpoint, { organization: admin.organizationId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  /** One endpoint of the organization, or null (another organization's looks like none). */
  async find(actor: Actor, id: string, em: EntityManager = this.em): Promise<WebhookEndpoint | null> {
    const admin = requireAdmin(actor);
    return isUuid(id) ? em.findOne(WebhookEndpoint, { id, organization: admin.organizationId }) : null;
  }

  /**
   * An endpoint's deliveries, the latest queued first (a replay or a test message at the top when
   * it is queued; those queued together in the feed's order), optionally of one status, each with
   * its attempts. The order is total (the delivery id breaks the last ties), so no page skips or
   * repeats one.
   * @throws WEBHOOK_ENDPOINT_NOT_FOUND, VALIDATION_FAILED
   */
  async deliveries(actor: Actor, endpointId: string, page: PageRequest, status?: DeliveryStatus | null): Promise<Page<DeliveryRecord>> {
    const admin = requireAdmin(actor);
    if (!(await this.find(admin, endpointId)))
      throw new DomainError('WEBHOOK_ENDPOINT_NOT_FOUND', `No webhook endpoint with id "${endpointId}".`, 'endpointId');
    const size = pageSize(page.first);
    const after = page.after ? deliveryPositionOf(page.after) : null;
    const rows = await this.em.execute<Record<string, unknown>[]>(
      `select d.*, d.event_txid::text as txid, (extract(epoch from d.created_at) * 1000000)::bigint::text as created_us, coalesce((
         select json_agg(a order by a.id desc) from (
           select id, attempted_at, status, duration_ms, error, response_body from webhook_attempt where delivery_id = d.id order by id desc limit ${attemptsListed}) a
       ), '[]') as attempt_log
       from webhook_delivery d
       where d.endpoint_id = ? and (?::text is null or d.status = ?)
         and (?::bigint is null or (d.created_at, d.event_txid, d.event_id, d.id) < (timestamptz 'epoch' + ?::bigint * interval '1 microsecond', ?::xid8, ?::bigint, ?::text))
       order by d.created_at desc, d.event_txid desc, d.event_id desc, d.id desc limit ?`,
      [
        endpointId,
        status ?? null,
        status ?? null,
        after?.[0] ?? null,
        after?.[0] ?? null,
        after?.[1] ?? null,
        after?.[2] ?? null,
        after?.[3] ?? null,
        size + 1,
      ],
    );
    return toPage(
      rows.map((row) => ({ ...toDelivery(row), createdUs: String(row.created_us) })),
      size,
      (delivery) => [delivery.createdUs, delivery.txid, delivery.eventId, delivery.id],
    );
  }

  /**
   * Sends a delivery's message again, as a new delivery (a new `webhook-id`, the same body), ahead
   * of the endpoint's queue. For a receiver that lost what it had accepted.
   * @throws AUTH_FORBIDDEN, WEBHOOK_DELIVERY_NOT_FOUND
   */
  async replay(actor: Actor, deliveryId: string): Promise<DeliveryRecord> {
    const admin = requireWriter(actor);
    return this.em.transactional(async (em) => {
      const [row] = await em.execute<Record<string, unknown>[]>(
        `insert into webhook_delivery (id, endpoint_id, organization_id, event_id, event_txid, event_type, payload)
         select ?, d.endpoint_id, d.organization_id, d.event_id, d.event_txid, d.event_type, d.payload from webhook_delivery d
          where d.id = ? and d.organization_id = ?
         returning *, event_txid::text as txid, '[]'::json as attempt_log`,
        [newMessageId(), deliveryId, admin.organizationId],
      );
      if (!row) throw new DomainError('WEBHOOK_DELIVERY_NOT_FOUND', `No webhook delivery with id "${deliveryId}".`, 'id');
      const delivery = toDelivery(row);
      const endpoint = await em.findOneOrFail(WebhookEndpoint, { id: delivery.endpointId, organization: admin.organizationId });
      this.record(em, admin, endpoint, 'webhook_endpoint.replayed', { replayed: { before: null, after: { deliveryId, as: delivery.id, queued: 1 } } });
      await em.flush();
      return delivery;
    });
  }

  /**
   * Sends again, as new deliveries, every message of an endpoint first queued since `since`
   * (at most 10,000, oldest first). Answers how many were queued.
   * @throws AUTH_FORBIDDEN, WEBHOOK_ENDPOINT_NOT_FOUND, VALIDATION_FAILED
   */
  async replaySince(actor: Actor, endpointId: string, since: Date): Promise<number> {
    const admin = requireWriter(actor);
    if (Number.isNaN(since.getTime()) || since.getTime() > Date.now())
      throw new DomainError('VALIDATION_FAILED', '`since` must be a time in the past.', 'since');
    return this.em.transactional(async (em) => {
      const endpoint = await this.lockInScope(em, admin, endpointId);
      const [row] = await em.execute<{ queued: number }[]>(
        `with again as (
           insert into webhook_delivery (id, endpoint_id, organization_id, event_id, event_txid, event_type, payload)
           select 'msg_' || replace(gen_random_uuid()::text, '-', ''), d.endpoint_id, d.organization_id, d.event_id, d.event_txid, d.event_type, d.payload
             from (select distinct on (event_txid, event_id) * from webhook_delivery where endpoint_id = ? and created_at >= ? order by event_txid, event_id, created_at) d
            order by d.event_txid, d.event_id limit ${maxReplayed}
           returning 1)
         select count(*)::int as queued from again`,
        [endpointId, since],
      );
      const queued = row?.queued ?? 0;
      this.record(em, admin, endpoint, 'webhook_endpoint.replayed', { replayed: { before: null, after: { since: since.toISOString(), queued } } });
      await em.flush();
      return queued;
    });
  }

  /**
   * Queues a `webhook.test` message for the endpoint, sent next (after any message in flight):
   * to check the receiver and its signature check without waiting for a change.
   * @throws AUTH_FORBIDDEN, WEBHOOK_ENDPOINT_NOT_FOUND, VALIDATION_FAILED
   */
  async sendTest(actor: Actor, endpointId: string): Promise<DeliveryRecord> {
    const admin = requireWriter(actor);
    return this.em.transactional(async (em) => {
      const endpoint = await this.find(admin, endpointId, em);
      if (!endpoint) throw new DomainError('WEBHOOK_ENDPOINT_NOT_FOUND', `No webhook endpoint with id "${endpointId}".`, 'endpointId');
      if (!endpoint.enabled) throw new DomainError('VALIDATION_FAILED', 'The endpoint is disabled; enable it to send it a test message.', 'endpointId');
      const now = new Date().toISOString();
      const payload = JSON.stringify({
        type: 'webhook.test',
        timestamp: now,
        data: { endpointId, message: 'A test message from Roster: the endpoint is reachable if it answers 2xx.', sentBy: admin.email, createdAt: now },
      });
      // Position (0, 0): before every event, so it is the next message sent.
      const [row] = await em.execute<Record<string, unknown>[]>(
        `insert into webhook_delivery (id, endpoint_id, organization_id, event_id, event_txid, event_type, payload)
         values (?, ?, ?, 0, '0'::xid8, 'webhook.test', ?)
         returning *, event_txid::text as txid, '[]'::json as attempt_log`,
        [newMessageId(), endpoint.id, admin.organizationId, payload],
      );
      if (!row) throw new Error('the test delivery was not written');
      const delivery = toDelivery(row);
      this.record(em, admin, endpoint, 'webhook_endpoint.test_sent', { testMessage: { before: null, after: delivery.id } });
      await em.flush();
      return delivery;
    });
  }

  /** How many deliveries an endpoint has (of one status). */
  async countDeliveries(actor: Actor, endpointId: string, status?: DeliveryStatus | null): Promise<number> {
    const admin = requireAdmin(actor);
    const [row] = await this.em.execute<{ count: string }[]>(
      `select count(*) from webhook_delivery where endpoint_id = ? and organization_id = ? and (?::text is null or status = ?)`,
      [endpointId, admin.organizationId, status ?? null, status ?? null],
    );
    return Number(row?.count ?? 0);
  }

  /**
   * A new endpoint, which hears of the events after its creation (its own `webhook_endpoint.created`
   * first). The secret is in this answer only.
   * @throws AUTH_FORBIDDEN, GROUP_NOT_FOUND, VALIDATION_FAILED
   */
  async create(actor: Actor, input: EndpointInput): Promise<EndpointWithSecret> {
    const admin = requireWriter(actor);
    const url = checkEndpointUrl(input.url, this.policy);
    const description = optionalText(input.description, 'description', 500);
    const eventTypes = typesOf(input.eventTypes);
    const secret = newSecret();
    return this.em.transactional(async (em) => {
      const groupIds = input.groupIds ? await this.groupsInScope(em, admin, input.groupIds) : null;
      // Serialise creates per organization, so the limit holds under concurrency.
      await em.execute('select id from organization where id = ? for update', [admin.organizationId]);
      if ((await em.count(WebhookEndpoint, { organization: admin.organizationId })) >= maxEndpointsPerOrganization) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `An organization may have at most ${maxEndpointsPerOrganization} webhook endpoints; delete one first.`,
          'url',
        );
      }
      // The endpoint starts at this transaction in the feed's order: its own creation event is its first.
      const [start] = await em.execute<{ txid: string }[]>('select pg_current_xact_id()::text as txid');
      const endpoint = em.create(WebhookEndpoint, {
        organization: admin.organizationId,
        url,
        description,
        eventTypes,
        groupIds,
        enabled: input.enabled ?? true,
        secret,
        feedTxid: start?.txid ?? '0',
        feedEventId: '0',
      });
      this.record(em, admin, endpoint, 'webhook_endpoint.created', { url: { before: null, after: url } });
      await em.flush();
      return { endpoint, secret };
    });
  }

  /**
   * Changes what is given. Enabling an endpoint Roster disabled clears why, and its failures.
   * @throws AUTH_FORBIDDEN, WEBHOOK_ENDPOINT_NOT_FOUND, GROUP_NOT_FOUND, VALIDATION_FAILED
   */
  async update(actor: Actor, change: EndpointChange): Promise<WebhookEndpoint> {
    const admin = requireWriter(actor);
    return this.em.transactional(async (em) => {
      const endpoint = await this.lockInScope(em, admin, change.id);
      const before = endpointResource(endpoint);
      if (change.url != null) endpoint.url = checkEndpointUrl(change.url, this.policy);
      if (change.description !== undefined) endpoint.description = optionalText(change.description, 'description', 500);
      if (change.eventTypes !== undefined) endpoint.eventTypes = typesOf(change.eventTypes);
      if (change.groupIds !== undefined) endpoint.groupIds = change.groupIds ? await this.groupsInScope(em, admin, change.groupIds) : null;
      if (change.enabled != null && change.enabled !== endpoint.enabled) {
        endpoint.enabled = change.enabled;
        endpoint.disabledReason = null;
        if (change.enabled) endpoint.failingSince = null;
      }
      const after = endpointResource(endpoint);
      const changes = Object.fromEntries(
        Object.keys(after)
          .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
          .map((key) => [key, { before: before[key] ?? null, after: after[key] ?? null }]),
      );
      if (Object.keys(changes).length === 0) return endpoint;
      endpoint.version += 1;
      this.record(em, admin, endpoint, 'webhook_endpoint.updated', changes);
      await em.flush();
      return endpoint;
    });
  }

  /**
   * A new signing secret; the old one goes on signing alongside it for `overlapHours` (default 24),
   * so receivers can switch without missing a message. The new secret is in this answer only.
   * @throws AUTH_FORBIDDEN, WEBHOOK_ENDPOINT_NOT_FOUND, VALIDATION_FAILED
   */
  async rotateSecret(actor: Actor, id: string, overlapHours = 24): Promise<EndpointWithSecret> {
    const admin = requireWriter(actor);
    if (!Number.isInteger(overlapHours) || overlapHours < 0 || overlapHours > maxSecretOverlapHours) {
      throw new DomainError('VALIDATION_FAILED', `overlapHours must be a whole number from 0 to ${maxSecretOverlapHours}.`, 'overlapHours');
    }
    const secret = newSecret();
    return this.em.transactional(async (em) => {
      const endpoint = await this.lockInScope(em, admin, id, true);
      endpoint.previousSecret = overlapHours > 0 ? endpoint.secret : null;
      endpoint.previousSecretUntil = overlapHours > 0 ? new Date(Date.now() + overlapHours * 3_600_000) : null;
      endpoint.secret = secret;
      endpoint.version += 1;
      this.record(em, admin, endpoint, 'webhook_endpoint.secret_rotated', {
        previousSecretUntil: { before: null, after: endpoint.previousSecretUntil?.toISOString() ?? null },
      });
      await em.flush();
      return { endpoint, secret };
    });
  }

  /**
   * Deletes an endpoint with its deliveries.
   * @throws AUTH_FORBIDDEN, WEBHOOK_ENDPOINT_NOT_FOUND
   */
  async delete(actor: Actor, id: string): Promise<{ id: string }> {
    const admin = requireWriter(actor);
    return this.em.transactional(async (em) => {
      const endpoint = await this.lockInScope(em, admin, id);
      recordActivity(em, admin, {
        organizationId: admin.organizationId,
        groupId: null,
        action: 'webhook_endpoint.deleted',
        targetType: 'WebhookEndpoint',
        targetId: endpoint.id,
        targetLabel: endpoint.url,
        changes: { url: { before: endpoint.url, after: null } },
      });
      em.remove(endpoint);
      await em.flush();
      return { id };
    });
  }

  private async lockInScope(em: EntityManager, admin: AdminActor, id: string, withSecret = false): Promise<WebhookEndpoint> {
    const endpoint = isUuid(id)
      ? await em.findOne(
          WebhookEndpoint,
          { id, organization: admin.organizationId },
          { lockMode: LockMode.PESSIMISTIC_WRITE, ...(withSecret ? { populate: ['secret'] } : {}) },
        )
      : null;
    if (!endpoint) throw new DomainError('WEBHOOK_ENDPOINT_NOT_FOUND', `No webhook endpoint with id "${id}".`, 'id');
    return endpoint;
  }

  /** The group ids, each checked to be a group of the organization (another's is GROUP_NOT_FOUND, as an unknown one). */
  private async groupsInScope(em: EntityManager, admin: AdminActor, ids: readonly string[]): Promise<string[]> {
    const distinct = [...new Set(ids)];
    if (distinct.length === 0)
      throw new DomainError('VALIDATION_FAILED', 'groupIds is empty, so nothing would be sent; leave it null for every group.', 'groupIds');
    if (distinct.length > maxEndpointGroups) throw new DomainError('VALIDATION_FAILED', `A filter may name at most ${maxEndpointGroups} groups.`, 'groupIds');
    const unknown = distinct.find((id) => !isUuid(id));
    if (unknown !== undefined) throw new DomainError('GROUP_NOT_FOUND', `No group with id "${unknown}".`, 'groupIds');
    const found = new Set((await em.find(Group, { id: { $in: distinct }, organization: admin.organizationId }, { fields: ['id'] })).map((group) => group.id));
    const missing = distinct.find((id) => !found.has(id));
    if (missing !== undefined) throw new DomainError('GROUP_NOT_FOUND', `No group with id "${missing}".`, 'groupIds');
    return distinct;
  }

  private record(
    em: EntityManager,
    admin: AdminActor,
    endpoint: WebhookEndpoint,
    action: string,
    changes: Record<string, { before: unknown; after: unknown }>,
  ): void {
    recordActivity(em, admin, {
      organizationId: admin.organizationId,
      groupId: null,
      action,
      targetType: 'WebhookEndpoint',
      targetId: endpoint.id,
      targetLabel: endpoint.url,
      changes,
      resource: endpointResource(endpoint),
    });
  }
}
