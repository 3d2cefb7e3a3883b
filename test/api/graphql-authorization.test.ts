import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityEvent } from '../../src/domain/activity/activity-event.entity.js';
import { AdminRole } from '../../src/domain/shared/actor.js';
import { createServices } from '../../src/domain/services.js';
import { TeamMembership } from '../../src/domain/teams/team-membership.entity.js';
import { Team } from '../../src/domain/teams/team.entity.js';
import { buildGraphQLSchema } from '../../src/graphql/schema.js';
import { makeMembers } from '../factories/domain.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { seedTenant, type Tenant } from '../support/seed.js';

/**
 * Every root field, from every point of view: anonymous, the organization's VIEWER, ADMIN and
 * OWNER, an ADMIN of another organization (acting on this organization's ids), and a SCIM token
 * (which must not work on GraphQL). A new root field without an entry fails the first test.
 * Each successful mutation must write exactly its expected number of activity events, each
 * failed one none.
 */
type Perspective = 'anonymous' | 'viewer' | 'admin' | 'owner' | 'otherAdmin' | 'scimToken';
/** 'ok': data and no error; 'null': the field is null without an error; else the expected extensions.code. */
type Outcome = 'ok' | 'null' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';

interface Fixture {
  readonly tenant: Tenant;
  readonly memberId: string;
  readonly otherMemberId: string;
  readonly teamId: string;
  readonly tokenId: string;
  readonly endpointId: string;
  readonly deliveryId: string;
  readonly password: string;
  readonly email: string;
}

interface Entry {
  readonly document: string;
  readonly variables: (f: Fixture) => Record<string, unknown>;
  readonly expect: Record<Perspective, Outcome>;
  /** Activity events a successful call writes. */
  readonly events: number;
}

const publicField: Record<Perspective, Outcome> = { anonymous: 'ok', viewer: 'ok', admin: 'ok', owner: 'ok', otherAdmin: 'ok', scimToken: 'ok' };
const readOwn: Record<Perspective, Outcome> = {
  anonymous: 'UNAUTHENTICATED',
  viewer: 'ok',
  admin: 'ok',
  owner: 'ok',
  otherAdmin: 'ok',
  scimToken: 'UNAUTHENTICATED',
};
const readById: Record<Perspective, Outcome> = {
  anonymous: 'UNAUTHENTICATED',
  viewer: 'ok',
  admin: 'ok',
  owner: 'ok',
  otherAdmin: 'null',
  scimToken: 'UNAUTHENTICATED',
};
const writeOwn: Record<Perspective, Outcome> = {
  anonymous: 'UNAUTHENTICATED',
  viewer: 'FORBIDDEN',
  admin: 'ok',
  owner: 'ok',
  otherAdmin: 'ok',
  scimToken: 'UNAUTHENTICATED',
};
const writeById: Record<Perspective, Outcome> = {
  anonymous: 'UNAUTHENTICATED',
  viewer: 'FORBIDDEN',
  admin: 'ok',
  owner: 'ok',
  otherAdmin: 'NOT_FOUND',
  scimToken: 'UNAUTHENTICATED',
};

