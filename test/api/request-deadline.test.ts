import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Periodic } from '../../src/db/periodic.js';
import { RequestDeadlineError, withRequestDeadline } from '../../src/db/request-deadline.js';
import { sqlOf, type Sql } from '../../src/db/sql.js';
import { isDatabaseUnavailable } from '../../src/db/unavailable.js';
import { Organization, OrganizationPlan } from '../../src/domain/organizations/organization.entity.js';
import { GroupKind } from '../../src/domain/groups/group.entity.js';
import { makeAdmin, makeGroup, makeOrganization, makeScimToken } from '../factories/domain.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { scimClient } from '../support/scim.js';

/**
 * One deadline per request (REQUEST_DEADLINE_MS): however many times a request waits for the
 * database — through src/db/sql.ts or MikroORM, for a statement or a transaction — it fails with
 * 503 once its time is up, and a transaction it began is rolled back.
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

  it('holds GraphQL reads made through MikroORM to the deadline too', async () => {
    const viewer = () =>
      fetch(`${app.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ query: '{ viewer { organization { name } } }' }),
      });
    // The session is checked now, so the held pool below meets only the organization's read.
    expect((await viewer()).status).toBe(200);
    const held = holdThePool(3_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    try {
      const started = Date.now();
      const response = await viewer();
      const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
      expect({ status: response.status, code: body.errors?.[0]?.extensions?.code }).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await held;
    }
  });

  it.each<[string, () => Promise<unknown>]>([
    ['a MikroORM read', () => app.database.orm.em.fork().find(Organization, {})],
    ['a MikroORM transaction', () => app.database.orm.em.fork().transactional(() => Promise.resolve())],
    ['a statement', () => sql.query('select 1')],
    ['a transaction of statements', () => sql.transaction((tx) => tx.query('select 1'))],
  ])('waits for a connection for %s only until the deadline, not the acquire timeout', async (_label, work) => {
    const held = holdThePool(2_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    try {
      const started = Date.now();
      const error: unknown = await withRequestDeadline(Date.now() + 300, work).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(Date.now() - started).toBeLessThan(1_500);
    } finally {
      await held;
    }
  });

  it("lets background work a request set off outlive that request's deadline", async () => {
    let answer: unknown;
    const periodic = new Periodic(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        answer = await sql.query('select 1 as one');
      },
      { intervalMs: 60_000, runOnStop: false },
    );
    await withRequestDeadline(Date.now() + 100, () => periodic.run());
    expect(answer).toEqual([{ one: 1 }]);
  });

  it('rolls back a transaction that passes its deadline', async () => {
    const name = `Deadline ${Date.now()}`;
    const late = withRequestDeadline(Date.now() + 300, () =>
      sql.transaction(async (tx) => {
        await tx.query(`insert into organization (id, name, plan) values (gen_random_uuid(), $1, 'FREE')`, [name]);
        await new Promise((resolve) => setTimeout(resolve, 400));
        await tx.query('select 1');
      }),
    );
    await expect(late).rejects.toBeInstanceOf(RequestDeadlineError);
    expect(await sql.query('select 1 from organization where name = $1', [name])).toEqual([]);
  });

  it('gives back a connection that arrives after the deadline', async () => {
    const held = holdThePool(1_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(withRequestDeadline(Date.now() + 200, () => sql.query('select 1'))).rejects.toBeInstanceOf(RequestDeadlineError);
    await held;
    // Both connections serve again: nothing was kept by the abandoned wait.
    expect(await Promise.all([sql.query('select 1 as one'), sql.query('select 1 as one')])).toEqual([[{ one: 1 }], [{ one: 1 }]]);
  });

  it("rolls back a unit-of-work transaction that passes the deadline, leaving other requests' alone", async () => {
    const name = `Deadline ORM ${Date.now()}`;
    const late = withRequestDeadline(Date.now() + 300, () =>
      app.database.orm.em.fork().transactional(async (tx) => {
        tx.create(Organization, { name, plan: OrganizationPlan.FREE });
        await new Promise((resolve) => setTimeout(resolve, 400));
      }),
    );
    await expect(late).rejects.toMatchObject({ code: 'REQUEST_DEADLINE' });
    expect(await sql.query('select 1 from organization where name = $1', [name])).toEqual([]);
    // The deadline belongs to that request's work only.
    await app.database.orm.em.fork().transactional((tx) => {
      tx.create(Organization, { name, plan: OrganizationPlan.FREE });
      return Promise.resolve();
    });
    expect(await sql.query('select 1 as one from organization where name = $1', [name])).toEqual([{ one: 1 }]);
  });
});
