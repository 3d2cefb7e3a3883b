/**
 * The soak run (docs/soak.md): an identity provider's whole life cycle — lookup, create, read,
 * PATCH, PUT, group push, a page of users, group removal, delete — repeated for N minutes
 * against the built server as its own process, printing a line a minute: throughput, p50/p99
 * latency, errors, the server's RSS (from /proc), and its heap and event-loop lag.
 *
 *   npm run soak -- --minutes 30 [--concurrency 8]
 *
 * On DATABASE_URL when set, otherwise on an embedded PostgreSQL in a temporary DATA_DIR.
 * Heap and event-loop lag come from a probe preloaded into the server's node (`--import` of a
 * data: URL, below): nothing in the product serves them, and the probe only appends to a file.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { embeddedDatabaseUrl, findFreeLoopbackPort } from '../src/db/embedded-postgres.js';
import { readPortFile } from '../src/db/embedded-port-file.js';
import { newScimToken } from '../src/domain/scim-tokens/scim-token.format.js';
import { createCleanup, exitOnSignals } from './bench/cleanup.js';
import { startService } from './bench/processes.js';
import { deployedNodeOptions } from './bench/servers.js';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '30' }, concurrency: { type: 'string', default: '8' } } });
const minutes = Number(values.minutes);
const concurrency = Number(values.concurrency);
if (!(minutes > 0) || !Number.isInteger(concurrency) || concurrency < 1) {
  process.stderr.write('usage: npm run soak -- --minutes N [--concurrency C]\n');
  process.exit(2);
}

/** Runs inside the server's process: every 5 s, one JSON line of memory and event-loop delay. */
const probe = `
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { appendFileSync } from 'node:fs';
const file = process.env.SOAK_PROBE_FILE;
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
setInterval(() => {
  const m = process.memoryUsage();
  appendFileSync(file, JSON.stringify({ at: Date.now(), heapUsed: m.heapUsed, heapTotal: m.heapTotal, lagP99Ms: delay.percentile(99) / 1e6, lagMaxMs: delay.max / 1e6 }) + '\\n');
  delay.reset();
}, 5000).unref();
`;

interface ProbeLine {
  readonly at: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly lagP99Ms: number;
  readonly lagMaxMs: number;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) * 1024;
}

/** Inserts a PRO organization, a SCIM group and a token, as the benchmark's floor does. */
async function seed(databaseUrl: string): Promise<{ groupId: string; token: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const organizationId = randomUUID();
    const groupId = randomUUID();
    const created = newScimToken();
    await client.query(`insert into organization (id, name, plan) values ($1, 'Soak', 'PRO')`, [organizationId]);
    await client.query(`insert into "group" (id, organization_id, name, kind) values ($1, $2, 'Soak', 'SCIM')`, [groupId, organizationId]);
    await client.query('insert into scim_token (id, organization_id, group_id, name, public_id, secret_hash, last_four) values ($1, $2, $3, $4, $5, $6, $7)', [
      randomUUID(),
      organizationId,
      groupId,
      'Soak',
      created.publicId,
      created.secretHash,
      created.lastFour,
    ]);
    return { groupId, token: created.token };
  } finally {
    await client.end();
  }
}

const patchOp = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

async function main(): Promise<void> {
  const cleanup = createCleanup();
  exitOnSignals(cleanup);
  // The server's log and the probe's lines stay there after the run, to be read.
  const work = mkdtempSync(path.join(os.tmpdir(), 'roster-soak-'));
  const probeFile = path.join(work, 'probe.jsonl');
  // A folder of its own: as root, the embedded PostgreSQL runs as `postgres`, which cannot enter `work` (0700).
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'roster-soak-data-'));
  cleanup.add('remove the data folder', () => rm(dataDir, { recursive: true, force: true }));
  const port = await findFreeLoopbackPort();
  const external = process.env.DATABASE_URL;
  try {
    const server = await startService(
      {
        name: 'Roster',
        script: 'dist/src/main.js',
        port,
        env: {
          NODE_ENV: 'development',
          // The heap limits of the Docker image: memory over the soak is what a deployment sees.
          NODE_OPTIONS: deployedNodeOptions(),
          BOOTSTRAP_DEMO: 'false',
          PORT: String(port),
          LOG_LEVEL: 'info',
          SCIM_RATE_LIMIT_PER_MINUTE: '10000000',
          SOAK_PROBE_FILE: probeFile,
          ...(external ? { DATABASE_URL: external } : { DATA_DIR: dataDir }),
        },
        logFile: path.join(work, 'roster.log'),
        nodeArgs: ['--import', `data:text/javascript,${encodeURIComponent(probe)}`],
        ready: { method: 'GET', path: '/readyz' },
      },
      cleanup,
    );
    let databaseUrl = external;
    if (!databaseUrl) {
      const record = await readPortFile(dataDir);
      if (!record) throw new Error('the server published no embedded PostgreSQL port');
      databaseUrl = embeddedDatabaseUrl(readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim(), record.port, 'roster');
    }
    const { groupId, token } = await seed(databaseUrl);
    await warnWithoutAutovacuum(databaseUrl);
    process.stdout.write(
      `Soak: ${minutes} min, concurrency ${concurrency}, server pid ${server.pid}, ${external ? 'DATABASE_URL' : 'embedded PostgreSQL'}, server log and probe in ${work}\n`,
    );
    await soak(server.pid, port, `/scim/v2/${groupId}`, token, probeFile);
  } finally {
    await cleanup.runAll();
  }
}

