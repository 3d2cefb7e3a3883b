import type { MemberRef, TeamRecord } from '../../domain/teams/team.record.js';
import { etagOf } from '../etag.js';
import { ScimError } from '../scim-error.js';
import { groupSchemaId } from '../schemas.js';
import { pick, type ScimResource } from '../users/user.mapper.js';

/** Renders a team as a SCIM Group (RFC 7643 §4.2); members only when loaded (not excluded). */
export function toScimGroup(team: TeamRecord, options: { location: string; usersUrl: string; members?: readonly MemberRef[] }): ScimResource {
  return {
    schemas: [groupSchemaId],
    id: team.id,
    displayName: team.displayName,
    ...(team.externalId !== null ? { externalId: team.externalId } : {}),
    ...(options.members
      ? { members: options.members.map((m) => ({ value: m.id, display: m.userName, type: 'User', $ref: `${options.usersUrl}/${m.id}` })) }
      : {}),
    meta: {
      resourceType: 'Group',
      created: team.createdAt.toISOString(),
      lastModified: team.updatedAt.toISOString(),
      location: options.location,
      version: etagOf(team.version),
    },
  };
}

/** Member ids from a `members` value: `[{value}]` (Entra adds `"$ref": null`, Okta `display`). */
export function memberIdsOf(value: unknown, where = 'members'): string[] {
  if (value === undefined || value === null) return [];
  const list: unknown[] = Array.isArray(value) ? value : [value];
  return list.map((entry, i) => {
    const id = typeof entry === 'object' && entry !== null ? pick(entry as Record<string, unknown>, 'value') : entry;
    if (typeof id !== 'string' || id === '') throw new ScimError(400, `"${where}[${i}].value" must be a User id.`, 'invalidValue');
    return id;
  });
}

export interface GroupBody {
  readonly displayName: string;
  readonly externalId: string | null;
  readonly memberIds: string[];
}

/** A SCIM Group body (POST, PUT); `id`, `meta` and Entra's extra schema are ignored. */
export function fromScimGroup(body: Record<string, unknown>): GroupBody {
  const displayName = pick(body, 'displayName');
  if (typeof displayName !== 'string' || displayName.trim() === '')
    throw new ScimError(400, '"displayName" is required, as a non-empty string.', 'invalidValue');
  const externalId = pick(body, 'externalId');
  if (externalId !== undefined && externalId !== null && typeof externalId !== 'string')
    throw new ScimError(400, '"externalId" must be a string.', 'invalidValue');
  return { displayName, externalId: externalId ?? null, memberIds: memberIdsOf(pick(body, 'members')) };
}
