import type { ServerResponse } from 'node:http';
import type { MemberRef, TeamRecord } from '../../domain/teams/team.record.js';
import { etagOf, ifMatchOf, isNotModified } from '../etag.js';
import type { ResourceSchemas } from '../filter/to-condition.js';
import { headerOf, sendScim, type ScimRequest, type ScimRequestContext, type ScimRoute } from '../http.js';
import { projectionOf, readListQuery, sortFieldOf, type ScimPaging } from '../list-query.js';
import { isExcluded, project } from '../projection.js';
import { ScimError } from '../scim-error.js';
import { groupSchema, groupSchemaId, listResponseSchema } from '../schemas.js';
import { fromScimGroup, toScimGroup } from './group.mapper.js';
import { groupChangesOf } from './group.patch.js';

export const groupResource: ResourceSchemas = { core: groupSchema, extensions: [] };

function render(
  context: ScimRequestContext,
  team: TeamRecord,
  members: readonly MemberRef[] | undefined,
  attributes: readonly string[],
  excluded: readonly string[],
) {
  return project(
    toScimGroup(team, { location: `${context.baseUrl}/Groups/${team.id}`, usersUrl: `${context.baseUrl}/Users`, ...(members ? { members } : {}) }),
    attributes,
    excluded,
    [groupSchemaId],
  );
}

/** Renders teams; members are loaded (one statement for the page) only when not excluded. */
export async function renderGroups(context: ScimRequestContext, teams: readonly TeamRecord[], attributes: readonly string[], excluded: readonly string[]) {
  const members = isExcluded('members', attributes, excluded) ? undefined : await context.services.teams.memberRefs(teams.map((t) => t.id));
  return teams.map((team) => render(context, team, members ? (members.get(team.id) ?? []) : undefined, attributes, excluded));
}

async function getTeam(context: ScimRequestContext, id: string): Promise<TeamRecord> {
  const team = await context.services.teams.find(context.actor, id);
  if (!team) throw new ScimError(404, `No Group with id "${id}" in this group.`);
  return team;
}

async function answerOne(context: ScimRequestContext, req: ScimRequest, res: ServerResponse, team: TeamRecord, status: number): Promise<void> {
  const { attributes, excluded } = projectionOf(req.query);
  const [resource] = await renderGroups(context, [team], attributes, excluded);
  sendScim(res, status, resource, { ETag: etagOf(team.version), ...(status === 201 ? { Location: `${context.baseUrl}/Groups/${team.id}` } : {}) });
}

async function list(context: ScimRequestContext, res: ServerResponse, source: Record<string, unknown>, paging: ScimPaging): Promise<void> {
  const query = readListQuery(source, groupResource, paging);
  const sortBy = sortFieldOf(query, groupResource);
  const { total, items } = await context.services.teams.search(context.actor, context.actor.groupId, {
    condition: query.condition,
    startIndex: query.startIndex,
    count: query.count,
    sortBy,
    descending: query.descending,
  });
  sendScim(res, 200, {
    schemas: [listResponseSchema],
    totalResults: total,
    startIndex: query.startIndex,
    itemsPerPage: items.length,
    Resources: await renderGroups(context, items, query.attributes, query.excludedAttributes),
  });
}

/** /Groups: the group's teams as SCIM Groups; membership changes are set operations on rows. */
export function groupRoutes(paging: ScimPaging): ScimRoute[] {
  return [
    {
      template: '/Groups',
      methods: {
        GET: { handle: (req, res, context) => list(context, res, req.query, paging) },
        POST: {
          body: true,
          handle: async (req, res, context) => {
            const team = await context.services.teams.create(context.actor, context.actor.groupId, fromScimGroup(req.body));
            await answerOne(context, req, res, team, 201);
          },
        },
      },
    },
    {
      template: '/Groups/.search',
      methods: { POST: { body: true, handle: (req, res, context) => list(context, res, req.body, paging) } },
    },
    {
      template: '/Groups/:id',
      methods: {
        GET: {
          handle: async (req, res, context) => {
            const team = await getTeam(context, req.id);
            if (isNotModified(headerOf(req, 'if-none-match'), team.version)) {
              sendScim(res, 304, undefined, { ETag: etagOf(team.version) });
              return;
            }
            await answerOne(context, req, res, team, 200);
          },
        },
        PUT: {
          body: true,
          handle: async (req, res, context) => {
            const group = fromScimGroup(req.body);
            const { team, members } = await context.services.teams.replace(context.actor, req.id, group, { ifMatch: ifMatchOf(headerOf(req, 'if-match')) });
            const { attributes, excluded } = projectionOf(req.query);
            const withMembers = !isExcluded('members', attributes, excluded);
            sendScim(res, 200, render(context, team, withMembers ? members : undefined, attributes, excluded), { ETag: etagOf(team.version) });
          },
        },
        PATCH: {
          body: true,
          handle: async (req, res, context) => {
            const changes = groupChangesOf(req.body);
            await context.services.teams.apply(context.actor, req.id, changes, { ifMatch: ifMatchOf(headerOf(req, 'if-match')) });
            // Entra expects 204 for Group PATCH and discourages returning member lists; Okta accepts it.
            sendScim(res, 204);
          },
        },
        DELETE: {
          handle: async (req, res, context) => {
            await context.services.teams.delete(context.actor, req.id, { ifMatch: ifMatchOf(headerOf(req, 'if-match')) });
            sendScim(res, 204);
          },
        },
      },
    },
  ];
}