/**
 * An IdP's churn (a user created and deleted every cycle) leaves dead rows that only autovacuum
 * clears; on a server where it is off, the run measures table bloat, not Roster.
 */
async function warnWithoutAutovacuum(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ autovacuum: string }>('show autovacuum');
    if (rows[0]?.autovacuum !== 'on') {
      process.stdout.write('Warning: autovacuum is off on this PostgreSQL server; throughput will fall as dead rows pile up (not what a deployment sees).\n');
    }
  } finally {
    await client.end();
  }
}

interface Minute {
  latencies: number[];
  errors: number;
  lifeCycles: number;
  firstError?: string;
}

async function soak(pid: number, port: number, base: string, token: string, probeFile: string): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const started = performance.now();
  const endAt = started + minutes * 60_000;
  let minute: Minute = { latencies: [], errors: 0, lifeCycles: 0 };
  const headers = { authorization: `Bearer ${token}`, 'user-agent': 'Okta SCIM Client 1.0.0', accept: 'application/scim+json' };

  const send = (method: string, pathname: string, expected: number[], body?: unknown): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const t0 = performance.now();
      const req = http.request(
        {
          agent,
          host: '127.0.0.1',
          port,
          method,
          path: `${base}${pathname}`,
          headers: payload ? { ...headers, 'content-type': 'application/scim+json', 'content-length': String(payload.length) } : headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            minute.latencies.push(performance.now() - t0);
            const text = Buffer.concat(chunks).toString('utf8');
            if (!expected.includes(res.statusCode ?? 0)) {
              reject(new Error(`${method} ${pathname.split('?')[0] ?? ''} answered ${res.statusCode}: ${text.slice(0, 200)}`));
              return;
            }
            resolve(text ? (JSON.parse(text) as Record<string, unknown>) : {});
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });

  /** One user's life, start to end, in the group `teamId`. */
  const lifeCycle = async (teamId: string) => {
    const userName = `soak-${randomUUID()}@example.com`;
    const filter = encodeURIComponent(`userName eq "${userName}"`);
    await send('GET', `/Users?filter=${filter}&startIndex=1&count=100`, [200]);
    const body = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, name: { givenName: 'Soak', familyName: 'Test' }, active: true };
    const created = await send('POST', '/Users', [201], { ...body, emails: [{ value: userName, type: 'work', primary: true }] });
    const id = String(created.id);
    const read = await send('GET', `/Users/${id}`, [200]);
    await send('PATCH', `/Users/${id}`, [200, 204], { schemas: [patchOp], Operations: [{ op: 'replace', value: { active: false } }] });
    await send('PUT', `/Users/${id}`, [200], { ...read, name: { givenName: 'Soaked', familyName: 'Test' }, active: true });
    await send('PATCH', `/Groups/${teamId}`, [200, 204], { schemas: [patchOp], Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }] });
    await send('GET', `/Users?startIndex=1&count=100`, [200]);
    await send('PATCH', `/Groups/${teamId}`, [200, 204], { schemas: [patchOp], Operations: [{ op: 'remove', path: `members[value eq "${id}"]` }] });
    await send('DELETE', `/Users/${id}`, [204]);
  };

  const worker = async (k: number) => {
    const team = await send('POST', '/Groups', [201], { displayName: `Soak team ${k}`, members: [] });
    while (performance.now() < endAt) {
      try {
        await lifeCycle(String(team.id));
        minute.lifeCycles++;
      } catch (error) {
        minute.errors++;
        minute.firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };

  process.stdout.write('minute  req/s  cycles  errors  p50 ms  p99 ms  rss MB  heap MB  lag p99 ms  lag max ms\n');
  const firstRss = rssOf(pid);
  let n = 0;
  let windowStart = performance.now();
  const report = () => {
    n++;
    const seconds = (performance.now() - windowStart) / 1000;
    windowStart = performance.now();
    const done = minute;
    minute = { latencies: [], errors: 0, lifeCycles: 0 };
    const sorted = done.latencies.sort((a, b) => a - b);
    const at = (q: number) => (sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) : 0);
    const probes = readProbes(probeFile).filter((p) => p.at > Date.now() - 60_000);
    const last = probes.at(-1);
    const row = [
      String(n).padStart(6),
      (sorted.length / seconds).toFixed(0).padStart(6),
      String(done.lifeCycles).padStart(7),
      String(done.errors).padStart(7),
      at(0.5).toFixed(1).padStart(7),
      at(0.99).toFixed(1).padStart(7),
      mb(rssOf(pid)).padStart(7),
      (last ? mb(last.heapUsed) : '?').padStart(8),
      (probes.length ? Math.max(...probes.map((p) => p.lagP99Ms)).toFixed(1) : '?').padStart(11),
      (probes.length ? Math.max(...probes.map((p) => p.lagMaxMs)).toFixed(1) : '?').padStart(11),
    ];
    process.stdout.write(`${row.join(' ')}${done.firstError ? `  first error: ${done.firstError}` : ''}\n`);
  };
  const ticker = setInterval(report, 60_000);
  try {
    await Promise.all(Array.from({ length: concurrency }, (_, k) => worker(k)));
  } finally {
    clearInterval(ticker);
    agent.destroy();
  }
  if (minute.latencies.length > 0 && performance.now() - started > n * 60_000 + 5_000) report();
  process.stdout.write(`RSS ${mb(firstRss)} MB at the start, ${mb(rssOf(pid))} MB at the end.\n`);
}

function readProbes(file: string): ProbeLine[] {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as ProbeLine);
  } catch {
    return [];
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`soak failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
