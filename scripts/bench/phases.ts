/**
 * The phases of a round: each sends one kind of request only, so the CPU a server spends during a
 * phase belongs to that one operation. The same requests go to Roster and to the floors; a phase
 * only knows a target's URLs and credentials, never which server it is talking to.
 */
import type { HttpRequest, HttpResponse } from './load.js';

export const phaseNames = ['create', 'lookup', 'page', 'patch', 'put', 'team-patch', 'graphql', 'delete'] as const;
export type PhaseName = (typeof phaseNames)[number];

/** Operations on one user each; the others work on pages or batches. */
export const singleUserPhases: readonly PhaseName[] = ['create', 'lookup', 'patch', 'put', 'delete'];

/** Where and how one group is reached on one server (Roster, or the floors). */
export interface GroupTarget {
  /** `/scim/v2/<groupId>` on the SCIM server. */
  readonly scimBasePath: string;
  readonly scimHeaders: Readonly<Record<string, string>>;
  readonly graphqlPath: string;
  readonly graphqlHeaders: Readonly<Record<string, string>>;
  readonly groupId: string;
}

/** What the phases of one round on one group learn and reuse: the users' ids, the teams. */
export interface GroupState {
  readonly users: number;
  readonly userNamePrefix: string;
  readonly ids: string[];
  teamIds: string[];
}

export interface PhaseSizes {
  readonly users: number;
  /** GraphQL operations, each reading 200 members with their emails and teams. */
  readonly graphqlOperations: number;
}

export interface PhaseSpec {
  readonly name: PhaseName;
  /** Which of the target's servers answers (Roster answers both; the floors are two processes). */
  readonly door: 'scim' | 'graphql';
  readonly count: number;
  request(i: number): HttpRequest;
  /** Undefined when the answer is the expected one, otherwise what was wrong with it. */
  check(i: number, response: HttpResponse): string | undefined;
}

export const teamsPerGroup = 3;
const pageSize = 100;
const teamBatch = 100;
const graphqlFirst = 200;

const userSchema = 'urn:ietf:params:scim:schemas:core:2.0:User';
const patchOpSchema = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const graphqlQuery = 'query($id: ID!) { group(id: $id) { members(first: 200) { edges { node { userName emails { value } teams { displayName } } } } } }';

export const userName = (state: Pick<GroupState, 'userNamePrefix'>, i: number): string => `${state.userNamePrefix}${String(i).padStart(7, '0')}@bench.example`;
/**
 * The share of the users each single-user write phase (patch, put, delete) touches: a quarter each,
 * disjoint. Fewer made those phases last well under a second at 10,000 users, so the PostgreSQL
 * CPU of whatever background work ran during the samples' 200 ms tail weighed on every request.
 */
const shareOf = (users: number) => Math.max(1, Math.floor(users / 4));

/** How many requests each phase sends for a given number of users. */
export function requestCount(name: PhaseName, sizes: PhaseSizes): number {
  const pages = Math.ceil(sizes.users / pageSize);
  switch (name) {
    case 'create':
    case 'lookup':
      return sizes.users;
    case 'page':
      return pages;
    case 'patch':
    case 'put':
    case 'delete':
      return shareOf(sizes.users);
    case 'team-patch':
      return teamsPerGroup * pages;
    case 'graphql':
      return sizes.graphqlOperations;
  }
}

/** The body an identity provider like Okta sends to create (or, with changes, replace) a user. */
function userBody(state: GroupState, i: number, replaced: boolean): string {
  const name = userName(state, i);
  return JSON.stringify({
    schemas: [userSchema],
    userName: name,
    name: { givenName: 'Bench', familyName: `User ${i}` },
    emails: [{ value: name, type: 'work', primary: true }],
    externalId: `ext-${i}`,
    displayName: replaced ? `Bench User ${i} (replaced)` : `Bench User ${i}`,
    ...(replaced ? { title: 'Engineer' } : {}),
    active: true,
  });
}

function json(response: HttpResponse): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(response.body);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function expectStatus(response: HttpResponse, status: number): string | undefined {
  return response.status === status ? undefined : `status ${response.status}, expected ${status}`;
}

