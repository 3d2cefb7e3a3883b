/**
 * The HTTP floor: the least a server can do to answer the benchmark's SCIM requests — `node:http`,
 * a `pg` pool, one named prepared statement per request on Roster's own tables, JSON out. No
 * authentication, no validation beyond reading what it needs. Roster's figures are compared with
 * this one's, request for request, on the same machine and PostgreSQL.
 *
 * Runs as plain JavaScript under `node` (transpiled by floor-build.ts), never through tsx.
 * Environment: DATABASE_URL, PORT, PUBLIC_URL, DB_POOL_MAX.
 */
import http from 'node:http';
import pg from 'pg';

const env = process.env;
const publicUrl = env.PUBLIC_URL ?? `http://127.0.0.1:${env.PORT ?? ''}`;
const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: Number(env.DB_POOL_MAX ?? '10'), idleTimeoutMillis: 0 });
pool.on('error', (error) => process.stderr.write(`pool: ${error.message}\n`));

/** One statement per request; `name` makes each a prepared statement on every connection. */
const statements = {
  create: `insert into member (id, organization_id, group_id, user_name, external_id, given_name, family_name, display_name, active, emails)
    select gen_random_uuid(), g.organization_id, g.id, $2::text, $3::text, $4::text, $5::text, $6::text, $7::boolean, $8::jsonb
    from "group" g where g.id = $1::uuid returning *`,
  lookup: 'select * from member where group_id = $1 and user_name_key = lower($2)',
  page: 'select *, count(*) over () as total from member where group_id = $1 order by created_at, id limit $3 offset $2',
  deactivate: 'update member set active = false, version = version + 1, updated_at = now() where id = $1 and group_id = $2 returning *',
  replace: `update member set user_name = $3, external_id = $4, given_name = $5, family_name = $6, display_name = $7, title = $8, active = $9,
    emails = $10::jsonb, version = version + 1, updated_at = now() where id = $1 and group_id = $2 returning *`,
  remove: 'delete from member where id = $1 and group_id = $2',
  addMembers: `insert into team_membership (team_id, member_id, group_id)
    select $1::uuid, m, $2::uuid from unnest($3::uuid[]) as m on conflict do nothing`,
} as const;

interface MemberRow {
  id: string;
  group_id: string;
  user_name: string;
  external_id: string | null;
  given_name: string | null;
  family_name: string | null;
  display_name: string | null;
  title: string | null;
  active: boolean;
  emails: unknown[];
  version: number;
  created_at: Date;
  updated_at: Date;
  total?: string;
}

function run<R extends pg.QueryResultRow = MemberRow>(name: keyof typeof statements, values: unknown[]): Promise<pg.QueryResult<R>> {
  return pool.query<R>({ name, text: statements[name], values });
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A row as a SCIM User, the attributes the benchmark writes. */
function toUser(row: MemberRow): Record<string, unknown> {
  const location = `${publicUrl}/scim/v2/${row.group_id}/Users/${row.id}`;
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    id: row.id,
    externalId: row.external_id,
    userName: row.user_name,
    name: { givenName: row.given_name, familyName: row.family_name },
    displayName: row.display_name,
    ...(row.title === null ? {} : { title: row.title }),
    active: row.active,
    emails: row.emails,
    meta: { resourceType: 'User', created: row.created_at.toISOString(), lastModified: row.updated_at.toISOString(), location, version: `W/"${row.version}"` },
  };
}

function listResponse(total: number, startIndex: number, rows: MemberRow[]): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    totalResults: total,
    startIndex,
    itemsPerPage: rows.length,
    Resources: rows.map(toUser),
  };
}

