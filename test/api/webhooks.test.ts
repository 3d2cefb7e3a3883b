import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sqlOf } from '../../src/db/sql.js';
import {
  CreateWebhookEndpointDocument,
  DeleteWebhookEndpointDocument,
  EventFeedDocument,
  ReplayWebhookDeliveriesDocument,
  ReplayWebhookDeliveryDocument,
  RotateWebhookSecretDocument,
  SendTestWebhookEventDocument,
  WebhookDeliveryPageDocument,
  type WebhookDeliveryPageQuery,
  UpdateWebhookEndpointDocument,
  WebhookEndpointDocument,
  WebhookEndpointsDocument,
  type CreateWebhookEndpointInput,
  type WebhookDeliveryStatus,
} from '../generated/graphql.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { graphqlRequest } from '../support/graphql.js';
import { scimClient } from '../support/scim.js';
import { bearer, seedTenant, type Tenant } from '../support/seed.js';

/**
 * Webhooks (issue #9): endpoints managed over GraphQL, messages signed per Standard Webhooks v1
 * (checked with the `standardwebhooks` verifier), sent by the background worker — at least once,
 * in order per endpoint, retried on the schedule, given up and disabled as the issue says — and
 * never from inside a SCIM request.
 */
let database: TestDatabase;
let app: TestApp;
let tenant: Tenant;
let other: Tenant;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, { WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_RETRY_SCHEDULE: '1,1', SCIM_RATE_LIMIT_PER_MINUTE: '0' });
  tenant = await seedTenant(app.database.orm);
  other = await seedTenant(app.database.orm);
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

interface Received {
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly answeredWith: number;
  readonly at: number;
}

