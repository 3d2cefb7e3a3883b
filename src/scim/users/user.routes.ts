import type { ServerResponse } from 'node:http';
import type { MemberRecord } from '../../domain/members/member.record.js';
import type { ResourceSchemas } from '../filter/to-condition.js';
import { etagOf, ifMatchOf, isNotModified } from '../etag.js';
import { headerOf, sendScim, type ScimRequest, type ScimRequestContext, type ScimRoute } from '../http.js';
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
async function list(context: ScimRequestContext, res: ServerResponse, source: Record<string, unknown>, paging: ScimPaging): Promise<void> {
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
function answerOne(context: ScimRequestContext, req: ScimRequest, res: ServerResponse, member: MemberRecord, status: number): void {
  const { attributes, excluded } = projectionOf(req.query);
  const [resource] = renderUsers(context, [member], attributes, excluded);
  sendScim(res, status, resource, { ETag: etagOf(member.version), ...(status === 201 ? { Location: `${context.baseUrl}/Users/${member.id}` } : {}) });
}

/** /Users: the group's members as SCIM Users (RFC 7644 §3.3–3.6). */
export function userRoutes(paging: ScimPaging): ScimRoute[] {
  return [
    {
      template: '/Users',
      methods: {
        GET: { handle: (req, res, context) => list(context, res, req.query, paging) },
        POST: {
          body: true,
          handle: async (req, res, context) => {
            const member = await context.services.members.create(context.actor, context.actor.groupId, { active: true, ...fromScimUser(req.body) });
            answerOne(context, req, res, member, 201);
          },
        },
      },
    },
    {
      template: '/Users/.search',
      methods: { POST: { body: true, handle: (req, res, context) => list(context, res, req.body, paging) } },
    },
    {
      template: '/Users/:id',
      methods: {
        GET: {
          handle: async (req, res, context) => {
            const member = await context.services.members.find(context.actor, req.id);
            if (!member) throw new ScimError(404, `No User with id "${req.id}" in this group.`);
            if (isNotModified(headerOf(req, 'if-none-match'), member.version)) {
              sendScim(res, 304, undefined, { ETag: etagOf(member.version) });
              return;
            }
            answerOne(context, req, res, member, 200);
          },
        },
        PUT: {
          body: true,
          handle: async (req, res, context) => {
            // PUT replaces every attribute; an absent `active` leaves it as it is, so a client that
            // omits it never reactivates someone by accident.
            const attributes = fromScimUser(req.body);
            const member = await context.services.members.update(context.actor, req.id, attributes, { ifMatch: ifMatchOf(headerOf(req, 'if-match')) });
            answerOne(context, req, res, member, 200);
          },
        },
        PATCH: {
          body: true,
          handle: async (req, res, context) => {
            const ifMatch = ifMatchOf(headerOf(req, 'if-match'));
            const active = activationOf(req.body);
            if (active !== undefined) {
              // Deactivation and reactivation, the bulk of PATCH traffic, need not read the User first.
              answerOne(context, req, res, await context.services.members.update(context.actor, req.id, { active }, { ifMatch }), 200);
              return;
            }
            // The operations apply to the User as it is at the moment of the write (read again if it changed meanwhile).
            const member = await context.services.members.modify(
              context.actor,
              req.id,
              (current) => fromScimUser(applyPatch(toScimUser(current, { ...linksOf(context, current), teams: undefined }), req.body, userResource)),
              { ifMatch },
            );
            answerOne(context, req, res, member, 200);
          },
        },
        DELETE: {
          handle: async (req, res, context) => {
            await context.services.members.delete(context.actor, req.id, { ifMatch: ifMatchOf(headerOf(req, 'if-match')) });
            sendScim(res, 204);
          },
        },
      },
    },
  ];
}
