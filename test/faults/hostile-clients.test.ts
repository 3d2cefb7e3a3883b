import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { connectRaw } from '../support/raw-socket.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { seedScimTenant, type ScimTenant } from '../support/scim-tenant.js';

/**
 * What test/api/hostile-clients.test.ts leaves out of issue #11's list: a body trickled past the
 * body limit, and hundreds of idle keep-alive sockets at once.
 *
 * A body past the limit is never buffered, and it is refused the moment it is known to be too
 * large — from its Content-Length, or as its bytes pass the limit — in the door's own error format,
 * long before the request timeout; the connection is closed after the answer.
 */
let database: TestDatabase;
let app: TestApp;
let tenant: ScimTenant;
const bodyLimit = 2_048;
const requestTimeoutMs = 3_000;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, {
    HTTP_BODY_LIMIT_BYTES: String(bodyLimit),
    HTTP_HEADERS_TIMEOUT_MS: '1000',
    HTTP_REQUEST_TIMEOUT_MS: String(requestTimeoutMs),
    HTTP_SOCKET_TIMEOUT_MS: '10000',
    HTTP_KEEP_ALIVE_TIMEOUT_MS: '1500',
  });
  tenant = await seedScimTenant(database.url);
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

/** Sends the head, then 128-byte pieces every 50 ms until the server closes; answers what came back, when, and how much was sent. */
async function trickle(head: string) {
  const { socket, closed } = await connectRaw(app.http.port);
  socket.write(head);
  let sent = 0;
  const timer = setInterval(() => {
    if (!socket.writable) return;
    const piece = 'x'.repeat(128);
    socket.write(head.includes('chunked') ? `${piece.length.toString(16)}\r\n${piece}\r\n` : piece);
    sent += piece.length;
  }, 50);
  try {
    const result = await closed;
    return { ...result, sent };
  } finally {
    clearInterval(timer);
    socket.destroy();
  }
}

describe('hostile clients, continued', () => {
  it.each([
    [
      'GraphQL, chunked',
      `POST /graphql HTTP/1.1\r\nHost: roster\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
      /"PAYLOAD_TOO_LARGE"/,
    ],
    [
      'SCIM, chunked',
      () =>
        `POST ${tenant.basePath}/Users HTTP/1.1\r\nHost: roster\r\nAuthorization: Bearer ${tenant.token}\r\nContent-Type: application/scim+json\r\nTransfer-Encoding: chunked\r\n\r\n`,
      /"status":"413"/,
    ],
  ])('answers 413 the moment a body trickled past the limit passes it, and closes (%s)', async (_label, head, errorBody) => {
    const trickled = trickle(typeof head === 'function' ? head() : head);
    const started = Date.now();
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(500);
    const { received, afterMs, sent } = await trickled;
    expect(sent).toBeGreaterThan(bodyLimit);
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received).toMatch(/\r\nconnection: close\r\n/i);
    expect(received).toMatch(errorBody);
    // The limit is passed after about 17 pieces (850 ms); the request timeout is 3 s.
    expect(sent).toBeLessThan(bodyLimit + 4 * 128);
    expect(afterMs).toBeLessThan(requestTimeoutMs - 1_000);
  });

  it.each([
    ['GraphQL', () => `POST /graphql HTTP/1.1\r\nHost: roster\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n`, /"PAYLOAD_TOO_LARGE"/],
    [
      'SCIM',
      () =>
        `POST ${tenant.basePath}/Users HTTP/1.1\r\nHost: roster\r\nAuthorization: Bearer ${tenant.token}\r\nContent-Type: application/scim+json\r\nContent-Length: 10000000\r\n\r\n`,
      /"status":"413"/,
    ],
  ])('answers 413 at once to a Content-Length over the limit, reading nothing of the body (%s)', async (_label, head, errorBody) => {
    const { received, afterMs } = await trickle(head());
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received).toMatch(errorBody);
    expect(afterMs).toBeLessThan(500);
  });

  it('holds 300 idle keep-alive sockets at once, answers everyone else at once, and closes them all after the timeout', async () => {
    const idle = await Promise.all(Array.from({ length: 300 }, () => connectRaw(app.http.port)));
    for (const { socket } of idle) socket.write('GET /healthz HTTP/1.1\r\nHost: roster\r\n\r\n');
    const started = Date.now();
    const health = await fetch(`${app.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1_000);
    const results = await Promise.all(idle.map(({ closed }) => closed));
    for (const { received, afterMs } of results) {
      expect(received).toMatch(/^HTTP\/1\.1 200 /);
      expect(afterMs).toBeLessThan(5_000);
    }
    await expect.poll(() => new Promise((resolve) => app.http.server.getConnections((_error, count) => resolve(count))), { timeout: 3_000 }).toBe(0);
  });
});
