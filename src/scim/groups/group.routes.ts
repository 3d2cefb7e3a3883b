import { Router, type Request, type Response } from 'express';
import type { Services } from '../../domain/services.js';
import type { Team } from '../../domain/teams/team.entity.js';
import { checkIfMatch, etagOf, isNotModified } from '../etag.js';
import type { ResourceSchemas } from '../filter/to-condition.js';
import { contextOf, handler, jsonBody, methodNotAllowed, paramOf, sendScim, type ScimRequestContext } from '../http.js';
import { projectionOf, readListQuery, sortFieldOf, type ScimPaging } from '../list-query.js';
import { isExcluded, project } from '../projection.js';
import { ScimError } from '../scim-error.js';
import { groupSchema, groupSchemaId, listResponseSchema } from '../schemas.js';
import { fromScimGroup, toScimGroup } from './group.mapper.js';
import { groupChangesOf, type GroupChange } from './group.patch.js';

export const groupResource: ResourceSchemas = { core: groupSchema, extensions: [] };

/** Renders teams; members are loaded (one statement for the page) only when not excluded. */
export async function renderGroups(context: ScimRequestContext, teams: readonly Team[], attributes: readonly string[], excluded: readonly string[]) {
  const members = isExcluded('members', attributes, excluded) ? undefined : await context.services.teams.memberRefs(teams.map((t) => t.id));
  return teams.map((team) =>
    project(
      toScimGroup(team, {
        location: `${context.baseUrl}/Groups/${team.id}`,
        usersUrl: `${context.baseUrl}/Users`,
        ...(members ? { members: members.get(team.id) ?? [] } : {}),
      }),
      attributes,
      excluded,
      [groupSchemaId],
    ),
  );
}

async function getTeam(context: ScimRequestContext, id: string): Promise<Team> {
  const team = await context.services.teams.find(context.actor, id);
  if (!team) throw new ScimError(404, `No Group with id "${id}" in this group.`);
  return team;
}

async function answerOne(context: ScimRequestContext, req: Request, res: Response, team: Team, status: number): Promise<void> {
  const { attributes, excluded } = projectionOf(req.query);
  const [resource] = await renderGroups(context, [team], attributes, excluded);
  sendScim(res, status, resource, { ETag: etagOf(team.version), ...(status === 201 ? { Location: `${context.baseUrl}/Groups/${team.id}` } : {}) });
}

async function list(context: ScimRequestContext, res: Response, source: Record<string, unknown>, paging: ScimPaging): Promise<void> {
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

/** Applies PATCH changes in order, on one transaction's services. */
async function apply(services: Services, context: ScimRequestContext, teamId: string, changes: readonly GroupChange[]): Promise<void> {
  for (const change of changes) {
    switch (change.kind) {
      case 'rename':
        await services.teams.update(context.actor, teamId, { displayName: change.displayName });
        break;
      case 'externalId':
        await services.teams.update(context.actor, teamId, { externalId: change.externalId });
        break;
      case 'addMembers':
        await services.teams.addMembers(context.actor, teamId, change.ids);
        break;
      case 'removeMembers':
        await services.teams.removeMembers(context.actor, teamId, change.ids);
        break;
      case 'replaceMembers':
        await services.teams.replaceMembers(context.actor, teamId, change.ids);
        break;
    }
  }
}

/** /Groups: the group's teams as SCIM Groups; membership changes are set operations on rows. */
export function groupRoutes(options: { bodyLimitBytes: number; paging: ScimPaging }): Router {
  const router = Router();
  const body = jsonBody(options.bodyLimitBytes);

  router
    .route('/Groups')
    .get(handler(async (req, res) => list(contextOf(res), res, req.query, options.paging)))
    .post(
      ...body,
      handler(async (req, res) => {
        const context = contextOf(res);
        const group = fromScimGroup(req.body as Record<string, unknown>);
        const team = await context.services.teams.create(context.actor, context.actor.groupId, group);
        await answerOne(context, req, res, team, 201);
      }),
    )
    .all(methodNotAllowed('GET, POST'));

  router
    .route('/Groups/.search')
    .post(
      ...body,
      handler(async (req, res) => list(contextOf(res), res, req.body as Record<string, unknown>, options.paging)),
    )
    .all(methodNotAllowed('POST'));

  router
    .route('/Groups/:id')
    .get(
      handler(async (req, res) => {
        const context = contextOf(res);
        const team = await getTeam(context, paramOf(req, 'id'));
        if (isNotModified(req.get('if-none-match'), team.version)) {
          sendScim(res, 304, undefined, { ETag: etagOf(team.version) });
          return;
        }
        await answerOne(context, req, res, team, 200);
      }),
    )
    .put(
      ...body,
      handler(async (req, res) => {
        const context = contextOf(res);
        const current = await getTeam(context, paramOf(req, 'id'));
        checkIfMatch(req.get('if-match'), current.version);
        const group = fromScimGroup(req.body as Record<string, unknown>);
        await context.transaction(async (services) => {
          await services.teams.update(context.actor, current.id, { displayName: group.displayName, externalId: group.externalId });
          await services.teams.replaceMembers(context.actor, current.id, group.memberIds);
        });
        context.em.clear();
        await answerOne(context, req, res, await getTeam(context, current.id), 200);
      }),
    )
    .patch(
      ...body,
      handler(async (req, res) => {
        const context = contextOf(res);
        const current = await getTeam(context, paramOf(req, 'id'));
        checkIfMatch(req.get('if-match'), current.version);
        const changes = groupChangesOf(req.body as Record<string, unknown>);
        await context.transaction((services) => apply(services, context, current.id, changes));
        // Entra expects 204 for Group PATCH and discourages returning member lists; Okta accepts it.
        sendScim(res, 204);
      }),
    )
    .delete(
      handler(async (req, res) => {
        const context = contextOf(res);
        const current = await getTeam(context, paramOf(req, 'id'));
        checkIfMatch(req.get('if-match'), current.version);
        await context.services.teams.delete(context.actor, current.id);
        sendScim(res, 204);
      }),
    )
    .all(methodNotAllowed('GET, PUT, PATCH, DELETE'));

  return router;
}
