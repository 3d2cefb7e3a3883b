import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { findFreeLoopbackPort } from '../../src/db/embedded-postgres.js';
import { projectRoot } from '../../src/version.js';
import { createTestOrm } from '../support/database.js';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver.js';
import { bearer, seedTenant, type Tenant } from '../support/seed.js';
import { makeMembers } from '../factories/domain.js';
import { spawnBuiltServer, waitForStatus } from '../support/server-process.js';

/** The spans below `root` in one trace, depth first, as `indent + name` lines (for failure messages). */
function treeOf(spans: readonly ReceivedSpan[], root: ReceivedSpan, depth = 0): string[] {
  const children = spans.filter((span) => span.parentSpanId === root.spanId);
  return [`${'  '.repeat(depth)}${root.name}`, ...children.flatMap((child) => treeOf(spans, child, depth + 1))];
}

/** True when `span` has `ancestor` above it in the trace. */
function descendsFrom(spans: readonly ReceivedSpan[], span: ReceivedSpan, ancestor: ReceivedSpan): boolean {
  for (let parent = span.parentSpanId; parent !== undefined; parent = spans.find((s) => s.spanId === parent)?.parentSpanId) {
    if (parent === ancestor.spanId) return true;
  }
  return false;
}

/**
 * The built server with an OTLP endpoint configured, exporting to a stand-in collector: one SCIM
 * create and one GraphQL mutation must arrive as span trees (HTTP server → pg for SCIM; HTTP
 * server → express → GraphQL → pg), carry the request id, and hold no secret and no value bound
 * to a statement.
 */