/** A fixed pseudo-random order (the same in every round and for every target), so lookups do not walk the index in order. */
function shuffled(count: number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  let seed = 0x9e3779b9;
  for (let i = count - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
    const j = seed % (i + 1);
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
  return order;
}

function idOf(state: GroupState, i: number): string {
  const id = state.ids[i];
  if (id === undefined) throw new Error(`user ${i} was not created, so later phases cannot address it`);
  return id;
}

/** The requests of one phase against one group of one target. */
export function buildPhase(name: PhaseName, target: GroupTarget, state: GroupState, sizes: PhaseSizes): PhaseSpec {
  const users = state.users;
  const share = shareOf(users);
  const scim = (method: string, path: string, body?: string): HttpRequest => ({
    method,
    path: `${target.scimBasePath}${path}`,
    headers: body === undefined ? target.scimHeaders : { ...target.scimHeaders, 'content-type': 'application/scim+json' },
    ...(body === undefined ? {} : { body }),
  });
  const count = requestCount(name, sizes);
  const base = { name, door: 'scim', count } as const;
  switch (name) {
    case 'create':
      return {
        ...base,
        request: (i) => scim('POST', '/Users', userBody(state, i, false)),
        check: (i, response) => {
          const id = json(response)?.id;
          if (response.status !== 201 || typeof id !== 'string') return `status ${response.status}, expected 201 with an id`;
          state.ids[i] = id;
          return undefined;
        },
      };
    case 'lookup': {
      const order = shuffled(users);
      return {
        ...base,
        request: (i) => {
          const filter = encodeURIComponent(`userName eq "${userName(state, order[i] ?? 0)}"`);
          return scim('GET', `/Users?filter=${filter}&startIndex=1&count=100`);
        },
        check: (_i, response) => expectStatus(response, 200) ?? (json(response)?.totalResults === 1 ? undefined : 'totalResults is not 1'),
      };
    }
    case 'page':
      return {
        ...base,
        request: (p) => scim('GET', `/Users?startIndex=${p * pageSize + 1}&count=${pageSize}`),
        check: (p, response) => {
          const resources = json(response)?.Resources;
          const expected = Math.min(pageSize, users - p * pageSize);
          return expectStatus(response, 200) ?? (Array.isArray(resources) && resources.length === expected ? undefined : `not ${expected} Resources`);
        },
      };
    case 'patch':
      return {
        ...base,
        // Okta's deactivation: a pathless replace (Okta SCIM 2.0 docs, "Deactivate a user").
        request: (i) =>
          scim('PATCH', `/Users/${idOf(state, i)}`, JSON.stringify({ schemas: [patchOpSchema], Operations: [{ op: 'replace', value: { active: false } }] })),
        check: (_i, response) => expectStatus(response, 200) ?? (json(response)?.active === false ? undefined : 'still active'),
      };
    case 'put':
      return {
        ...base,
        request: (i) => scim('PUT', `/Users/${idOf(state, share + i)}`, userBody(state, share + i, true)),
        check: (_i, response) => expectStatus(response, 200),
      };
    case 'team-patch':
      return {
        ...base,
        // Batches go round the teams, so concurrent requests seldom change the same team.
        request: (i) => {
          const teamId = state.teamIds[i % teamsPerGroup];
          if (teamId === undefined) throw new Error('the teams were not created before the team-patch phase');
          const batch = Math.floor(i / teamsPerGroup);
          const members = state.ids.slice(batch * teamBatch, batch * teamBatch + teamBatch).map((value) => ({ value }));
          return scim('PATCH', `/Groups/${teamId}`, JSON.stringify({ schemas: [patchOpSchema], Operations: [{ op: 'add', path: 'members', value: members }] }));
        },
        check: (_i, response) => expectStatus(response, 204),
      };
    case 'graphql':
      return {
        name,
        door: 'graphql',
        count,
        request: () => ({
          method: 'POST',
          path: target.graphqlPath,
          headers: { ...target.graphqlHeaders, 'content-type': 'application/json' },
          body: JSON.stringify({ query: graphqlQuery, variables: { id: target.groupId } }),
        }),
        check: (_i, response) => {
          const body = json(response) as { errors?: unknown; data?: { group?: { members?: { edges?: unknown[] } } } } | undefined;
          if (response.status !== 200 || body?.errors !== undefined) return `status ${response.status}${body?.errors ? ' with errors' : ''}`;
          const edges = body?.data?.group?.members?.edges?.length;
          return edges === Math.min(graphqlFirst, users) ? undefined : `${String(edges)} edges`;
        },
      };
    case 'delete':
      return {
        ...base,
        request: (i) => scim('DELETE', `/Users/${idOf(state, users - share + i)}`),
        check: (_i, response) => expectStatus(response, 204),
      };
  }
}
