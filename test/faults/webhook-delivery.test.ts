import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateWebhookEndpointDocument } from '../generated/graphql.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { graphqlRequest } from '../support/graphql.js';
import { scimClient } from '../support/scim.js';
import { seedScimTenant, type ScimTenant } from '../support/scim-tenant.js';
import { bearer } from '../support/seed.js';
import { spawnBuiltServer, waitForStatus, type ServerProcess } from '../support/server-process.js';

/**
 * Webhooks across faults: two built instances on one PostgreSQL share the deliveries of one
 * endpoint while its receiver is down (503s), one instance is killed (-9) mid-retry and another
 * started, then the receiver comes back — every event arrives, verified, at least once, in the
 * order of the feed, never two at once; then a 410 disables the endpoint.
 */
let database: TestDatabase;
let tenant: ScimTenant;
const servers: ServerProcess[] = [];
let answer: () => number = () => 503;
const received: { id: string; body: string; headers: Record<string, string>; status: number }[] = [];
let inFlight = 0;
let mostInFlight = 0;
let receiverServer: http.Server;
let receiverUrl: string;

const env = () => ({
  DATABASE_URL: database.url,
  WEBHOOK_ALLOW_HTTP: 'true',
  // Retried every second, long enough not to give up during the outage.
  WEBHOOK_RETRY_SCHEDULE: Array.from({ length: 20 }, () => '1').join(','),
  SCIM_RATE_LIMIT_PER_MINUTE: '0',
});

async function start(): Promise<number> {
  const server = spawnBuiltServer(env());
  servers.push(server);
  const port = await server.port();
  await waitForStatus(`http://127.0.0.1:${port}/readyz`, 200, 30_000);
  return port;
}

beforeAll(async () => {
  database = await createTestDatabase();
  tenant = await seedScimTenant(database.url);
  receiverServer = http.createServer((req, res) => {
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      // A moment of work, so two sends at once would overlap here.
      setTimeout(() => {
        const status = answer();
        received.push({
          id: String(req.headers['webhook-id']),
          body: Buffer.concat(chunks).toString('utf8'),
          headers: req.headers as Record<string, string>,
          status,
        });
        inFlight--;
        res.writeHead(status).end();
      }, 20);
    });
  });
  await new Promise<void>((resolve) => receiverServer.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiverServer.address() as AddressInfo).port}/hooks`;
});
afterAll(async () => {
  for (const server of servers) server.child.kill('SIGTERM');
  await Promise.all(servers.map((server) => server.exited));
  await new Promise((resolve) => receiverServer.close(resolve));
  await database.drop();
});

describe('webhooks across an outage, a killed instance and two instances', () => {
  it('delivers every event at least once, in feed order, one at a time, whichever instance sends', async () => {
    const ports = [await start(), await start()];
    const created = await graphqlRequest(
      `http://127.0.0.1:${ports[0]}`,
      CreateWebhookEndpointDocument,
      { input: { url: receiverUrl, eventTypes: ['member.created'] } },
      bearer(tenant.adminToken),
    );
    const secret = created.data?.createWebhookEndpoint.secret;
    if (!secret) throw new Error(JSON.stringify(created.errors));

    // The receiver is down; creates go to both instances in turn.
    const userNames = Array.from({ length: 24 }, (_, i) => `hook${String(i).padStart(2, '0')}@faults.example`);
    for (const [i, userName] of userNames.entries()) {
      const scim = scimClient(`http://127.0.0.1:${ports[i % 2]}`, tenant.token);
      expect((await scim('POST', `${tenant.basePath}/Users`, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName })).status).toBe(201);
    }
    await expect.poll(() => received.length, { timeout: 15_000 }).toBeGreaterThan(2);
    // One instance dies mid-retry; another takes its place.
    servers[1]?.child.kill('SIGKILL');
    await servers[1]?.exited;
    await start();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    answer = () => 200;

    // Every message, once accepted: the last one's lease, if the killed instance held it, expires within a minute.
    await expect.poll(() => new Set(received.filter((r) => r.status === 200).map((r) => r.id)).size, { timeout: 90_000, interval: 500 }).toBe(userNames.length);
    const verifier = new Webhook(secret);
    for (const request of received) expect(() => verifier.verify(request.body, request.headers)).not.toThrow();
    const firstAccepted: string[] = [];
    for (const request of received.filter((r) => r.status === 200)) {
      const label = (JSON.parse(request.body) as { data: { targetLabel: string } }).data.targetLabel;
      if (!firstAccepted.includes(label)) firstAccepted.push(label);
    }
    expect(firstAccepted).toEqual(userNames);
    // Until one is accepted, nothing after it is sent: every request before the first success is the first event's.
    const firstSuccess = received.findIndex((r) => r.status === 200);
    expect(new Set(received.slice(0, firstSuccess + 1).map((r) => r.id)).size).toBe(1);
    expect(mostInFlight).toBe(1);

    // A 410 disables the endpoint: nothing more is sent.
    answer = () => 410;
    const scim = scimClient(`http://127.0.0.1:${ports[0]}`, tenant.token);
    expect(
      (await scim('POST', `${tenant.basePath}/Users`, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'gone@faults.example' })).status,
    ).toBe(201);
    await expect.poll(() => received.filter((r) => r.status === 410).length, { timeout: 15_000 }).toBe(1);
    expect(
      (await scim('POST', `${tenant.basePath}/Users`, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'later@faults.example' })).status,
    ).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(received.filter((r) => r.status === 410)).toHaveLength(1);
    expect(received.at(-1)?.status).toBe(410);
  }, 150_000);
});
