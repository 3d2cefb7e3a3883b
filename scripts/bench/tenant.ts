/**
 * The tenant each round works in, set up before anything is measured. In Roster through its
 * operator CLI and public GraphQL API, as an operator and an admin would (so the benchmark does
 * not depend on the domain services' internals); in the floor database by plain inserts.
 */
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { projectRoot } from '../../src/version.js';
import { teamsPerGroup, type GroupTarget } from './phases.js';

const run = promisify(execFile);

/** A group on one server: how the phases reach it, and how its teams are made. */
export interface TenantGroup {
  readonly target: GroupTarget;
  readonly organizationId: string;
  /** Creates the teams the team-patch phase fills (unmeasured). */
  createTeams(): Promise<string[]>;
}

/** Okta's SCIM client announces itself like this; Roster records the client it sees. */
const userAgent = 'Okta SCIM Client 1.0.0';

/** Runs the built CLI against the database, as an operator would (`node dist/src/cli/roster.js`). */
async function cli(databaseUrl: string, args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['dist/src/cli/roster.js', ...args], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'production', DATABASE_URL: databaseUrl },
  });
  return stdout;
}

async function graphql<T>(origin: string, query: string, variables: Record<string, unknown>, sessionToken?: string): Promise<T> {
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(sessionToken ? { authorization: `Bearer ${sessionToken}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!response.ok || body.errors || !body.data) throw new Error(`GraphQL setup failed: ${response.status} ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

/** A PRO organization, its OWNER signed in, and one SCIM group with a token per name given. */
export async function setUpRoster(origin: string, databaseUrl: string, groupNames: readonly string[]): Promise<TenantGroup[]> {
  const created = await cli(databaseUrl, ['create-organization', '--name', 'Bench', '--plan', 'PRO']);
  const organizationId = /with id ([0-9a-f-]{36})/.exec(created)?.[1];
  if (!organizationId) throw new Error(`create-organization printed no id: ${created}`);
  const email = 'owner@bench.example';
  // base64url may start with "-": passed as --password=… so the CLI cannot take it for an option.
  const password = randomBytes(18).toString('base64url');
  await cli(databaseUrl, ['create-admin', '--organization', organizationId, '--email', email, '--role', 'OWNER', `--password=${password}`]);
  const { signIn } = await graphql<{ signIn: { token: string } }>(origin, 'mutation($input: SignInInput!) { signIn(input: $input) { token } }', {
    input: { email, password },
  });
  const groups: TenantGroup[] = [];
  for (const name of groupNames) {
    const { createGroup } = await graphql<{ createGroup: { group: { id: string } } }>(
      origin,
      'mutation($input: CreateGroupInput!) { createGroup(input: $input) { group { id } } }',
      { input: { name, kind: 'SCIM' } },
      signIn.token,
    );
    const groupId = createGroup.group.id;
    const { createScimToken } = await graphql<{ createScimToken: { token: string } }>(
      origin,
      'mutation($input: CreateScimTokenInput!) { createScimToken(input: $input) { token } }',
      { input: { groupId, name: 'Bench' } },
      signIn.token,
    );
    const scimHeaders = { authorization: `Bearer ${createScimToken.token}`, accept: 'application/scim+json', 'user-agent': userAgent };
    const target: GroupTarget = {
      scimBasePath: `/scim/v2/${groupId}`,
      scimHeaders,
      graphqlPath: '/graphql',
      graphqlHeaders: { authorization: `Bearer ${signIn.token}` },
      groupId,
    };
    const createTeams = async () => {
      const ids: string[] = [];
      for (let k = 1; k <= teamsPerGroup; k++) {
        const response = await fetch(`${origin}${target.scimBasePath}/Groups`, {
          method: 'POST',
          headers: { ...scimHeaders, 'content-type': 'application/scim+json' },
          body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: `Team ${k}` }),
        });
        const body = (await response.json()) as { id?: string };
        if (response.status !== 201 || !body.id) throw new Error(`POST /Groups answered ${response.status}: ${JSON.stringify(body)}`);
        ids.push(body.id);
      }
      return ids;
    };
    groups.push({ target, organizationId, createTeams });
  }
  return groups;
}

/** The same organization and groups in the floor database, inserted directly. */
export async function setUpFloor(databaseUrl: string, groupNames: readonly string[]): Promise<TenantGroup[]> {
  const organizationId = randomUUID();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`insert into organization (id, name, plan) values ($1, 'Bench', 'PRO')`, [organizationId]);
    const groups: TenantGroup[] = [];
    for (const name of groupNames) {
      const groupId = randomUUID();
      await client.query(`insert into "group" (id, organization_id, name, kind) values ($1, $2, $3, 'SCIM')`, [groupId, organizationId, name]);
      const createTeams = async () => {
        const teams = new pg.Client({ connectionString: databaseUrl });
        await teams.connect();
        try {
          const ids: string[] = [];
          for (let k = 1; k <= teamsPerGroup; k++) {
            const id = randomUUID();
            await teams.query('insert into team (id, organization_id, group_id, display_name) values ($1, $2, $3, $4)', [
              id,
              organizationId,
              groupId,
              `Team ${k}`,
            ]);
            ids.push(id);
          }
          return ids;
        } finally {
          await teams.end();
        }
      };
      const target: GroupTarget = {
        scimBasePath: `/scim/v2/${groupId}`,
        scimHeaders: { authorization: 'Bearer floor', accept: 'application/scim+json', 'user-agent': userAgent },
        graphqlPath: '/',
        graphqlHeaders: { authorization: 'Bearer floor' },
        groupId,
      };
      groups.push({ target, organizationId, createTeams });
    }
    return groups;
  } finally {
    await client.end();
  }
}