function send(res: http.ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/scim+json', 'content-length': Buffer.byteLength(text) }).end(text);
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length === 0 ? {} : (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
}

function one(result: pg.QueryResult<MemberRow>): MemberRow {
  const row = result.rows[0];
  if (!row) throw new HttpError(404, 'no such user');
  return row;
}

/** The user attributes of a POST or PUT body, as statement values. */
function userValues(body: Record<string, unknown>): unknown[] {
  const name = (body.name ?? {}) as Record<string, unknown>;
  return [body.userName, body.externalId ?? null, name.givenName ?? null, name.familyName ?? null, body.displayName ?? null];
}

/** The filter the benchmark sends, `userName eq "…"` (RFC 7644 §3.4.2.2); nothing else is understood. */
function userNameFilter(filter: string): string {
  const quoted = /^userName eq ("(?:[^"\\]|\\.)*")$/i.exec(filter)?.[1];
  if (quoted === undefined) throw new HttpError(400, 'only userName eq "…" is understood here');
  return JSON.parse(quoted) as string;
}

/** A status and the JSON to answer with (none for 204). */
type Answer = readonly [number, unknown?];

async function answer(req: http.IncomingMessage): Promise<Answer> {
  const url = new URL(req.url ?? '/', 'http://floor');
  if (url.pathname === '/readyz') return [200, { ready: true }];
  const match = /^\/scim\/v2\/([^/]+)\/(Users|Groups)(?:\/([^/]+))?$/.exec(url.pathname);
  if (!match) throw new HttpError(404, 'no such path');
  const [, groupId, resource, id] = match;
  const body = await readJson(req);
  const route = `${req.method ?? ''} ${resource ?? ''}${id === undefined ? '' : '/:id'}`;
  switch (route) {
    case 'POST Users': {
      const created = await run('create', [groupId, ...userValues(body), body.active !== false, JSON.stringify(body.emails ?? [])]);
      return [201, toUser(one(created))];
    }
    case 'GET Users': {
      const filter = url.searchParams.get('filter');
      if (filter !== null) {
        const { rows } = await run('lookup', [groupId, userNameFilter(filter)]);
        return [200, listResponse(rows.length, 1, rows)];
      }
      const startIndex = Math.max(1, Number(url.searchParams.get('startIndex') ?? '1'));
      const { rows } = await run('page', [groupId, startIndex - 1, Number(url.searchParams.get('count') ?? '100')]);
      return [200, listResponse(Number(rows[0]?.total ?? 0), startIndex, rows)];
    }
    case 'PATCH Users/:id':
      // The only PATCH sent to Users is Okta's deactivation, {"op":"replace","value":{"active":false}}.
      return [200, toUser(one(await run('deactivate', [id, groupId])))];
    case 'PUT Users/:id': {
      const values = [id, groupId, ...userValues(body), body.title ?? null, body.active !== false, JSON.stringify(body.emails ?? [])];
      return [200, toUser(one(await run('replace', values)))];
    }
    case 'DELETE Users/:id': {
      const { rowCount } = await run('remove', [id, groupId]);
      return [rowCount === 0 ? 404 : 204];
    }
    case 'PATCH Groups/:id': {
      // The only Group PATCH sent is an add of members: {"op":"add","path":"members","value":[{"value":id},…]}.
      const [operation] = body.Operations as { value: { value: string }[] }[];
      await run('addMembers', [id, groupId, operation?.value.map((member) => member.value) ?? []]);
      return [204];
    }
    default:
      throw new HttpError(405, `${route} is not served by the floor`);
  }
}

const server = http.createServer((req, res) => {
  answer(req).then(
    ([status, body]) => {
      send(res, status, body);
    },
    (error: unknown) => {
      const status = error instanceof HttpError ? error.status : (error as { code?: string }).code === '23505' ? 409 : 500;
      if (status === 500) process.stderr.write(`${req.method ?? ''} ${req.url ?? ''}: ${error instanceof Error ? error.message : String(error)}\n`);
      send(res, status, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: String(status),
        detail: error instanceof Error ? error.message : 'failed',
      });
    },
  );
});
// As Roster's (src/http/server.ts), so idle keep-alive connections are treated alike.
server.keepAliveTimeout = 65_000;
server.listen(Number(env.PORT), '127.0.0.1', () => process.stdout.write(`floor-http listening on ${env.PORT ?? ''}\n`));
const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
