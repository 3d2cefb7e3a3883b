import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { connectRaw } from '../support/raw-socket.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * Clients that trickle, stall or never read: each is cut off within its bound (Config.http), and
 * everyone else keeps being answered at once.
 */
let database: TestDatabase;
let app: TestApp;
let port: number;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, {
    HTTP_HEADERS_TIMEOUT_MS: '1000',
    HTTP_REQUEST_TIMEOUT_MS: '2000',
    HTTP_SOCKET_TIMEOUT_MS: '3000',
    HTTP_KEEP_ALIVE_TIMEOUT_MS: '1500',
  });
  port = app.http.port;
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

/**
 * How long a health check takes beside hostile clients. A server they had stalled would take
 * seconds (until its timeouts free it); the bound leaves room for a slow 2-core machine running
 * other test files at the same time (CI saw 505 and 871 ms there on Node 20).
 */
const responsiveMs = 2_000;

async function timedHealth(): Promise<number> {
  const started = Date.now();
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect(response.status).toBe(200);
  return Date.now() - started;
}

async function openConnections(): Promise<number> {
  return new Promise((resolve, reject) => app.http.server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
}

describe('hostile clients', () => {
  it('cuts off headers trickled byte by byte, many at once, while answering everyone else', async () => {
    const tricklers = await Promise.all(Array.from({ length: 50 }, () => connectRaw(port)));
    const timers = tricklers.map(({ socket }) => {
      socket.write('GET /healthz HTTP/1.1\r\nHost: roster\r\n');
      return setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 200);
    });
    try {
      expect(await timedHealth()).toBeLessThan(responsiveMs);
      const results = await Promise.all(tricklers.map(({ closed }) => closed));
      for (const { received, afterMs } of results) {
        expect(received).toMatch(/^HTTP\/1\.1 408 /);
        expect(afterMs).toBeLessThan(3_000);
      }
    } finally {
      timers.forEach(clearInterval);
    }
  });

  it('cuts off a body that stops arriving, with 408', async () => {
    const { socket, closed } = await connectRaw(port);
    socket.write('POST /graphql HTTP/1.1\r\nHost: roster\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":');
    const { received, afterMs } = await closed;
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(afterMs).toBeLessThan(3_500);
  });

  it('frees the connections of clients that never read their answers', async () => {
    const before = await openConnections();
    // Large answers (the IDE's script, ~1 MB) to clients that read nothing: the server's buffers fill and stall.
    const readers = await Promise.all(Array.from({ length: 10 }, () => connectRaw(port)));
    for (const { socket } of readers) {
      socket.pause();
      socket.write('GET /ide/graphiql.min.js HTTP/1.1\r\nHost: roster\r\n\r\n'.repeat(20));
    }
    expect(await timedHealth()).toBeLessThan(responsiveMs);
    await expect.poll(openConnections, { timeout: 12_000, interval: 200 }).toBeLessThanOrEqual(before);
    for (const { socket } of readers) socket.destroy();
  });

  it('closes idle keep-alive connections after their timeout', async () => {
    const idle = await Promise.all(Array.from({ length: 100 }, () => connectRaw(port)));
    for (const { socket } of idle) socket.write('GET /healthz HTTP/1.1\r\nHost: roster\r\n\r\n');
    expect(await timedHealth()).toBeLessThan(responsiveMs);
    const results = await Promise.all(idle.map(({ closed }) => closed));
    for (const { received, afterMs } of results) {
      expect(received).toMatch(/^HTTP\/1\.1 200 /);
      expect(afterMs).toBeLessThan(3_500);
    }
  });
});
