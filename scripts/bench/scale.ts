/**
 * The scale check: does a request cost more when the group is large? M members are seeded into
 * one group and 10,000 into another (same shape, same COPY), then the same lookups and pages
 * (first, middle, last) are sent to both, one at a time so latency is the request's own, and the
 * large group's figures are divided by the small one's.
 */
import pg from 'pg';
import type { HttpRequest, HttpResponse } from './load.js';
import { runLoad } from './load.js';
import { measurePhase, type PhaseFigures } from './measure.js';
import type { RunContext } from './round.js';
import { seededUserName, seedMembers } from './scale-seed.js';
import { startRoster } from './servers.js';
import { setUpRoster, type TenantGroup } from './tenant.js';

export const scaleBaseline = 10_000;
export const scaleMeasurements = ['lookup', 'first page', 'middle page', 'last page'] as const;
export type ScaleMeasurement = (typeof scaleMeasurements)[number];

export interface ScaleResult {
  readonly members: number;
  readonly baseline: number;
  readonly seedSeconds: number;
  readonly measurements: readonly { readonly name: ScaleMeasurement; readonly large: PhaseFigures; readonly small: PhaseFigures }[];
}

const lookups = 300;
const pageRequests = 100;
/** Unmeasured requests before each measurement, so neither group pays for a cold cache or unoptimised code. */
const warmUpRequests = 50;

function requestFor(group: TenantGroup, size: number, prefix: string, name: ScaleMeasurement): (i: number) => HttpRequest {
  const { scimBasePath, scimHeaders } = group.target;
  const get = (query: string): HttpRequest => ({ method: 'GET', path: `${scimBasePath}/Users?${query}`, headers: scimHeaders });
  const lastStart = Math.floor((size - 1) / 100) * 100 + 1;
  switch (name) {
    case 'lookup':
      // Spread over the whole group, so the index is probed everywhere, not only near its start.
      return (i) =>
        get(`filter=${encodeURIComponent(`userName eq "${seededUserName(prefix, Math.floor(((i + 0.5) * size) / lookups))}"`)}&startIndex=1&count=100`);
    case 'first page':
      return () => get('startIndex=1&count=100');
    case 'middle page':
      return () => get(`startIndex=${Math.floor(lastStart / 200) * 100 + 1}&count=100`);
    case 'last page':
      return () => get(`startIndex=${lastStart}&count=100`);
  }
}

export async function runScaleCheck(context: RunContext, tempDir: string, members: number): Promise<ScaleResult> {
  const { postgres, cleanup, logDir } = context;
  process.stderr.write(`\nScale check: ${members} members in one group against ${scaleBaseline} in another\n`);
  const database = await postgres.createDatabase(`roster_bench_${context.runId}_scale`);
  const roster = await startRoster(database.url, logDir, 'scale', cleanup);
  const [large, small] = await setUpRoster(roster.origin, database.url, ['Large', 'Small']);
  if (!large || !small) throw new Error('tenant setup returned too few groups');
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  let seedSeconds: number;
  try {
    process.stderr.write(`  seeding ${members + scaleBaseline} members with COPY…\n`);
    seedSeconds = await seedMembers(client, tempDir, { organizationId: large.organizationId, groupId: large.target.groupId, prefix: 'large' }, members);
    seedSeconds += await seedMembers(client, tempDir, { organizationId: small.organizationId, groupId: small.target.groupId, prefix: 'small' }, scaleBaseline);
    // Fresh statistics, as autovacuum would have them long before a group grew this large.
    await client.query('analyze');
    process.stderr.write(`  seeded in ${seedSeconds.toFixed(1)} s\n`);
  } finally {
    await client.end();
  }

  const groups = [
    { key: 'large', group: large, size: members },
    { key: 'small', group: small, size: scaleBaseline },
  ] as const;
  const measurements: ScaleResult['measurements'][number][] = [];
  for (const name of scaleMeasurements) {
    const count = name === 'lookup' ? lookups : pageRequests;
    const figures: Partial<Record<'large' | 'small', PhaseFigures>> = {};
    for (const { key, group, size } of groups) {
      const request = requestFor(group, size, key, name);
      const check = expectedAnswer(name, size);
      const load = { label: `scale ${key} ${name}`, endpoint: roster.endpoint, concurrency: 1, request, check };
      await runLoad({ ...load, label: `${load.label} (warm-up)`, count: warmUpRequests });
      figures[key] = await measurePhase({ ...load, count }, { serverPid: roster.pid, postmasterPid: postgres.postmasterPid });
    }
    if (figures.large && figures.small) measurements.push({ name, large: figures.large, small: figures.small });
  }
  await roster.stop();
  await database.drop();
  return { members, baseline: scaleBaseline, seedSeconds, measurements };
}

/** A lookup finds its one user; a page has its 100 users (the last one what is left). */
function expectedAnswer(name: ScaleMeasurement, size: number) {
  const expected = name === 'lookup' ? 1 : name === 'last page' ? size - Math.floor((size - 1) / 100) * 100 : 100;
  return (_i: number, response: HttpResponse): string | undefined => {
    if (response.status !== 200) return `status ${response.status}, expected 200`;
    const body = JSON.parse(response.body) as { Resources?: unknown[] };
    return body.Resources?.length === expected ? undefined : `${String(body.Resources?.length)} Resources, expected ${expected}`;
  };
}
