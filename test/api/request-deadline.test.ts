import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadlineGuard } from '../../src/db/deadline-guard.js';
import { RequestDeadlineError, sqlOf, type Sql } from '../../src/db/sql.js';
import { Organization, OrganizationPlan } from '../../src/domain/organizations/organization.entity.js';
import { GroupKind } from '../../src/domain/groups/group.entity.js';
import { makeAdmin, makeGroup, makeOrganization, makeScimToken } from '../factories/domain.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { scimClient } from '../support/scim.js';

/**
 * One deadline per request (REQUEST_DEADLINE_MS): however many times a request waits for the
 * database, it fails with 503 once its time is up, and a transaction it began is rolled back.
 */
let database: TestDatabase;
let app: TestApp;
let sql: Sql;
let scim: ReturnType<typeof scimClient>;
let base: string;
let adminToken: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url, { DB_POOL_MAX: '2', DB_ACQUIRE_TIMEOUT_MS: '5000', REQUEST_DEADLINE_MS: '800', SCIM_RATE_LIMIT_PER_MINUTE: '0' });
  sql = sqlOf(app.database.orm);
  const em = app.database.orm.em.fork();
  const organization = await makeOrganization(em);
  const group = await makeGroup(em, organization, { kind: GroupKind.SCIM });
  scim = scimClient(app.baseUrl, (await makeScimToken(em, group)).token);
  adminToken = (await makeAdmin(em, organization)).token;
  base = `/scim/v2/${group.id}`;
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

/** Takes every pooled connection for `ms`. */
function holdThePool(ms: number): Promise<unknown> {
  return Promise.all([sql.query(`select pg_sleep(${ms / 1000})`), sql.query(`select pg_sleep(${ms / 1000})`)]);
}

describe('the request deadline', () => {
  it('answers 503 + Retry-After at the deadline, not at the pool acquire timeout, on both doors', async () => {
    expect((await scim('GET', `${base}/Users`)).status).toBe(200);
    const held = holdThePool(3_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    try {
      const started = Date.now();
      const scimAnswer = await scim('GET', `${base}/Users?filter=${encodeURIComponent('userName eq "x"')}`);
      const scimMs = Date.now() - started;
      expect({ status: scimAnswer.status, retryAfter: scimAnswer.headers.get('retry-after') }).toEqual({ status: 503, retryAfter: '5' });
      expect(scimMs).toBeLessThan(2_000);

      const graphqlStarted = Date.now();
      const response = await fetch(`${app.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ query: '{ groups { totalCount } }' }),
      });
      const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
      expect({ status: response.status, code: body.errors?.[0]?.extensions?.code }).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
      expect(Date.now() - graphqlStarted).toBeLessThan(2_000);
    } finally {
      await held;
    }
    expect((await scim('GET', `${base}/Users`)).status).toBe(200);
  });

  it('rolls back a transaction that passes its deadline', async () => {
    const name = `Deadline ${Date.now()}`;
    const late = sql.withDeadline(Date.now() + 300).transaction(async (tx) => {
      await tx.query(`insert into organization (id, name, plan) values (gen_random_uuid(), $1, 'FREE')`, [name]);
      await new Promise((resolve) => setTimeout(resolve, 400));
      await tx.query('select 1');
    });
    await expect(late).rejects.toBeInstanceOf(RequestDeadlineError);
    expect(await sql.query('select 1 from organization where name = $1', [name])).toEqual([]);
  });

  it('gives back a connection that arrives after the deadline', async () => {
    const held = holdThePool(1_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(sql.withDeadline(Date.now() + 200).query('select 1')).rejects.toBeInstanceOf(RequestDeadlineError);
    await held;
    // Both connections serve again: nothing was kept by the abandoned wait.
    expect(await Promise.all([sql.query('select 1 as one'), sql.query('select 1 as one')])).toEqual([[{ one: 1 }], [{ one: 1 }]]);
  });

  it("rolls back a unit-of-work transaction that passes the deadline, leaving other requests' alone", async () => {
    const name = `Deadline ORM ${Date.now()}`;
    const request = app.database.orm.em.fork({ cloneEventManager: true });
    request.getEventManager().registerSubscriber(deadlineGuard(Date.now() + 300));
    const late = request.transactional(async (tx) => {
      tx.create(Organization, { name, plan: OrganizationPlan.FREE });
      await new Promise((resolve) => setTimeout(resolve, 400));
    });
    await expect(late).rejects.toBeInstanceOf(RequestDeadlineError);
    expect(await sql.query('select 1 from organization where name = $1', [name])).toEqual([]);
    // The guard belongs to that request's EntityManager only.
    await app.database.orm.em.fork().transactional((tx) => {
      tx.create(Organization, { name, plan: OrganizationPlan.FREE });
      return Promise.resolve();
    });
    expect(await sql.query('select 1 as one from organization where name = $1', [name])).toEqual([{ one: 1 }]);
  });
});
