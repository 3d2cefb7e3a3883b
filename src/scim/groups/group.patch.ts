import type { TeamChange } from '../../domain/teams/team.service.js';
import type { Filter } from '../filter/ast.js';
import { parsePatchPath } from '../patch/path.js';
import { inOperation, readOperations } from '../patch/operations.js';
import { ScimError } from '../scim-error.js';
import { groupSchemaId } from '../schemas.js';
import { memberIdsOf } from './group.mapper.js';

/** What a Group PATCH asks for, in domain terms; membership changes are set operations on rows. */
export type GroupChange = TeamChange;

/** `value eq "id"` joined by `or`: the member ids a remove filter names (Okta's `members[value eq "…"]`). */
function idsOfFilter(filter: Filter): string[] {
  if (filter.kind === 'compare' && filter.op === 'eq' && filter.path.attr.toLowerCase() === 'value' && !filter.path.sub && typeof filter.value === 'string')
    return [filter.value];
  if (filter.kind === 'logical' && filter.op === 'or') return [...idsOfFilter(filter.left), ...idsOfFilter(filter.right)];
  throw new ScimError(400, 'A members filter may only name members: value eq "<id>", joined with or.', 'invalidFilter');
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new ScimError(400, `"${name}" must be a non-empty string.`, 'invalidValue');
  return value;
}

function change(op: 'add' | 'replace' | 'remove', attribute: string, value: unknown, filter?: Filter): GroupChange {
  switch (attribute.toLowerCase()) {
    case 'displayname':
      if (op === 'remove') throw new ScimError(400, '"displayName" is required and cannot be removed.', 'mutability');
      return { kind: 'rename', displayName: text(value, 'displayName') };
    case 'externalid':
      if (op === 'remove') return { kind: 'externalId', externalId: null };
      return { kind: 'externalId', externalId: value === null ? null : text(value, 'externalId') };
    case 'members':
      if (filter) {
        if (op !== 'remove') throw new ScimError(400, 'A members[…] filter is only supported with remove.', 'invalidPath');
        return { kind: 'removeMembers', ids: idsOfFilter(filter) };
      }
      if (op === 'add') return { kind: 'addMembers', ids: memberIdsOf(value) };
      if (op === 'replace') return { kind: 'replaceMembers', ids: memberIdsOf(value) };
      // Entra removes by listing members in `value`: exactly those (MicrosoftDocs/azure-docs#30826);
      // without a value, RFC 7644 §3.5.2.2 removes them all.
      return value === undefined || value === null ? { kind: 'replaceMembers', ids: [] } : { kind: 'removeMembers', ids: memberIdsOf(value) };
    case 'id':
    case 'meta':
    case 'schemas':
      throw new ScimError(400, `"${attribute}" is read-only.`, 'mutability');
    default:
      throw new ScimError(400, `Unknown Group attribute "${attribute}".`, 'invalidPath');
  }
}

/** A pathless add/replace: Okta's rename sends `{id, displayName}` on every push (id is ignored). */
function pathless(op: 'add' | 'replace', value: unknown): GroupChange[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ScimError(400, `"${op}" without a path needs an object value.`, 'invalidValue');
  return Object.entries(value).flatMap(([key, inner]) => {
    const lower = key.toLowerCase();
    if (lower === 'id' || lower === 'meta' || lower === 'schemas') return [];
    if (lower === groupSchemaId.toLowerCase()) return pathless(op, inner);
    return [change(op, key.replace(new RegExp(`^${groupSchemaId}:`, 'i'), ''), inner)];
  });
}

/**
 * Reads a Group PatchOp body (RFC 7644 §3.5.2) into changes, accepting both Okta's shapes
 * (mixed remove-by-filter then add in one request; pathless rename) and Entra's (capitalised ops,
 * remove with a value list). Nothing is applied here; the caller applies all in one transaction.
 * @throws ScimError naming the operation that cannot be understood
 */
export function groupChangesOf(body: Record<string, unknown>): GroupChange[] {
  return readOperations(body).flatMap(({ index, opName, op, path: pathText, value }) =>
    inOperation(index, opName, pathText, () => {
      if (!pathText) {
        if (op === 'remove') throw new ScimError(400, '"remove" needs a path.', 'noTarget');
        return pathless(op, value);
      }
      const path = parsePatchPath(pathText);
      if (path.attribute.uri && path.attribute.uri.toLowerCase() !== groupSchemaId.toLowerCase())
        throw new ScimError(400, `Unknown schema "${path.attribute.uri}".`, 'invalidPath');
      if (path.attribute.sub || path.subAfterFilter)
        throw new ScimError(400, `"${pathText}": sub-attributes of Group attributes cannot be changed.`, 'invalidPath');
      return [change(op, path.attribute.attr, value, path.filter)];
    }),
  );
}