const matrix: Record<string, Entry> = {
  'Query.version': { document: '{ version }', variables: () => ({}), expect: publicField, events: 0 },
  'Query.viewer': {
    document: '{ viewer { admin { id } organization { id activity(first: 1) { totalCount } } } }',
    variables: () => ({}),
    expect: readOwn,
    events: 0,
  },
  'Query.groups': { document: '{ groups { totalCount edges { node { id } } } }', variables: () => ({}), expect: readOwn, events: 0 },
  'Query.group': {
    document: 'query ($id: ID!) { group(id: $id) { id scim { baseUrl } } }',
    variables: (f) => ({ id: f.tenant.scimGroup.id }),
    expect: readById,
    events: 0,
  },
  'Query.member': { document: 'query ($id: ID!) { member(id: $id) { id } }', variables: (f) => ({ id: f.memberId }), expect: readById, events: 0 },
  'Query.team': { document: 'query ($id: ID!) { team(id: $id) { id } }', variables: (f) => ({ id: f.teamId }), expect: readById, events: 0 },
  'Mutation.signIn': {
    document: 'mutation ($input: SignInInput!) { signIn(input: $input) { token } }',
    variables: (f) => ({ input: { email: f.email, password: f.password } }),
    expect: publicField,
    events: 0,
  },
  'Mutation.signOut': { document: 'mutation { signOut { signedOut } }', variables: () => ({}), expect: readOwn, events: 0 },
  'Mutation.createGroup': {
    document: 'mutation ($input: CreateGroupInput!) { createGroup(input: $input) { group { id } } }',
    variables: () => ({ input: { name: 'New', kind: 'SCIM' } }),
    expect: writeOwn,
    events: 1,
  },
  'Mutation.renameGroup': {
    document: 'mutation ($input: RenameGroupInput!) { renameGroup(input: $input) { group { id } } }',
    variables: (f) => ({ input: { id: f.tenant.standardGroup.id, name: 'Renamed' } }),
    expect: writeById,
    events: 1,
  },
  'Mutation.deleteGroup': {
    document: 'mutation ($input: DeleteGroupInput!) { deleteGroup(input: $input) { deletedGroupId } }',
    variables: (f) => ({ input: { id: f.tenant.standardGroup.id } }),
    expect: writeById,
    events: 1,
  },
  'Mutation.createScimToken': {
    document: 'mutation ($input: CreateScimTokenInput!) { createScimToken(input: $input) { token } }',
    variables: (f) => ({ input: { groupId: f.tenant.scimGroup.id, name: 'Entra' } }),
    expect: writeById,
    events: 1,
  },
  'Mutation.revokeScimToken': {
    document: 'mutation ($input: RevokeScimTokenInput!) { revokeScimToken(input: $input) { scimToken { id } } }',
    variables: (f) => ({ input: { id: f.tokenId } }),
    expect: writeById,
    events: 1,
  },
  'Mutation.createMember': {
    document: 'mutation ($input: CreateMemberInput!) { createMember(input: $input) { member { id } } }',
    variables: (f) => ({ input: { groupId: f.tenant.standardGroup.id, userName: 'new@example.com' } }),
    expect: writeById,
    events: 1,
  },
  'Mutation.updateMember': {
    document: 'mutation ($input: UpdateMemberInput!) { updateMember(input: $input) { member { id } } }',
    variables: (f) => ({ input: { id: f.memberId, title: 'Boss' } }),
    expect: writeById,
    events: 1,
  },
  'Mutation.setMemberActive': {
    document: 'mutation ($input: SetMemberActiveInput!) { setMemberActive(input: $input) { member { id } } }',
    variables: (f) => ({ input: { id: f.memberId, active: false } }),
    expect: writeById,
    events: 1,
  },
  'Mutation.deleteMember': {
    document: 'mutation ($input: DeleteMemberInput!) { deleteMember(input: $input) { deletedMemberId } }',
    variables: (f) => ({ input: { id: f.memberId } }),
    expect: writeById,
    events: 1,
  },
  'Mutation.createTeam': {
    document: 'mutation ($input: CreateTeamInput!) { createTeam(input: $input) { team { id } } }',
    variables: (f) => ({ input: { groupId: f.tenant.standardGroup.id, displayName: 'Night shift' } }),
    expect: writeById,
    events: 1,
  },
  'Mutation.renameTeam': {
    document: 'mutation ($input: RenameTeamInput!) { renameTeam(input: $input) { team { id } } }',
    variables: (f) => ({ input: { id: f.teamId, displayName: 'Day shift' } }),
    expect: writeById,
    events: 1,
  },
  'Mutation.deleteTeam': {
    document: 'mutation ($input: DeleteTeamInput!) { deleteTeam(input: $input) { deletedTeamId } }',
    variables: (f) => ({ input: { id: f.teamId } }),
    expect: writeById,
    events: 1,
  },
  'Mutation.addTeamMembers': {
    document: 'mutation ($input: TeamMembersInput!) { addTeamMembers(input: $input) { changed } }',
    variables: (f) => ({ input: { teamId: f.teamId, memberIds: [f.otherMemberId] } }),
    expect: writeById,
    events: 1,
  },
  'Mutation.createWebhookEndpoint': {
    document: 'mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret } }',
    variables: () => ({ input: { url: 'https://receiver.invalid/more-hooks' } }),
    expect: writeOwn,
    events: 1,
  },
  'Mutation.updateWebhookEndpoint': {
    document: 'mutation ($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { endpoint { id } } }',
    variables: (f) => ({ input: { id: f.endpointId, description: 'Changed' } }),
    expect: writeById,
    events: 1,
  },
  'Mutation.rotateWebhookSecret': {
    document: 'mutation ($input: RotateWebhookSecretInput!) { rotateWebhookSecret(input: $input) { secret } }',
    variables: (f) => ({ input: { id: f.endpointId } }),
    expect: writeById,
    events: 1,
  },
  'Mutation.replayWebhookDelivery': {
    document: 'mutation ($input: ReplayWebhookDeliveryInput!) { replayWebhookDelivery(input: $input) { delivery { id } } }',
    variables: (f) => ({ input: { id: f.deliveryId } }),
    expect: writeById,
    events: 1,
  },
  'Mutation.replayWebhookDeliveries': {
    document: 'mutation ($input: ReplayWebhookDeliveriesInput!) { replayWebhookDeliveries(input: $input) { queued } }',
    variables: (f) => ({ input: { endpointId: f.endpointId, since: '2026-01-01T00:00:00Z' } }),
    expect: writeById,
    events: 1,
  },
  'Mutation.sendTestWebhookEvent': {
    document: 'mutation ($input: SendTestWebhookEventInput!) { sendTestWebhookEvent(input: $input) { delivery { id } } }',
    variables: (f) => ({ input: { endpointId: f.endpointId } }),
    expect: writeById,
    events: 1,
  },
  'Mutation.deleteWebhookEndpoint': {
    document: 'mutation ($input: DeleteWebhookEndpointInput!) { deleteWebhookEndpoint(input: $input) { deletedEndpointId } }',
    variables: (f) => ({ input: { id: f.endpointId } }),
    expect: writeById,
    events: 1,
  },
  'Mutation.removeTeamMembers': {
    document: 'mutation ($input: TeamMembersInput!) { removeTeamMembers(input: $input) { changed } }',
    variables: (f) => ({ input: { teamId: f.teamId, memberIds: [f.memberId] } }),
    expect: writeById,
    events: 1,
  },
};

