/**
 * `npm run bench -- [--users 10000] [--concurrency 8]`: an identity provider's life cycle over HTTP
 * against a server started here on a fresh database (embedded PostgreSQL in a temporary folder, or
 * BENCH_DATABASE_URL's server), and the same work done directly with `pg` (the floor). Prints, per
 * phase: requests/s, p50/p95/p99 latency, errors, SQL statements per request, and our throughput
 * as a ratio of the floor. Not part of the test suite.
 */
import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/db/embedded-postgres.js';
import { applyMigrations } from '../src/db/migrator.js';
import { GroupKind } from '../src/domain/groups/group.entity.js';
import { createServices } from '../src/domain/services.js';
import { OrganizationPlan } from '../src/domain/organizations/organization.entity.js';
import { AdminRole } from '../src/domain/shared/actor.js';
import { createApp } from '../src/http/app.js';
import { createLifecycle } from '../src/http/lifecycle.js';
import { listen } from '../src/http/server.js';
import { createLogger } from '../src/logger.js';

const { values } = parseArgs({ options: { users: { type: 'string', default: '10000' }, concurrency: { type: 'string', default: '8' } } });
const users = Number(values.users);
const concurrency = Number(values.concurrency);
if (!Number.isInteger(users) || users < 10 || !Number.isInteger(concurrency) || concurrency < 1) {
  console.error('Usage: npm run bench -- --users <n ≥ 10> --concurrency <c ≥ 1>');
  process.exit(2);
}

interface PhaseResult {
  name: string;
  requests: number;
  seconds: number;
  latencies: number[];
  errors: number;
  statements: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);
}

/** Runs `count` jobs with at most `concurrency` in flight, showing progress on stderr. */
async function run(name: string, count: number, job: (i: number) => Promise<boolean>, statementCounter: () => number): Promise<PhaseResult> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  let done = 0;
  const statementsBefore = statementCounter();
  const started = performance.now();
  const progress = setInterval(() => process.stderr.write(`\r  ${name}: ${done}/${count}`), 500);
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        const ok = await job(i).catch(() => false);
        latencies.push(performance.now() - t0);
        if (!ok) errors++;
        done++;
      }
    }),
  );
  clearInterval(progress);
  process.stderr.write(`\r  ${name}: ${done}/${count} done\n`);
  return {
    name,
    requests: count,
    seconds: (performance.now() - started) / 1000,
    latencies: latencies.sort((a, b) => a - b),
    errors,
    statements: statementCounter() - statementsBefore,
  };
}

const logger = createLogger({ logLevel: 'warn' });
let embedded: EmbeddedDatabase | undefined;
let dataDir: string | undefined;
let serverUrl = process.env.BENCH_DATABASE_URL;
if (!serverUrl) {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'roster-bench-'));
  embedded = await startEmbeddedPostgres({ dataDir, logger });
  serverUrl = embedded.url;
}
const dbName = `roster_bench_${process.pid}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`create database "${dbName}"`);
await admin.end();
const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${dbName}` }).toString();

const config = loadConfig({
  NODE_ENV: 'production',
  DATABASE_URL: databaseUrl,
  PORT: '0',
  LOG_LEVEL: 'warn',
  SCIM_RATE_LIMIT_PER_MINUTE: '0',
  DB_POOL_MAX: '20',
});
const database = await openDatabase(config, logger);
await applyMigrations(database.orm, logger);
let statements = 0;
database.orm.em
  .getConnection()
  .getKnex()
  .on('query', () => statements++);
const lifecycle = createLifecycle();
lifecycle.phase = 'ready';
const { app, apollo } = await createApp({ config, logger, orm: database.orm, lifecycle });
const http = await listen(app, '127.0.0.1', 0);
const base = `http://127.0.0.1:${http.port}`;

