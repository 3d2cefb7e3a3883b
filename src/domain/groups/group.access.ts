import { statement, type Queryable } from '../../db/sql.js';
import type { Actor, AdminActor, ScimTokenActor } from '../shared/actor.js';
import { requireWriter } from '../shared/authorize.js';
import { DomainError } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';
import { GroupKind } from './group.entity.js';

/** What the membership rules need to know of a group. */
export interface GroupAccess {
  readonly id: string;
  readonly organizationId: string;
  readonly kind: GroupKind;
  /** For messages; unknown (null) when the group was not read (a SCIM token's own group). */
  readonly name: string | null;
}

const groupOfOrganization = statement('select id, organization_id, kind, name from "group" where id = $1 and organization_id = $2');

/**
 * The group a change of members or teams is aimed at, in the actor's scope. A SCIM token's own
 * group costs no query: the token exists only while its group does, and only SCIM groups have
 * tokens (a group's kind never changes). Admins' group ids are read within their organization.
 * @throws GROUP_NOT_FOUND
 */
export async function groupInScope(sql: Queryable, actor: Actor, id: string): Promise<GroupAccess> {
  if (actor.kind === 'scimToken') {
    if (actor.groupId !== id) throw notFound(id);
    return { id, organizationId: actor.organizationId, kind: GroupKind.SCIM, name: null };
  }
  if (!isUuid(id)) throw notFound(id);
  const [row] = await sql.query<{ id: string; organization_id: string; kind: GroupKind; name: string }>(groupOfOrganization, [id, actor.organizationId]);
  if (!row) throw notFound(id);
  return { id: row.id, organizationId: row.organization_id, kind: row.kind, name: row.name };
}

function notFound(id: string): DomainError {
  return new DomainError('GROUP_NOT_FOUND', `No group with id "${id}".`, 'id');
}

/**
 * Who may change a group's members and teams: in a SCIM group only its identity provider (a token
 * of that group), in a STANDARD group only OWNERs and ADMINs.
 * @throws GROUP_SCIM_MANAGED, AUTH_FORBIDDEN
 */
export function assertMembershipWritable(actor: Actor, group: Pick<GroupAccess, 'kind' | 'name'>): AdminActor | ScimTokenActor {
  if (group.kind === GroupKind.SCIM) {
    if (actor.kind === 'scimToken') return actor;
    requireWriter(actor);
    throw new DomainError(
      'GROUP_SCIM_MANAGED',
      `"${group.name ?? 'This group'}" is kept in sync by your identity provider: change its members and teams there, not in Roster.`,
    );
  }
  return requireWriter(actor);
}
