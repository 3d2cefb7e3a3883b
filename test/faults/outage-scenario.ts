import { expect } from 'vitest';
import { errorSchema } from '../support/scim.js';
import { outcomesReach, startImport, type Outcome } from '../support/idp-import.js';
import type { ScimTenant } from '../support/scim-tenant.js';
import { auditGroup, statusCounts } from '../support/write-audit.js';

/** The pool settings every outage case gives the server (the bound a failing request is held to). */
export const outageServerEnv = { DB_ACQUIRE_TIMEOUT_MS: '1000', DB_CONNECT_TIMEOUT_MS: '1000', SCIM_RATE_LIMIT_PER_MINUTE: '0' } as const;
const acquireTimeoutMs = 1_000;
/** Slack for a loaded two-core machine on top of the acquire timeout: generous, still far below the outage. */
const slackMs = 1_500;
const outageMs = 4_000;

export interface OutageCase {
  readonly port: number;
  readonly tenant: ScimTenant;
  readonly databaseUrl: string;
  /** Takes the database away (and resolves once it is away). */
  cut(): Promise<void>;
  restore(): Promise<void>;
}

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { status: response.status, body: await response.text() };
}

async function graphqlGroups(origin: string, adminToken: string) {
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ query: '{ groups { totalCount } }' }),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return { status: response.status, code: body.errors?.[0]?.extensions?.code, retryAfter: response.headers.get('retry-after') };
}

/**
 * An import at concurrency 12 while the database goes away for four seconds and comes back: every
 * request fails fast with 503 + Retry-After (GraphQL: SERVICE_UNAVAILABLE), readiness is 503 and
 * liveness 200 meanwhile, service comes back within 10 s by itself, and the database holds
 * exactly what the client saw acknowledged (plus, at most, whole writes whose answer was lost).
 */
export async function importThroughOutage(c: OutageCase): Promise<{ outcomes: Outcome[]; recoveredInMs: number }> {
  const origin = `http://127.0.0.1:${c.port}`;
  const run = startImport({ port: c.port, basePath: c.tenant.basePath, token: c.tenant.token }, { concurrency: 12, count: 100_000 });
  let recoveredInMs = Infinity;
  try {
    await outcomesReach(run, 60);
    const cutAt = performance.now();
    await c.cut();
    const outage = new Promise((resolve) => setTimeout(resolve, Math.max(0, outageMs - (performance.now() - cutAt))));
    // While it is away: readiness says so, liveness does not, GraphQL answers as SCIM does.
    await expect.poll(async () => (await get(`${origin}/readyz`)).status, { timeout: 3_000, interval: 100 }).toBe(503);
    expect((await get(`${origin}/healthz`)).status).toBe(200);
    expect(await graphqlGroups(origin, c.tenant.adminToken)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', retryAfter: '5' });
    await outage;
    const restoredAt = performance.now();
    await c.restore();
    await expect.poll(async () => (await get(`${origin}/readyz`)).status, { timeout: 10_000, interval: 100 }).toBe(200);
    await expect.poll(() => run.outcomes.some((o) => o.sentAt > restoredAt && o.status >= 200 && o.status < 300), { timeout: 10_000, interval: 50 }).toBe(true);
    recoveredInMs = performance.now() - restoredAt;
    expect((await graphqlGroups(origin, c.tenant.adminToken)).status).toBe(200);
    const answered = run.outcomes.length;
    await outcomesReach(run, answered + 60);
  } finally {
    run.stop();
    await run.done;
  }
  const { outcomes } = run;
  const counts = statusCounts(outcomes);
  // Nothing but successes and 503s: no 500, no connection reset, no hang.
  expect(
    Object.keys(counts).filter((status) => !['200', '201', '503'].includes(status)),
    JSON.stringify(counts),
  ).toEqual([]);
  const failed = outcomes.filter((o) => o.status === 503);
  expect(failed.length).toBeGreaterThan(0);
  for (const o of failed) {
    expect({ retryAfter: o.retryAfter, schemas: (JSON.parse(o.body) as { schemas?: unknown }).schemas }).toEqual({ retryAfter: '5', schemas: [errorSchema] });
  }
  const slowest = Math.max(...failed.map((o) => o.answeredAt - o.sentAt));
  expect(slowest, 'the slowest 503 (ms)').toBeLessThan(acquireTimeoutMs + slackMs);
  const audit = await auditGroup(c.databaseUrl, c.tenant.groupId, outcomes);
  expect(audit.problems).toEqual([]);
  expect(recoveredInMs).toBeLessThan(10_000);
  return { outcomes, recoveredInMs };
}
