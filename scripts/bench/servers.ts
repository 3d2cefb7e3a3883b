/**
 * How Roster and the two floors are started for a round: Roster exactly as deployed (the built
 * `dist/src/main.js`, production settings, request log on, throttling on), the floors beside it
 * with the same pool size on a database of their own.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/version.js';
import { findFreeLoopbackPort } from '../../src/db/embedded-postgres.js';
import type { Cleanup } from './cleanup.js';
import { floorScripts } from './floor-build.js';
import { startService, type Service } from './processes.js';

/** Roster's default DB_POOL_MAX, given to every server so none has more connections than another. */
export const poolSize = '10';

/**
 * Throttling stays on, as in production (it costs statements per request), with the highest
 * budget the config accepts (src/config.ts: SCIM_RATE_LIMIT_PER_MINUTE ≤ 10,000,000), which no
 * run reaches.
 */
const rateLimitPerMinute = '10000000';

/** The NODE_OPTIONS the Docker image runs Roster with (its heap limits), read from the Dockerfile so the two never drift. */
export function deployedNodeOptions(): string {
  const dockerfile = readFileSync(path.join(projectRoot, 'Dockerfile'), 'utf8');
  const value = /NODE_OPTIONS="([^"]*)"/.exec(dockerfile)?.[1];
  if (value === undefined) throw new Error('The Dockerfile sets no NODE_OPTIONS="…"; the benchmark runs Roster as the image does.');
  return value;
}

export async function startRoster(databaseUrl: string, logDir: string, label: string, cleanup: Cleanup): Promise<Service> {
  const port = await findFreeLoopbackPort();
  return startService(
    {
      name: `Roster (${label})`,
      script: 'dist/src/main.js',
      port,
      env: {
        NODE_ENV: 'production',
        NODE_OPTIONS: deployedNodeOptions(),
        DATABASE_URL: databaseUrl,
        HOST: '127.0.0.1',
        PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        // The request log is on in production; it goes to a file, as a log shipper would take it.
        LOG_LEVEL: 'info',
        DB_POOL_MAX: poolSize,
        SCIM_RATE_LIMIT_PER_MINUTE: rateLimitPerMinute,
        // The webhook measurement's receiver is on loopback (scripts/bench/webhooks.ts).
        WEBHOOK_ALLOW_HTTP: 'true',
      },
      logFile: path.join(logDir, `${label}-roster.log`),
      // BENCH_ROSTER_CPU_PROFILE=<folder>: a V8 CPU profile of Roster, written there when it stops.
      nodeArgs: [
        ...(process.env.BENCH_ROSTER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
        ...(process.env.BENCH_ROSTER_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_ROSTER_CPU_PROFILE)}`] : []),
      ],
      ready: { method: 'GET', path: '/readyz' },
    },
    cleanup,
  );
}

export interface Floors {
  readonly http: Service;
  readonly graphql: Service;
}

export async function startFloors(databaseUrl: string, logDir: string, label: string, cleanup: Cleanup): Promise<Floors> {
  const httpPort = await findFreeLoopbackPort();
  const http = await startService(
    {
      name: `HTTP floor (${label})`,
      script: floorScripts.http,
      port: httpPort,
      env: { NODE_ENV: 'production', DATABASE_URL: databaseUrl, PORT: String(httpPort), PUBLIC_URL: `http://127.0.0.1:${httpPort}`, DB_POOL_MAX: poolSize },
      logFile: path.join(logDir, `${label}-floor-http.log`),
      ready: { method: 'GET', path: '/readyz' },
    },
    cleanup,
  );
  const graphqlPort = await findFreeLoopbackPort();
  const graphql = await startService(
    {
      name: `GraphQL floor (${label})`,
      script: floorScripts.graphql,
      port: graphqlPort,
      env: { NODE_ENV: 'production', DATABASE_URL: databaseUrl, PORT: String(graphqlPort), DB_POOL_MAX: poolSize },
      logFile: path.join(logDir, `${label}-floor-graphql.log`),
      ready: { method: 'POST', path: '/', body: '{"query":"{ __typename }"}' },
    },
    cleanup,
  );
  return { http, graphql };
}
