import type { Request, Response, Router } from 'express';
import type { MemberRecord } from '../../domain/members/member.record.js';
import type { ResourceSchemas } from '../filter/to-condition.js';
import { etagOf, ifMatchOf, isNotModified } from '../etag.js';
import { contextOf, handler, jsonBody, methodNotAllowed, paramOf, sendScim, type ScimRequestContext } from '../http.js';
import { projectionOf, readListQuery, sortFieldOf, type ScimPaging } from '../list-query.js';
import { activationOf } from '../patch/activation.js';
import { applyPatch } from '../patch/patch.js';
import { project, isExcluded } from '../projection.js';
import { ScimError } from '../scim-error.js';
import { enterpriseSchema, listResponseSchema, userSchema, userSchemaId } from '../schemas.js';
import { fromScimUser, toScimUser } from './user.mapper.js';

export const userResource: ResourceSchemas = { core: userSchema, extensions: [enterpriseSchema] };
const schemaIds = [userSchemaId, enterpriseSchema.id];

function linksOf(context: ScimRequestContext, member: MemberRecord) {
  return { location: `${context.baseUrl}/Users/${member.id}`, groupsUrl: `${context.baseUrl}/Groups`, teams: member.teams };
}

/** Renders members (with the teams their read brought, as `groups`) and applies the projection. */
export function renderUsers(
  context: ScimRequestContext,
  members: readonly MemberRecord[],
  attributes: readonly string[] = [],
  excluded: readonly string[] = [],
) {
  return members.map((member) => project(toScimUser(member, linksOf(context, member)), attributes, excluded, schemaIds));
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
    // `groups` costs a subquery per row; skipped when the client leaves it out.
    withTeams: !isExcluded('groups', query.attributes, query.excludedAttributes),
  });
  sendScim(res, 200, {
    schemas: [listResponseSchema],
    totalResults: total,
    startIndex: query.startIndex,
    itemsPerPage: items.length,
    Resources: renderUsers(context, items, query.attributes, query.excludedAttributes),
  });
}

/** One User, rendered from what the read or the write returned (no statement after a commit). */
function answerOne(context: ScimRequestContext, req: Request, res: Response, member: MemberRecord, status: number): void {
  const { attributes, excluded } = projectionOf(req.query);
  const [resource] = renderUsers(context, [member], attributes, excluded);
  sendScim(res, status, resource, { ETag: etagOf(member.version), ...(status === 201 ? { Location: `${context.baseUrl}/Users/${member.id}` } : {}) });
}

/** /Users: the group's members as SCIM Users (RFC 7644 §3.3–3.6). */
export function userRoutes(router: Router, options: { bodyLimitBytes: number; paging: ScimPaging }): void {
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
        answerOne(context, req, res, member, 201);
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
        const id = paramOf(req, 'id');
        const member = await context.services.members.find(context.actor, id);
        if (!member) throw new ScimError(404, `No User with id "${id}" in this group.`);
        if (isNotModified(req.get('if-none-match'), member.version)) {
          sendScim(res, 304, undefined, { ETag: etagOf(member.version) });
          return;
        }
        answerOne(context, req, res, member, 200);
      }),
    )
    .put(
      ...body,
      handler(async (req, res) => {
        const context = contextOf(res);
        // PUT replaces every attribute; an absent `active` leaves it as it is, so a client that
        // omits it never reactivates someone by accident.
        const attributes = fromScimUser(req.body as Record<string, unknown>);
        const member = await context.services.members.update(context.actor, paramOf(req, 'id'), attributes, { ifMatch: ifMatchOf(req.get('if-match')) });
        answerOne(context, req, res, member, 200);
      }),
    )
    .patch(
      ...body,
      handler(async (req, res) => {
        const context = contextOf(res);
        const ifMatch = ifMatchOf(req.get('if-match'));
        const active = activationOf(req.body as Record<string, unknown>);
        if (active !== undefined) {
          // Deactivation and reactivation, the bulk of PATCH traffic, need not read the User first.
          answerOne(context, req, res, await context.services.members.update(context.actor, paramOf(req, 'id'), { active }, { ifMatch }), 200);
          return;
        }
        // The operations apply to the User as it is at the moment of the write (read again if it changed meanwhile).
        const member = await context.services.members.modify(
          context.actor,
          paramOf(req, 'id'),
          (current) =>
            fromScimUser(
              applyPatch(toScimUser(current, { ...linksOf(context, current), teams: undefined }), req.body as Record<string, unknown>, userResource),
            ),
          { ifMatch },
        );
        answerOne(context, req, res, member, 200);
      }),
    )
    .delete(
      handler(async (req, res) => {
        const context = contextOf(res);
        await context.services.members.delete(context.actor, paramOf(req, 'id'), { ifMatch: ifMatchOf(req.get('if-match')) });
        sendScim(res, 204);
      }),
    )
    .all(methodNotAllowed('GET, PUT, PATCH, DELETE'));
}