describe('traces (OTEL_EXPORTER_OTLP_ENDPOINT set)', () => {
  let orm: MikroORM;
  let closeDatabase: () => Promise<void>;
  let databaseUrl: string;
  let tenant: Tenant;
  let collector: OtlpReceiver;
  beforeAll(async () => {
    const test = await createTestOrm();
    ({ orm } = test);
    closeDatabase = test.close;
    databaseUrl = test.database.url;
    tenant = await seedTenant(orm);
    await makeMembers(orm.em.fork(), tenant.standardGroup, 200);
    collector = await startOtlpReceiver();
  });
  afterAll(async () => {
    await collector.close();
    await closeDatabase();
  });

  it('exports the span tree of a SCIM create and a GraphQL mutation, flushed at SIGTERM', async () => {
    const server = spawnBuiltServer({
      DATABASE_URL: databaseUrl,
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: '',
    });
    const base = `http://127.0.0.1:${await server.port()}`;
    await waitForStatus(`${base}/readyz`, 200);

    const userName = 'traced.person@example.com';
    const created = await fetch(`${base}/scim/v2/${tenant.scimGroup.id}/Users`, {
      method: 'POST',
      headers: { ...bearer(tenant.scimToken), 'content-type': 'application/scim+json', 'x-request-id': 'trace-scim-create' },
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, password: 'Not-a-real-pass1', active: true }),
    });
    expect(created.status).toBe(201);
    const groupName = 'Traced secret group';
    const mutation = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { ...bearer(tenant.owner.token), 'content-type': 'application/json', 'x-request-id': 'trace-graphql-mutation' },
      // The name as a literal in the document: the recorded document must not keep it.
      body: JSON.stringify({ query: `mutation CreateGroup { createGroup(input: { name: "${groupName}", kind: STANDARD }) { group { id name } } }` }),
    });
    expect(await mutation.json()).toMatchObject({ data: { createGroup: { group: { name: groupName } } } });

    const page = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { ...bearer(tenant.owner.token), 'content-type': 'application/json', 'x-request-id': 'trace-graphql-page' },
      body: JSON.stringify({
        query: `query GroupMembers($id: ID!) { group(id: $id) { members(first: 200) { totalCount pageInfo { hasNextPage endCursor }
          edges { cursor node { id userName active name { givenName familyName } emails { value primary } } } } } }`,
        variables: { id: tenant.standardGroup.id },
      }),
    });
    expect(((await page.json()) as { data: { group: { members: { edges: unknown[] } } } }).data.group.members.edges).toHaveLength(200);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const spans = collector.spans;

    // HTTP server span (kind 2 = SERVER), named by its route → pg spans below it, in one trace.
    const scimRoot = spans.find((span) => span.kind === 2 && span.attributes['roster.request_id'] === 'trace-scim-create');
    expect(scimRoot, 'the SCIM request has an HTTP server span with its request id').toBeDefined();
    const scimTrace = spans.filter((span) => span.traceId === scimRoot!.traceId);
    const tree = treeOf(scimTrace, scimRoot!).join('\n');
    expect(scimRoot!.name, tree).toBe('POST /scim/v2/:groupId/Users');
    expect(scimRoot!.attributes['http.response.status_code']).toBe(201);
    expect(scimRoot!.resource['service.name']).toBe('roster');
    expect(scimRoot!.attributes['http.route']).toBe('/scim/v2/:groupId/Users');
    // The SCIM door is no express router: its statements hang straight under the request's span.
    const statements = scimTrace.filter((span) => span.attributes['db.system.name'] === 'postgresql' && span.attributes['db.query.text'] !== undefined);
    expect(statements.length, tree).toBeGreaterThan(0);
    expect(
      statements.every((span) => descendsFrom(scimTrace, span, scimRoot!)),
      tree,
    ).toBe(true);

    const graphqlRoot = spans.find((span) => span.kind === 2 && span.attributes['roster.request_id'] === 'trace-graphql-mutation');
    expect(graphqlRoot, 'the GraphQL request has an HTTP server span with its request id').toBeDefined();
    const graphqlTrace = spans.filter((span) => span.traceId === graphqlRoot!.traceId);
    const graphqlTree = treeOf(graphqlTrace, graphqlRoot!).join('\n');
    const execute = graphqlTrace.find((span) => span.name === 'mutation CreateGroup');
    expect(execute, graphqlTree).toBeDefined();
    expect(
      graphqlTrace.some((span) => span.attributes['db.query.text'] !== undefined && descendsFrom(graphqlTrace, span, execute!)),
      graphqlTree,
    ).toBe(true);

    // A page of 200 members makes a span per field of the query, not per field per member.
    const pageRoot = spans.find((span) => span.kind === 2 && span.attributes['roster.request_id'] === 'trace-graphql-page');
    const pageTrace = spans.filter((span) => span.traceId === pageRoot?.traceId);
    expect(pageTrace.length, treeOf(pageTrace, pageRoot!).join('\n')).toBeLessThan(60);

    // Nothing secret and no bound value anywhere: not the tokens, not the posted userName or
    // password, not the mutation's variables.
    const exported = JSON.stringify(spans.map((span) => span.attributes));
    for (const secret of [tenant.scimToken, tenant.owner.token, userName, 'Not-a-real-pass1', groupName]) expect(exported).not.toContain(secret);
    expect(exported.toLowerCase()).not.toContain('bearer');

    // Every log line of a traced request names its trace: the access lines carry the trace ids.
    const access = server.logs.find((line) => line.requestId === 'trace-scim-create');
    expect(access).toMatchObject({ traceId: scimRoot!.traceId });
  });

  it('stops cleanly (exit 0, before the shutdown timeout) when the collector cannot be reached', async () => {
    const nobody = await findFreeLoopbackPort();
    const server = spawnBuiltServer({ DATABASE_URL: databaseUrl, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${nobody}`, SHUTDOWN_TIMEOUT_MS: '8000' });
    const base = `http://127.0.0.1:${await server.port()}`;
    await waitForStatus(`${base}/readyz`, 200);
    expect((await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ version }"}' })).status).toBe(
      200,
    );
    server.child.kill('SIGTERM');
    // The forced exit after SHUTDOWN_TIMEOUT_MS would be status 1.
    expect(await server.exited).toBe(0);
    expect(server.logs.map((line) => line.msg)).toContain('stopped');
  });

  it('traces the server run from sources too (npm run dev: tsx, whose own loader hooks come first)', async () => {
    const port = await findFreeLoopbackPort();
    const child = spawn(process.execPath, [path.join(projectRoot, 'node_modules/tsx/dist/cli.mjs'), 'src/main.ts'], {
      cwd: projectRoot,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        NODE_ENV: 'test',
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('close', resolve));
    try {
      await waitForStatus(`http://127.0.0.1:${port}/readyz`, 200, 60_000);
      const answer = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'trace-from-sources' },
        body: '{"query":"{ version }"}',
      });
      expect(answer.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    const root = collector.spans.find((span) => span.kind === 2 && span.attributes['roster.request_id'] === 'trace-from-sources');
    expect(root, 'the request has an HTTP server span').toBeDefined();
    const trace = collector.spans.filter((span) => span.traceId === root!.traceId);
    expect(
      trace.some((span) => span.attributes['express.type'] === 'router') && trace.some((span) => span.name === 'query'),
      treeOf(trace, root!).join('\n'),
    ).toBe(true);
  });
});
