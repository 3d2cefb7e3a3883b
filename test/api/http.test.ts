import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VersionDocument } from '../generated/graphql.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { graphqlRequest } from '../support/graphql.js';
import { version } from '../../src/version.js';

let database: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, { HTTP_BODY_LIMIT_BYTES: '2048' });
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

describe('GraphQL endpoint', () => {
  it('answers a query', async () => {
    const response = await graphqlRequest(app.baseUrl, VersionDocument);
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ version });
    expect(response.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
  });

  it('refuses simple cross-site requests (CSRF prevention)', async () => {
    const response = await fetch(`${app.baseUrl}/graphql?query=${encodeURIComponent('{ version }')}`);
    expect(response.status).toBe(400);
    const preflighted = await fetch(`${app.baseUrl}/graphql?query=${encodeURIComponent('{ version }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(await preflighted.json()).toEqual({ data: { version } });
  });

  it('does not accept batched operations', async () => {
    const response = await fetch(`${app.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ version }' }, { query: '{ version }' }]),
    });
    expect(response.status).toBe(400);
  });

  it('answers malformed JSON with a GraphQL-shaped 400 carrying the request id', async () => {
    const response = await fetch(`${app.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'bad-json-1' },
      body: '{"query": "{ version }"',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST', requestId: 'bad-json-1' } }],
    });
  });

  it('refuses a body over the limit with 413, as JSON', async () => {
    const response = await fetch(`${app.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ version } # ${'x'.repeat(4096)}` }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('names the problem in validation errors and puts the request id on every error', async () => {
    const response = await fetch(`${app.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'validation-1' },
      body: JSON.stringify({ query: '{ versoin }' }),
    });
    const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0]?.message).toContain('Cannot query field "versoin" on type "Query"');
    expect(body.errors[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', requestId: 'validation-1' });
  });

  it('allows introspection by default (the IDE needs it)', async () => {
    const response = await fetch(`${app.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
    });
    expect(await response.json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });
});

describe('HTTP basics', () => {
  it('echoes an acceptable X-Request-Id and generates one otherwise', async () => {
    expect((await fetch(`${app.baseUrl}/healthz`, { headers: { 'x-request-id': 'abc-123' } })).headers.get('x-request-id')).toBe('abc-123');
    const forged = await fetch(`${app.baseUrl}/healthz`, { headers: { 'x-request-id': 'evil\tline "injected"' } });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await fetch(`${app.baseUrl}/healthz`)).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes with a JSON 404, never an HTML page', async () => {
    const response = await fetch(`${app.baseUrl}/nope`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('sends security headers', async () => {
    const response = await fetch(`${app.baseUrl}/healthz`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('sends the same security headers on SCIM answers, which do not go through express', async () => {
    const securityHeaderNames = [
      'content-security-policy',
      'cross-origin-opener-policy',
      'cross-origin-resource-policy',
      'origin-agent-cluster',
      'referrer-policy',
      'strict-transport-security',
      'x-content-type-options',
      'x-dns-prefetch-control',
      'x-download-options',
      'x-frame-options',
      'x-permitted-cross-domain-policies',
      'x-xss-protection',
    ];
    const pick = (headers: Headers) => Object.fromEntries(securityHeaderNames.map((name) => [name, headers.get(name)]));
    const health = await fetch(`${app.baseUrl}/healthz`);
    const scim = await fetch(`${app.baseUrl}/scim/v2/7d4b5b38-0000-4000-8000-000000000000/Users`);
    expect(scim.status).toBe(401);
    expect(Object.values(pick(health.headers)).every((value) => value !== null)).toBe(true);
    expect(pick(scim.headers)).toEqual(pick(health.headers));
    expect(scim.headers.get('x-powered-by')).toBeNull();
  });

  it('logs one access line per request with id, status and duration, and never headers or secrets', async () => {
    await fetch(`${app.baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': 'log-check-1',
        authorization: 'Bearer roster_secret_token_value',
        cookie: 'roster_session=session-secret-value',
      },
      body: JSON.stringify({ query: '{ version }', variables: { password: 'hunter2-password' } }),
    });
    const lines = app.logLines.filter((line) => line.includes('log-check-1'));
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ requestId: 'log-check-1', msg: 'POST /graphql 200', req: { method: 'POST', path: '/graphql' }, res: { statusCode: 200 } });
    expect(typeof line.durationMs).toBe('number');
    const all = app.logLines.join('\n');
    for (const secret of ['roster_secret_token_value', 'session-secret-value', 'hunter2-password']) expect(all).not.toContain(secret);
  });
});

describe('health probes', () => {
  it('reports alive and ready', async () => {
    const alive = await fetch(`${app.baseUrl}/healthz`);
    expect([alive.status, await alive.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await fetch(`${app.baseUrl}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ok' }]);
    expect(ready.headers.get('cache-control')).toBe('no-store');
  });

  it('is not ready and refuses API calls with 503 + Retry-After while starting', async () => {
    app.lifecycle.phase = 'starting';
    try {
      expect((await fetch(`${app.baseUrl}/readyz`)).status).toBe(503);
      expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
      const response = await graphqlRequest(app.baseUrl, VersionDocument);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(response.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      app.lifecycle.phase = 'ready';
    }
  });
});
