import { groupResource, renderGroups } from './groups/group.routes.js';
import { sendScim, type ScimRoute } from './http.js';
import { readListQuery, type ListQuery, type ScimPaging } from './list-query.js';
import { isExcluded } from './projection.js';
import { ScimError } from './scim-error.js';
import { listResponseSchema } from './schemas.js';
import type { ResourceSchemas } from './filter/to-condition.js';
import { renderUsers, userResource } from './users/user.routes.js';

/** The filter read against one resource type; null when it names attributes that type lacks. */
function queryFor(source: Record<string, unknown>, resource: ResourceSchemas, paging: ScimPaging): { query: ListQuery | null; error?: ScimError } {
  try {
    return { query: readListQuery(source, resource, paging) };
  } catch (error) {
    if (error instanceof ScimError && error.scimType === 'invalidFilter') return { query: null, error };
    throw error;
  }
}

/**
 * `POST /.search` (RFC 7644 §3.4.3): Users and Groups in one ListResponse, Users first. A filter is
 * read against each type's schema; a type whose schema lacks an attribute the filter names
 * contributes no results, and a filter neither type understands is 400 invalidFilter.
 */
export function rootSearchRoutes(paging: ScimPaging): ScimRoute {
  return {
    template: '/.search',
    methods: {
      POST: {
        body: true,
        handle: async (req, res, context) => {
          const source = req.body;
          if (source.sortBy !== undefined)
            throw new ScimError(400, 'sortBy is not supported across resource types; search /Users/.search or /Groups/.search to sort.', 'invalidValue');
          const users = queryFor(source, userResource, paging);
          const groups = queryFor(source, groupResource, paging);
          const first = users.query ?? groups.query;
          if (!first) throw users.error ?? groups.error ?? new ScimError(400, 'Invalid filter.', 'invalidFilter');
          const { startIndex, count } = first;
          const foundUsers = users.query
            ? await context.services.members.search(context.actor, context.actor.groupId, {
                condition: users.query.condition,
                startIndex,
                count,
                withTeams: !isExcluded('groups', first.attributes, first.excludedAttributes),
              })
            : { total: 0, items: [] };
          const groupStart = Math.max(1, startIndex - foundUsers.total);
          const groupCount = Math.max(0, count - foundUsers.items.length);
          const foundGroups = groups.query
            ? await context.services.teams.search(context.actor, context.actor.groupId, {
                condition: groups.query.condition,
                startIndex: groupStart,
                count: groupCount,
              })
            : { total: 0, items: [] };
          const resources = [
            ...renderUsers(context, foundUsers.items, first.attributes, first.excludedAttributes),
            ...(await renderGroups(context, foundGroups.items, first.attributes, first.excludedAttributes)),
          ];
          sendScim(res, 200, {
            schemas: [listResponseSchema],
            totalResults: foundUsers.total + foundGroups.total,
            startIndex,
            itemsPerPage: resources.length,
            Resources: resources,
          });
        },
      },
    },
  };
}
