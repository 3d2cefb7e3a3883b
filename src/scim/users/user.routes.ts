import { Router, type Request, type Response } from 'express';
import type { Member } from '../../domain/members/member.entity.js';
import type { ResourceSchemas } from '../filter/to-condition.js';
import { checkIfMatch, etagOf, isNotModified } from '../etag.js';
import { contextOf, handler, jsonBody, methodNotAllowed, paramOf, sendScim, type ScimRequestContext } from '../http.js';
import { projectionOf, readListQuery, sortFieldOf, type ScimPaging } from '../list-query.js';
import { applyPatch } from '../patch/patch.js';
import { project, isExcluded } from '../projection.js';
import { ScimError } from '../scim-error.js';
import { enterpriseSchema, listResponseSchema, userSchema, userSchemaId } from '../schemas.js';
import { fromScimUser, toScimUser } from './user.mapper.js';

export const userResource: ResourceSchemas = { core: userSchema, extensions: [enterpriseSchema] };
const schemaIds = [userSchemaId, enterpriseSchema.id];

function location(context: ScimRequestContext, id: string): string {
  return `${context.baseUrl}/Users/${id}`;
}

export async function renderUsers(
  context: ScimRequestContext,
  members: readonly Member[],
  attributes: readonly string[] = [],
  excluded: readonly string[] = [],
) {
  // `groups` needs one query for the whole page; skipped when the client leaves it out.
  const teams = isExcluded('groups', attributes, excluded) ? undefined : await context.services.teams.teamsOfMembers(members.map((m) => m.id));
  return members.map((member) =>
    project(
      toScimUser(member, { location: location(context, member.id), ...(teams ? { teams: teams.get(member.id) ?? [] } : {}) }),
      attributes,
      excluded,
      schemaIds,
    ),
  );
}

async function getMember(context: ScimRequestContext, id: string): Promise<Member> {
  const member = await context.services.members.find(context.actor, id);
  if (!member) throw new ScimError(404, `No User with id "${id}" in this group.`);
  return member;
}

/** GET /Users and POST /Users/.search: a ListResponse, also for zero results. */
async function list(context: ScimRequestContext, res: Response, source: Record<string, unknown>, paging: ScimPaging): Promise<void> {
  const query = readListQuery(source, userResource, paging);
  const { total, items } = await context.services.members.search(context.actor, context.actor.groupId, {
    condition: query.condition,
    startIndex: query.startIndex,
    count: query.count,
    sortBy: sortFieldOf(query, userResource),
    descending: query.descending,
  });
  sendScim(res, 200, {
    schemas: [listResponseSchema],
    totalResults: total,
    startIndex: query.startIndex,
    itemsPerPage: items.length,
    Resources: await renderUsers(context, items, query.attributes, query.excludedAttributes),
  });
}

async function answerOne(context: ScimRequestContext, req: Request, res: Response, member: Member, status: number): Promise<void> {
  const { attributes, excluded } = projectionOf(req.query);
  const [resource] = await renderUsers(context, [member], attributes, excluded);
  sendScim(res, status, resource, { ETag: etagOf(member.version), ...(status === 201 ? { Location: location(context, member.id) } : {}) });
}

/** /Users: the group's members as SCIM Users (RFC 7644 §3.3–3.6). */
export function userRoutes(options: { bodyLimitBytes: number; paging: ScimPaging }): Router {
  const router = Router();
  const body = jsonBody(options.bodyLimitBytes);

  router
    .route('/Users')
    .get(handler(async (req, res) => list(contextOf(res), res, req.query, options.paging)))
    .post(
      ...body,
      handler(async (req, res) => {
        const context = contextOf(res);
        const member = await context.services.members.create(context.actor, context.actor.groupId, {
          active: true,
          ...fromScimUser(req.body as Record<string, unknown>),
        });
        await answerOne(context, req, res, member, 201);
      }),
    )
    .all(methodNotAllowed('GET, POST'));

  router
    .route('/Users/.search')
    .post(
      ...body,
      handler(async (req, res) => list(contextOf(res), res, req.body as Record<string, unknown>, options.paging)),
    )
    .all(methodNotAllowed('POST'));

  router
    .route('/Users/:id')
    .get(
      handler(async (req, res) => {
        const context = contextOf(res);
        const member = await getMember(context, paramOf(req, 'id'));
        if (isNotModified(req.get('if-none-match'), member.version)) {
          sendScim(res, 304, undefined, { ETag: etagOf(member.version) });
          return;
        }
        await answerOne(context, req, res, member, 200);
      }),
    )
    .put(
      ...body,
      handler(async (req, res) => {
        const context = contextOf(res);
        const current = await getMember(context, paramOf(req, 'id'));
        checkIfMatch(req.get('if-match'), current.version);
        // PUT replaces every attribute; an absent `active` leaves it as it is, so a client that
        // omits it never reactivates someone by accident.
        const member = await context.services.members.update(context.actor, current.id, fromScimUser(req.body as Record<string, unknown>));
        await answerOne(context, req, res, member, 200);
      }),
    )
    .patch(
      ...body,
      handler(async (req, res) => {
        const context = contextOf(res);
        const current = await getMember(context, paramOf(req, 'id'));
        checkIfMatch(req.get('if-match'), current.version);
        const document = toScimUser(current, { location: location(context, current.id) });
        const patched = applyPatch(document, req.body as Record<string, unknown>, userResource);
        const member = await context.services.members.update(context.actor, current.id, fromScimUser(patched));
        await answerOne(context, req, res, member, 200);
      }),
    )
    .delete(
      handler(async (req, res) => {
        const context = contextOf(res);
        const current = await getMember(context, paramOf(req, 'id'));
        checkIfMatch(req.get('if-match'), current.version);
        await context.services.members.delete(context.actor, current.id);
        sendScim(res, 204);
      }),
    )
    .all(methodNotAllowed('GET, PUT, PATCH, DELETE'));

  return router;
}