let database: TestDatabase;
let app: TestApp;
let orm: MikroORM;
beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url);
  orm = app.database.orm;
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

async function fixture(): Promise<Fixture & { other: Tenant }> {
  const [tenant, other] = [await seedTenant(orm), await seedTenant(orm)];
  const em = orm.em.fork();
  const [member, otherMember] = await makeMembers(em, tenant.standardGroup, 2);
  const team = em.create(Team, { organization: tenant.organization, group: tenant.standardGroup, displayName: 'Floor 1' });
  em.create(TeamMembership, { team, member: member!, group: tenant.standardGroup });
  await em.flush();
  const services = createServices(orm.em.fork(), { sessionTtlMs: 60_000 });
  const { scimToken } = await services.scimTokens.create(tenant.owner.actor, tenant.scimGroup.id, { name: 'Okta 2' });
  // A name that never resolves (RFC 2606): whatever the worker tries goes nowhere.
  const { endpoint } = await services.webhooks.create(tenant.owner.actor, { url: 'https://receiver.invalid/hooks' });
  const deliveryId = `msg_${randomUUID().replaceAll('-', '')}`;
  await orm.em
    .fork()
    .getConnection()
    .execute(
      `insert into webhook_delivery (id, endpoint_id, organization_id, event_id, event_txid, event_type, payload) values (?, ?, ?, 1, '1'::xid8, 'member.created', '{}')`,
      [deliveryId, endpoint.id, tenant.organization.id],
    );
  const email = `signin-${tenant.organization.id}@example.com`;
  await services.organizations.createAdmin(tenant.organization.id, email, 'a long enough password', AdminRole.ADMIN);
  return {
    tenant,
    other,
    memberId: member!.id,
    otherMemberId: otherMember!.id,
    teamId: team.id,
    tokenId: scimToken.id,
    endpointId: endpoint.id,
    deliveryId,
    email,
    password: 'a long enough password',
  };
}

function credentials(f: Fixture & { other: Tenant }, perspective: Perspective): Record<string, string> {
  const token = {
    anonymous: null,
    viewer: f.tenant.viewer.token,
    admin: f.tenant.admin.token,
    owner: f.tenant.owner.token,
    otherAdmin: f.other.admin.token,
    scimToken: f.tenant.scimToken,
  }[perspective];
  return token ? { authorization: `Bearer ${token}` } : {};
}

describe('GraphQL authorization matrix', () => {
  it('has an entry for every root query and mutation', async () => {
    const schema = await buildGraphQLSchema();
    const fields = ['Query', 'Mutation'].flatMap((type) =>
      Object.keys((schema.getType(type) as GraphQLObjectType).getFields()).map((name) => `${type}.${name}`),
    );
    expect(Object.keys(matrix).sort()).toEqual(fields.sort());
  });

  for (const [field, entry] of Object.entries(matrix)) {
    it(field, async () => {
      for (const perspective of Object.keys(entry.expect) as Perspective[]) {
        const f = await fixture();
        const before = await orm.em.fork().count(ActivityEvent, {});
        const response = await fetch(`${app.baseUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...credentials(f, perspective) },
          body: JSON.stringify({ query: entry.document, variables: entry.variables(f) }),
        });
        const body = (await response.json()) as { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };
        const name = field.split('.')[1]!;
        const outcome = body.errors?.[0]?.extensions?.code ?? (body.data?.[name] === null ? 'null' : 'ok');
        expect(outcome, `${field} as ${perspective}: ${JSON.stringify(body)}`).toBe(entry.expect[perspective]);
        const written = (await orm.em.fork().count(ActivityEvent, {})) - before;
        expect(written, `${field} as ${perspective}: activity events written`).toBe(outcome === 'ok' ? entry.events : 0);
      }
    });
  }

  it('records the acting admin, the request id and the change on the event', async () => {
    const f = await fixture();
    await fetch(`${app.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'rename-42', ...credentials(f, 'admin') },
      body: JSON.stringify({ query: matrix['Mutation.renameGroup']!.document, variables: matrix['Mutation.renameGroup']!.variables(f) }),
    });
    const [event] = await orm.em.fork().find(ActivityEvent, { action: 'group.renamed', organization: f.tenant.organization.id });
    expect(event).toMatchObject({
      actorType: 'ADMIN',
      actorId: f.tenant.admin.actor.adminId,
      actorLabel: f.tenant.admin.actor.email,
      requestId: 'rename-42',
      changes: { name: { before: 'Staff', after: 'Renamed' } },
    });
  });
});