// A PRO organization, a SCIM group with a token, and an admin session for the GraphQL reads.
const services = createServices(database.orm.em.fork(), { sessionTtlMs: 3_600_000 });
const organization = await services.organizations.createOrganization('Bench', OrganizationPlan.PRO);
await services.organizations.createAdmin(organization.id, 'bench@example.com', 'bench password 123', AdminRole.OWNER);
const session = await createServices(database.orm.em.fork(), { sessionTtlMs: 3_600_000 }).auth.signIn('bench@example.com', 'bench password 123');
const owner = await createServices(database.orm.em.fork(), { sessionTtlMs: 3_600_000 }).auth.authenticate(session.token, null);
if (!owner) throw new Error('bench admin could not sign in');
const group = await createServices(database.orm.em.fork(), { sessionTtlMs: 3_600_000 }).groups.create(owner, { name: 'Bench', kind: GroupKind.SCIM });
const { token } = await createServices(database.orm.em.fork(), { sessionTtlMs: 3_600_000 }).scimTokens.create(owner, group.id, { name: 'Bench' });
const scimBase = `${base}/scim/v2/${group.id}`;
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json', 'user-agent': 'Okta SCIM Client 1.0.0' };

async function scim(method: string, url: string, body?: unknown, expected = 200): Promise<{ ok: boolean; json: Record<string, unknown> }> {
  const response = await fetch(`${scimBase}${url}`, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
  const text = await response.text();
  return { ok: response.status === expected, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const userName = (i: number) => `user${String(i).padStart(6, '0')}@bench.example`;
const ids: string[] = new Array<string>(users);
const tenth = Math.max(1, Math.floor(users / 10));
const counter = () => statements;
console.error(`Roster benchmark: ${users} users, concurrency ${concurrency}, database ${database.displayUrl}`);

const results: PhaseResult[] = [];
results.push(
  await run(
    'import (lookup + create)',
    users,
    async (i) => {
      const lookup = await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName(i)}"`)}&startIndex=1&count=100`);
      if (!lookup.ok || lookup.json.totalResults !== 0) return false;
      const created = await scim(
        'POST',
        '/Users',
        {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName: userName(i),
          name: { givenName: 'Bench', familyName: `User ${i}` },
          emails: [{ value: userName(i), type: 'work', primary: true }],
          externalId: `ext-${i}`,
          active: true,
        },
        201,
      );
      ids[i] = String(created.json.id);
      return created.ok;
    },
    counter,
  ),
);
const pages = Math.ceil(users / 100);
results.push(await run('paging at count=100', pages, async (p) => (await scim('GET', `/Users?startIndex=${p * 100 + 1}&count=100`)).ok, counter));
results.push(
  await run(
    'filter lookups',
    users,
    async (i) => (await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName((i * 7919) % users)}"`)}`)).ok,
    counter,
  ),
);
results.push(
  await run(
    'PATCH deactivate 10%',
    tenth,
    async (i) =>
      (
        await scim('PATCH', `/Users/${ids[i] ?? ''}`, {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'replace', value: { active: false } }],
        })
      ).ok,
    counter,
  ),
);
results.push(
  await run(
    'PUT 10%',
    tenth,
    async (i) => (await scim('PUT', `/Users/${ids[tenth + i] ?? ''}`, { userName: userName(tenth + i), title: 'Updated', active: true })).ok,
    counter,
  ),
);
const team = await scim('POST', '/Groups', { displayName: 'Everyone' }, 201);
const batches = Math.ceil(users / 1000);
results.push(
  await run(
    'team push, batches of 1,000',
    batches,
    async (b) =>
      (
        await scim(
          'PATCH',
          `/Groups/${String(team.json.id)}`,
          { Operations: [{ op: 'add', path: 'members', value: ids.slice(b * 1000, b * 1000 + 1000).map((value) => ({ value })) }] },
          204,
        )
      ).ok,
    counter,
  ),
);
results.push(
  await run(
    'GraphQL member pages (100)',
    pages,
    async (p) => {
      // Pages are read concurrently, so each builds the cursor a client would have been handed
      // (the last userName of the previous page) instead of walking endCursor one by one.
      const after = p === 0 ? null : Buffer.from(JSON.stringify([userName(p * 100 - 1)])).toString('base64url');
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
        body: JSON.stringify({
          query: 'query ($id: ID!, $after: String) { group(id: $id) { members(first: 100, after: $after) { edges { node { id userName active } } } } }',
          variables: { id: group.id, after },
        }),
      });
      return response.ok && !((await response.json()) as { errors?: unknown }).errors;
    },
    counter,
  ),
);
results.push(await run('DELETE 10%', tenth, async (i) => (await scim('DELETE', `/Users/${ids[users - 1 - i] ?? ''}`, undefined, 204)).ok, counter));

