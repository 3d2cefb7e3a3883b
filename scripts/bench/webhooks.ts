/**
 * Webhook lag during an identity provider's import (issue #9): an endpoint on a group of its own, pointed at a receiver in this process, and `users` creates into that group at the
 * round's concurrency. Lag is from the event's write (its `createdAt`, PostgreSQL's clock, the
 * same machine's) to the message's arrival at the receiver; the rate is messages per second from
 * the first create to the last arrival. Roster only: the floors send no webhooks.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runLoad } from './load.js';
import { buildPhase, type GroupState } from './phases.js';
import type { Service } from './processes.js';
import type { TenantGroup } from './tenant.js';

export interface WebhookFigures {
  readonly messages: number;
  readonly lagMs: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly messagesPerSecond: number;
  /** Creates that failed (the lag is of the others). */
  readonly errors: number;
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export async function measureWebhookLag(roster: Service, group: TenantGroup, users: number, concurrency: number): Promise<WebhookFigures> {
  const arrivals: number[] = [];
  const lags: number[] = [];
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const at = Date.now();
      const message = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type: string; data: { createdAt?: string } };
      if (message.type === 'member.created' && message.data.createdAt) {
        arrivals.push(at);
        lags.push(at - Date.parse(message.data.createdAt));
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    const created = await fetch(`${roster.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...group.target.graphqlHeaders },
      body: JSON.stringify({
        query: 'mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }',
        variables: { input: { url, eventTypes: ['member.created'], groupIds: [group.target.groupId] } },
      }),
    });
    const answer = (await created.json()) as { errors?: unknown[] };
    if (answer.errors) throw new Error(`creating the webhook endpoint failed: ${JSON.stringify(answer.errors)}`);

    const state: GroupState = { users, userNamePrefix: 'hook', ids: [], teamIds: [] };
    const phase = buildPhase('create', group.target, state, { users, graphqlOperations: 0 });
    const started = Date.now();
    const load = await runLoad({ ...phase, label: `c=${concurrency} Roster webhooks`, endpoint: roster.endpoint, concurrency });
    const expected = users - load.errors;
    const deadline = Date.now() + 60_000 + users * 10;
    while (arrivals.length < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    if (arrivals.length < expected) throw new Error(`only ${arrivals.length} of ${expected} webhook messages arrived`);
    const sorted = [...lags].sort((a, b) => a - b);
    const last = Math.max(...arrivals);
    return {
      messages: arrivals.length,
      lagMs: { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0 },
      messagesPerSecond: arrivals.length / Math.max(0.001, (last - started) / 1000),
      errors: load.errors,
    };
  } finally {
    await new Promise((resolve) => receiver.close(resolve));
  }
}