/** A receiver on loopback that answers each request with what `answer` says, and keeps everything it got. */
async function receiver(answer: (index: number, body: string) => number | Promise<number> = () => 200) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      void Promise.resolve(answer(received.length, body)).then((status) => {
        received.push({ headers: req.headers as Record<string, string>, body, answeredWith: status, at: Date.now() });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(`answered ${status}`);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  // Each test's endpoints go, so the next test's receiver hears only its own.
  for (const { id } of await endpoints()) {
    await graphqlRequest(app.baseUrl, DeleteWebhookEndpointDocument, { input: { id } }, bearer(tenant.owner.token));
  }
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function endpoints(token = tenant.owner.token) {
  return (await graphqlRequest(app.baseUrl, WebhookEndpointsDocument, {}, bearer(token))).data?.viewer.organization.webhookEndpoints ?? [];
}

/**
 * The organization's events of these types in the feed, as the viewer reads them. Polled by the
 * tests: the feed shows an event once every transaction older than it has ended, in any database
 * of the server (its horizon), so other test files' transactions may hold it back for a moment.
 */
async function feedEvents(types: string[]) {
  const events = await graphqlRequest(app.baseUrl, EventFeedDocument, { first: 200, filter: { types } }, bearer(tenant.viewer.token));
  return events.data?.viewer.organization.events.edges.map(({ node }) => node) ?? [];
}

async function endpointState(id: string, status?: WebhookDeliveryStatus) {
  return (await graphqlRequest(app.baseUrl, WebhookEndpointDocument, { id, status }, bearer(tenant.viewer.token))).data?.viewer.organization.webhookEndpoint;
}

const createAs = (input: CreateWebhookEndpointInput, token = tenant.owner.token) =>
  graphqlRequest(app.baseUrl, CreateWebhookEndpointDocument, { input }, bearer(token));

async function createEndpoint(url: string, extra: Omit<CreateWebhookEndpointInput, 'url'> = {}) {
  const answer = await createAs({ url, ...extra });
  if (!answer.data) throw new Error(JSON.stringify(answer.errors));
  return answer.data.createWebhookEndpoint;
}

const scim = () => scimClient(app.baseUrl, tenant.scimToken);
const usersPath = () => `/scim/v2/${tenant.scimGroup.id}/Users`;
const newUser = (userName: string) => ({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName });

/** The parsed messages a receiver got, with their ids. */
const messages = (received: readonly Received[]) =>
  received.map((request) => ({
    id: request.headers['webhook-id'],
    status: request.answeredWith,
    ...(JSON.parse(request.body) as { type: string; data: Record<string, unknown> }),
  }));

describe('webhook endpoints', () => {
  it('creates an endpoint with its secret shown once, and refuses what is not allowed with the reason', async () => {
    const { secret, endpoint } = await createEndpoint('http://127.0.0.1:9/hooks', { eventTypes: ['member.*'], description: 'Host app' });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(endpoint.enabled).toBe(true);
    const listed = await endpoints(tenant.viewer.token);
    expect(listed).toEqual([
      {
        id: endpoint.id,
        url: 'http://127.0.0.1:9/hooks',
        description: 'Host app',
        eventTypes: ['member.created', 'member.updated', 'member.deactivated', 'member.reactivated', 'member.deleted'],
        groupIds: null,
        enabled: true,
      },
    ]);
    expect(JSON.stringify(listed)).not.toContain(secret);

    const refused = async (input: CreateWebhookEndpointInput, token = tenant.owner.token) => (await createAs(input, token)).errors?.[0];
    expect(await refused({ url: 'ftp://example.com/x' })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('https') });
    expect(await refused({ url: 'https://example.com/x', eventTypes: ['member.exploded'] })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(await refused({ url: 'https://example.com/x', groupIds: [other.scimGroup.id] })).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(await refused({ url: 'https://example.com/x' }, tenant.viewer.token)).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    // Another organization's endpoint is one that does not exist.
    const theirs = await graphqlRequest(app.baseUrl, UpdateWebhookEndpointDocument, { input: { id: endpoint.id, enabled: false } }, bearer(other.owner.token));
    expect(theirs.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('webhook delivery', () => {
  it('sends every event the filters take, signed (Standard Webhooks), in the feed order, starting with its own creation', async () => {
    const hook = await receiver();
    closers.push(hook.close);
    const { secret, endpoint } = await createEndpoint(hook.url);
    for (const name of ['a', 'b', 'c']) expect((await scim()('POST', usersPath(), newUser(`${name}@hooks.example`))).status).toBe(201);

    await expect.poll(() => hook.received.length, { timeout: 15_000 }).toBe(4);
    const verifier = new Webhook(secret);
    for (const request of hook.received) expect(() => verifier.verify(request.body, request.headers)).not.toThrow();
    const got = messages(hook.received);
    expect(got.map((message) => [message.type, message.data.targetLabel])).toEqual([
      ['webhook_endpoint.created', hook.url],
      ['member.created', 'a@hooks.example'],
      ['member.created', 'b@hooks.example'],
      ['member.created', 'c@hooks.example'],
    ]);
    expect(new Set(got.map((message) => message.id)).size).toBe(4);
    expect(got[1]?.data).toMatchObject({
      groupId: tenant.scimGroup.id,
      actor: { type: 'SCIM_TOKEN', label: 'Okta' },
      resource: { userName: 'a@hooks.example', active: true },
    });
    // A forged or altered message fails the receiver's check.
    const first = hook.received[1];
    if (!first) throw new Error('no message');
    expect(() => verifier.verify(first.body.replace('a@hooks', 'z@hooks'), first.headers)).toThrow();

    const page = (await endpointState(endpoint.id))?.deliveries;
    expect(page?.totalCount).toBe(4);
    expect(page?.edges.map(({ node }) => [node.status, node.attempts, node.attemptLog.map((a) => a.status)])).toEqual(
      Array.from({ length: 4 }, () => ['SUCCEEDED', 1, [200]]),
    );
    // Each delivery shows the very body the receiver got under its webhook-id.
    const sent = new Map(hook.received.map((request) => [request.headers['webhook-id'], request.body]));
    for (const { node } of page?.edges ?? []) expect(node.body).toBe(sent.get(node.id));
  });

  it('retries a failed message with the same id until it is accepted, and sends nothing after it meanwhile', async () => {
    const hook = await receiver((index) => (index < 2 ? 503 : 200));
    closers.push(hook.close);
    await createEndpoint(hook.url, { eventTypes: ['member.created'] });
    for (const name of ['d', 'e']) expect((await scim()('POST', usersPath(), newUser(`${name}@hooks.example`))).status).toBe(201);

    await expect.poll(() => hook.received.filter((request) => request.answeredWith === 200).length, { timeout: 20_000 }).toBe(2);
    const got = messages(hook.received);
    expect(got.map((message) => [message.data.targetLabel, message.status])).toEqual([
      ['d@hooks.example', 503],
      ['d@hooks.example', 503],
      ['d@hooks.example', 200],
      ['e@hooks.example', 200],
    ]);
    expect(new Set(got.slice(0, 3).map((message) => message.id)).size).toBe(1);
  });

  it('gives a message up after the last retry (an activity event says so) and goes on with the next', async () => {
    const hook = await receiver((_index, body) => (body.includes('f@hooks.example') ? 500 : 200));
    closers.push(hook.close);
    const { endpoint } = await createEndpoint(hook.url, { eventTypes: ['member.created'] });
    for (const name of ['f', 'g']) expect((await scim()('POST', usersPath(), newUser(`${name}@hooks.example`))).status).toBe(201);

    await expect.poll(() => hook.received.filter((request) => request.answeredWith === 200).length, { timeout: 20_000 }).toBe(1);
    // The first try and the two retries of WEBHOOK_RETRY_SCHEDULE=1,1, then the next message.
    expect(messages(hook.received).map((message) => [message.data.targetLabel, message.status])).toEqual([
      ['f@hooks.example', 500],
      ['f@hooks.example', 500],
      ['f@hooks.example', 500],
      ['g@hooks.example', 200],
    ]);
    const failed = await endpointState(endpoint.id, 'FAILED');
    expect(failed?.failingSince).toBeNull();
    expect(failed?.deliveries.edges.map(({ node }) => [node.eventType, node.attempts, node.attemptLog.map((a) => a.status)])).toEqual([
      ['member.created', 3, [500, 500, 500]],
    ]);
    await expect
      .poll(async () => (await feedEvents(['webhook_delivery.failed'])).map((node) => node.targetLabel), { timeout: 10_000 })
      .toEqual([failed?.deliveries.edges[0]?.node.id]);
  });

  it('disables the endpoint when the receiver answers 410 Gone, with the reason', async () => {
    const hook = await receiver(() => 410);
    closers.push(hook.close);
    const { endpoint } = await createEndpoint(hook.url, { eventTypes: ['member.created'] });
    expect((await scim()('POST', usersPath(), newUser('h@hooks.example'))).status).toBe(201);
    await expect
      .poll(
        async () => {
          const state = await endpointState(endpoint.id);
          return [state?.enabled, state?.disabledReason];
        },
        { timeout: 15_000 },
      )
      .toEqual([false, 'the receiver answered 410 Gone']);
    expect(hook.received).toHaveLength(1);
  });

  it('disables an endpoint whose every attempt has failed for 5 days, with an activity event', async () => {
    const hook = await receiver(() => 500);
    closers.push(hook.close);
    const { endpoint } = await createEndpoint(hook.url, { eventTypes: ['member.created'] });
    // As if it had been failing since six days ago.
    await sqlOf(app.database.orm).query(`update webhook_endpoint set failing_since = now() - interval '6 days' where id = $1`, [endpoint.id]);
    expect((await scim()('POST', usersPath(), newUser('o@hooks.example'))).status).toBe(201);
    await expect
      .poll(
        async () => {
          const state = await endpointState(endpoint.id);
          return [state?.enabled, state?.disabledReason];
        },
        { timeout: 15_000 },
      )
      .toEqual([false, 'every attempt failed for 5 days']);
    expect(hook.received).toHaveLength(1);
    await expect
      .poll(async () => (await feedEvents(['webhook_endpoint.disabled'])).map((node) => [node.targetId, node.changes]), { timeout: 10_000 })
      .toContainEqual([endpoint.id, { enabled: { before: true, after: false }, disabledReason: { before: null, after: 'every attempt failed for 5 days' } }]);
  });

  it('signs with the old secret and the new one while a rotation overlaps', async () => {
    const hook = await receiver();
    closers.push(hook.close);
    const { secret: before, endpoint } = await createEndpoint(hook.url, { eventTypes: ['member.created'] });
    const rotated = await graphqlRequest(app.baseUrl, RotateWebhookSecretDocument, { input: { id: endpoint.id, overlapHours: 2 } }, bearer(tenant.owner.token));
    const after = rotated.data?.rotateWebhookSecret.secret ?? '';
    expect(after).not.toBe(before);
    expect(Date.parse(rotated.data?.rotateWebhookSecret.endpoint.previousSecretUntil ?? '') - Date.now()).toBeGreaterThan(7_000_000);
    expect((await scim()('POST', usersPath(), newUser('i@hooks.example'))).status).toBe(201);

    await expect.poll(() => hook.received.length, { timeout: 15_000 }).toBe(1);
    const [request] = hook.received;
    if (!request) throw new Error('no message');
    expect(request.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(() => new Webhook(before).verify(request.body, request.headers)).not.toThrow();
    expect(() => new Webhook(after).verify(request.body, request.headers)).not.toThrow();
  });

  it('sends a test message next, and replays one delivery or everything since a time, with new ids and the same bodies', async () => {
    const hook = await receiver();
    closers.push(hook.close);
    const since = new Date(Date.now() - 1_000).toISOString();
    const { secret, endpoint } = await createEndpoint(hook.url, { eventTypes: ['member.created'] });
    for (const name of ['m', 'n']) expect((await scim()('POST', usersPath(), newUser(`${name}@hooks.example`))).status).toBe(201);
    await expect.poll(() => hook.received.length, { timeout: 15_000 }).toBe(2);

    const as = bearer(tenant.owner.token);
    const test = await graphqlRequest(app.baseUrl, SendTestWebhookEventDocument, { input: { endpointId: endpoint.id } }, as);
    expect(test.data?.sendTestWebhookEvent.delivery).toMatchObject({ eventType: 'webhook.test', status: 'PENDING' });
    await expect.poll(() => hook.received.length, { timeout: 15_000 }).toBe(3);
    const [first, , tested] = hook.received;
    if (!first || !tested) throw new Error('missing messages');
    expect(() => new Webhook(secret).verify(tested.body, tested.headers)).not.toThrow();
    expect(JSON.parse(tested.body)).toMatchObject({ type: 'webhook.test', data: { endpointId: endpoint.id } });

    const replayed = await graphqlRequest(app.baseUrl, ReplayWebhookDeliveryDocument, { input: { id: first.headers['webhook-id'] ?? '' } }, as);
    expect(replayed.data?.replayWebhookDelivery.delivery.id).not.toBe(first.headers['webhook-id']);
    await expect.poll(() => hook.received.length, { timeout: 15_000 }).toBe(4);
    expect(hook.received[3]?.body).toBe(first.body);

    // m, n and the test (m's replay is the same message as m): three, the test first as it was.
    const again = await graphqlRequest(app.baseUrl, ReplayWebhookDeliveriesDocument, { input: { endpointId: endpoint.id, since } }, as);
    expect(again.data?.replayWebhookDeliveries.queued).toBe(3);
    await expect.poll(() => hook.received.length, { timeout: 15_000 }).toBe(7);
    expect(messages(hook.received.slice(4)).map((message) => message.data.targetLabel ?? message.type)).toEqual([
      'webhook.test',
      'm@hooks.example',
      'n@hooks.example',
    ]);
    expect(new Set(hook.received.map((request) => request.headers['webhook-id'])).size).toBe(7);

    // The deliveries list, two at a time: every one once, the latest queued first (those queued
    // together newest event first), though replays and the test share positions in the feed.
    const labelOf = new Map(hook.received.map((request) => [request.headers['webhook-id'], messages([request])[0]?.data.targetLabel ?? 'webhook.test']));
    const listed: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const answer: { data?: WebhookDeliveryPageQuery | null } = await graphqlRequest(
        app.baseUrl,
        WebhookDeliveryPageDocument,
        { id: endpoint.id, first: 2, after },
        as,
      );
      const deliveries = answer.data?.viewer.organization.webhookEndpoint?.deliveries;
      listed.push(...(deliveries?.edges.map(({ node }) => node.id) ?? []));
      if (!deliveries?.pageInfo.hasNextPage) break;
      after = deliveries.pageInfo.endCursor;
    }
    expect(listed.map((id) => labelOf.get(id))).toEqual([
      'n@hooks.example',
      'm@hooks.example',
      'webhook.test',
      'm@hooks.example',
      'webhook.test',
      'n@hooks.example',
      'm@hooks.example',
    ]);
    expect(new Set(listed).size).toBe(7);

    // Each of those admin actions is in the activity log and the feed, by whom, with what it queued.
    const audited = async () =>
      (await feedEvents(['webhook_endpoint.test_sent', 'webhook_endpoint.replayed']))
        .filter((node) => node.targetId === endpoint.id)
        .map((node) => [node.action, node.actor.label, node.changes]);
    await expect.poll(audited, { timeout: 10_000 }).toEqual([
      ['webhook_endpoint.test_sent', tenant.owner.actor.email, { testMessage: { before: null, after: tested.headers['webhook-id'] } }],
      [
        'webhook_endpoint.replayed',
        tenant.owner.actor.email,
        { replayed: { before: null, after: { deliveryId: first.headers['webhook-id'], as: replayed.data?.replayWebhookDelivery.delivery.id, queued: 1 } } },
      ],
      ['webhook_endpoint.replayed', tenant.owner.actor.email, { replayed: { before: null, after: { since, queued: 3 } } }],
    ]);
  });

  it('answers SCIM at once while the receiver takes 10 s: no request waits for a webhook', async () => {
    const hook = await receiver(() => new Promise((resolve) => setTimeout(() => resolve(200), 10_000)));
    closers.push(hook.close);
    await createEndpoint(hook.url, { eventTypes: ['member.created'] });
    const started = Date.now();
    for (const name of ['j', 'k', 'l']) expect((await scim()('POST', usersPath(), newUser(`${name}@hooks.example`))).status).toBe(201);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
