import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScimClient } from '../../src/domain/scim-connections/scim-connection.entity.js';
import { CreateGroupDocument } from '../generated/graphql.js';
import { makeScimToken } from '../factories/domain.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { graphqlRequest } from '../support/graphql.js';
import { parseExposition, valueOf, type Exposition } from '../support/prometheus-text.js';
import { scimClient } from '../support/scim.js';
import { bearer, seedTenant, type Tenant } from '../support/seed.js';

let database: TestDatabase;
let app: TestApp;
let tenant: Tenant;

beforeAll(async () => {
  database = await createTestDatabase();
  // A small budget, so that the throttle can be seen refusing; each test uses tokens of its own.
  app = await startTestApp(database.url, { METRICS: 'on', SCIM_RATE_LIMIT_PER_MINUTE: '5' });
  tenant = await seedTenant(app.database.orm);
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

async function scrape(baseUrl: string): Promise<{ text: string; exposition: Exposition }> {
  const response = await fetch(`${baseUrl}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  const text = await response.text();
  return { text, exposition: parseExposition(text) };
}

async function newToken(): Promise<string> {
  return (await makeScimToken(app.database.orm.em.fork(), tenant.scimGroup, `metrics-${randomUUID().slice(0, 8)}`)).token;
}

const okta = { 'user-agent': 'Okta SCIM Client 1.0.0' };

describe('GET /metrics (METRICS=on)', () => {
  it('is the Prometheus text format, with the process, event-loop, GC and pool metrics', async () => {
    const { exposition } = await scrape(app.baseUrl);
    for (const name of ['process_cpu_user_seconds_total', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes', 'roster_db_pool_connections_in_use']) {
      expect(exposition.types.has(name), name).toBe(true);
    }
    expect(exposition.types.get('nodejs_gc_duration_seconds')).toBe('histogram');
    expect(exposition.types.get('roster_http_request_duration_seconds')).toBe('histogram');
    expect(valueOf(exposition, 'roster_db_pool_connections_max')).toBe(10);
    // Seeding the tenant went through the pool.
    expect(valueOf(exposition, 'roster_db_pool_acquire_duration_seconds_count', { result: 'acquired' })).toBeGreaterThan(0);
  });

  it('counts a SCIM create by resource, method, status and identity provider, and its HTTP duration by route template', async () => {
    const scim = scimClient(app.baseUrl, await newToken());
    const before = (await scrape(app.baseUrl)).exposition;
    const user = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `counted-${randomUUID()}@example.com` };
    expect((await scim('POST', `/scim/v2/${tenant.scimGroup.id}/Users`, user, okta)).status).toBe(201);
    expect((await scim('POST', `/scim/v2/${tenant.scimGroup.id}/Users`, user, okta)).status).toBe(409);
    const after = (await scrape(app.baseUrl)).exposition;
    const delta = (name: string, labels: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);
    const created = { resource: 'User', method: 'POST', status: '201', client: ScimClient.OKTA };
    expect(delta('roster_scim_requests_total', created)).toBe(1);
    expect(delta('roster_scim_requests_total', { ...created, status: '409' })).toBe(1);
    expect(delta('roster_domain_errors_total', { code: 'MEMBER_USERNAME_TAKEN', transport: 'scim' })).toBe(1);
    const route = { method: 'POST', route: '/scim/v2/:groupId/Users' };
    expect(delta('roster_http_request_duration_seconds_count', { ...route, status: '2xx' })).toBe(1);
    expect(delta('roster_http_request_duration_seconds_count', { ...route, status: '4xx' })).toBe(1);
  });

  it('counts GraphQL operations by root field and outcome, and the domain errors behind them', async () => {
    const before = (await scrape(app.baseUrl)).exposition;
    const input = { kind: 'STANDARD' as const, name: `Counted ${randomUUID()}` };
    const created = await graphqlRequest(app.baseUrl, CreateGroupDocument, { input }, bearer(tenant.owner.token));
    expect(created.errors).toBeUndefined();
    const again = await graphqlRequest(app.baseUrl, CreateGroupDocument, { input }, bearer(tenant.owner.token));
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const broken = await fetch(`${app.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{"}' });
    expect(broken.status).toBe(400);
    const after = (await scrape(app.baseUrl)).exposition;
    const delta = (name: string, labels: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);
    const createGroup = { type: 'mutation', operation: 'createGroup' };
    expect(delta('roster_graphql_operations_total', { ...createGroup, outcome: 'ok' })).toBe(1);
    expect(delta('roster_graphql_operations_total', { ...createGroup, outcome: 'CONFLICT' })).toBe(1);
    expect(delta('roster_graphql_operation_duration_seconds_count', createGroup)).toBe(2);
    expect(delta('roster_graphql_operations_total', { operation: '(invalid)', outcome: 'GRAPHQL_PARSE_FAILED' })).toBe(1);
    expect(delta('roster_domain_errors_total', { code: 'GROUP_NAME_TAKEN', transport: 'graphql' })).toBe(1);
    expect(delta('roster_http_request_duration_seconds_count', { method: 'POST', route: '/graphql' })).toBe(3);
  });

  it('counts the requests the SCIM throttle refuses', async () => {
    const scim = scimClient(app.baseUrl, await newToken());
    const before = valueOf((await scrape(app.baseUrl)).exposition, 'roster_scim_throttled_total');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await scim('GET', `/scim/v2/${tenant.scimGroup.id}/Users`)).status);
    expect(statuses.filter((status) => status === 429)).toHaveLength(1);
    expect(valueOf((await scrape(app.baseUrl)).exposition, 'roster_scim_throttled_total') - before).toBe(1);
  });

  it('holds no id, name, token or body value of any request, only templates and closed sets', async () => {
    const token = await newToken();
    const scim = scimClient(app.baseUrl, token);
    const userName = `canary-${randomUUID()}@leak.example`;
    const externalId = `ext-canary-${randomUUID()}`;
    const user = await scim('POST', `/scim/v2/${tenant.scimGroup.id}/Users`, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, externalId });
    expect(user.status).toBe(201);
    const userId = String(user.body.id);
    expect((await scim('GET', `/scim/v2/${tenant.scimGroup.id}/Users/${userId}`)).status).toBe(200);
    // An unknown resource path and a path outside any group: still templates in the labels.
    expect((await scim('GET', `/scim/v2/${tenant.scimGroup.id}/canary-path-${externalId}`)).status).toBe(404);
    expect((await fetch(`${app.baseUrl}/nowhere-${externalId}`)).status).toBe(404);
    const { text, exposition } = await scrape(app.baseUrl);
    for (const secret of [userName, externalId, userId, tenant.scimGroup.id, tenant.organization.id, token, tenant.owner.token, 'canary', 'leak.example']) {
      expect(text, `the metrics must not contain ${secret}`).not.toContain(secret);
    }
    expect(valueOf(exposition, 'roster_http_request_duration_seconds_count', { method: 'GET', route: '/scim/v2/:groupId/Users/:id' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(valueOf(exposition, 'roster_http_request_duration_seconds_count', { route: '(unmatched)', status: '4xx' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(exposition, 'roster_scim_requests_total', { resource: 'other', status: '404' })).toBeGreaterThanOrEqual(1);
  });
});

describe('METRICS=off', () => {
  let off: TestApp;
  beforeAll(async () => {
    off = await startTestApp(database.url, { METRICS: 'off' });
  });
  afterAll(async () => {
    await off.close();
  });

  it('serves no /metrics', async () => {
    expect((await fetch(`${off.baseUrl}/metrics`)).status).toBe(404);
  });
});

/** A port free on loopback a moment ago (the listener is closed again before the app takes it). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('METRICS=<port>', () => {
  let separate: TestApp;
  let metricsUrl: string;
  beforeAll(async () => {
    const port = await freePort();
    separate = await startTestApp(database.url, { METRICS: String(port) });
    metricsUrl = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await separate.close();
  });

  it('serves /metrics on its own listener only, and nothing else there', async () => {
    expect((await fetch(`${separate.baseUrl}/healthz`)).status).toBe(200);
    const { exposition } = await scrape(metricsUrl);
    // The main listener's requests are measured; the scrapes on the metrics listener are not.
    expect(valueOf(exposition, 'roster_http_request_duration_seconds_count', { method: 'GET', route: '/healthz', status: '2xx' })).toBe(1);
    expect((await fetch(`${separate.baseUrl}/metrics`)).status).toBe(404);
    expect((await fetch(`${metricsUrl}/graphql`)).status).toBe(404);
  });
});