// The floor: the same reads and writes straight through pg on a pool of the same size.
const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 });
const floorIds: string[] = new Array<string>(users);
const floor: PhaseResult[] = [];
const noCount = () => 0;
await pool.query(
  'create table floor_user (id uuid primary key default gen_random_uuid(), user_name text not null, user_name_key text generated always as (lower(user_name)) stored unique, data jsonb not null, active boolean not null default true, created_at timestamptz not null default now())',
);
await pool.query('create index on floor_user (created_at, id)');
floor.push(
  await run(
    'floor: import',
    users,
    async (i) => {
      await pool.query('select id from floor_user where user_name_key = lower($1)', [userName(i)]);
      floorIds[i] =
        (
          await pool.query<{ id: string }>('insert into floor_user (user_name, data) values ($1, $2) returning id', [
            userName(i),
            { emails: [{ value: userName(i) }] },
          ])
        ).rows[0]?.id ?? '';
      return true;
    },
    noCount,
  ),
);
floor.push(
  await run(
    'floor: paging',
    pages,
    async (p) => (await pool.query('select * from floor_user order by created_at, id limit 100 offset $1', [p * 100])).rowCount !== null,
    noCount,
  ),
);
floor.push(
  await run(
    'floor: lookups',
    users,
    async (i) => (await pool.query('select * from floor_user where user_name_key = lower($1)', [userName((i * 7919) % users)])).rowCount === 1,
    noCount,
  ),
);
floor.push(
  await run(
    'floor: deactivate',
    tenth,
    async (i) => (await pool.query('update floor_user set active = false where id = $1', [floorIds[i]])).rowCount === 1,
    noCount,
  ),
);
floor.push(
  await run(
    'floor: replace',
    tenth,
    async (i) => (await pool.query('update floor_user set data = $2 where id = $1', [floorIds[tenth + i], { title: 'Updated' }])).rowCount === 1,
    noCount,
  ),
);
await pool.query('create table floor_membership (member_id uuid, primary key (member_id))');
floor.push(
  await run(
    'floor: team push',
    batches,
    async (b) => {
      await pool.query('insert into floor_membership select unnest($1::uuid[]) on conflict do nothing', [floorIds.slice(b * 1000, b * 1000 + 1000)]);
      return true;
    },
    noCount,
  ),
);
floor.push(
  await run(
    'floor: member pages',
    pages,
    async (p) =>
      (
        await pool.query('select id, user_name, active from floor_user where user_name_key > $1 order by user_name_key limit 100', [
          p === 0 ? '' : userName(p * 100 - 1),
        ])
      ).rowCount !== null,
    noCount,
  ),
);
floor.push(
  await run('floor: delete', tenth, async (i) => (await pool.query('delete from floor_user where id = $1', [floorIds[users - 1 - i]])).rowCount === 1, noCount),
);
await pool.end();

const table = results.map((r, i) => {
  const rps = r.requests / r.seconds;
  const floorResult = floor[i];
  const floorRps = floorResult ? floorResult.requests / floorResult.seconds : 0;
  return {
    phase: r.name,
    requests: r.requests,
    'req/s': rps.toFixed(0),
    'p50 ms': percentile(r.latencies, 50).toFixed(1),
    'p95 ms': percentile(r.latencies, 95).toFixed(1),
    'p99 ms': percentile(r.latencies, 99).toFixed(1),
    errors: r.errors,
    'SQL/req': (r.statements / r.requests).toFixed(1),
    'floor req/s': floorRps.toFixed(0),
    'of floor': floorRps ? (rps / floorRps).toFixed(2) : '-',
  };
});
console.log(`\nRoster ${users} users, concurrency ${concurrency} (${os.cpus().length} cores, Node ${process.version})`);
console.table(table);

await http.drain();
await apollo.stop();
await database.close();
const cleanup = new pg.Client({ connectionString: serverUrl });
await cleanup.connect();
await cleanup.query(`drop database "${dbName}" with (force)`);
await cleanup.end();
await embedded?.stop();
if (dataDir) await rm(dataDir, { recursive: true, force: true });
if (results.some((r) => r.errors > 0)) process.exitCode = 1;
