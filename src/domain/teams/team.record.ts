import { timestamp } from '../shared/rows.js';

/** A team as reads return it: a plain object from its row (never a managed entity). */
export interface TeamRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly groupId: string;
  readonly displayName: string;
  /** lower(displayName): uniqueness and the GraphQL sort key. */
  readonly displayNameKey: string;
  readonly externalId: string | null;
  /** Bumped on every change (attributes or membership): the SCIM ETag. */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A member of a team as a SCIM Group lists it. */
export interface MemberRef {
  readonly id: string;
  readonly userName: string;
}

/** Every column a team read selects (aliased `t`). */
/**
 * A team as the activity log keeps it after a change (the change feed's `resource`), from the row
 * aliased `alias`; `bumped` when the row is the one read before a statement that bumps its version.
 */
export function teamResourceOf(alias: string, bumped = false): string {
  const [version, updatedAt] = bumped ? [`${alias}.version + 1`, 'now()'] : [`${alias}.version`, `${alias}.updated_at`];
  return `jsonb_build_object('id', ${alias}.id, 'groupId', ${alias}.group_id, 'displayName', ${alias}.display_name, 'externalId', ${alias}.external_id, 'version', ${version}, 'updatedAt', ${updatedAt})`;
}

export const teamColumns = ['id', 'organization_id', 'group_id', 'display_name', 'display_name_key', 'external_id', 'version', 'created_at', 'updated_at']
  .map((column) => `t.${column}`)
  .join(', ');

export function teamFromRow(row: Record<string, unknown>): TeamRecord {
  return {
    id: row.id as string,
    organizationId: row.organization_id as string,
    groupId: row.group_id as string,
    displayName: row.display_name as string,
    displayNameKey: row.display_name_key as string,
    externalId: (row.external_id ?? null) as string | null,
    version: row.version as number,
    createdAt: timestamp(row.created_at),
    updatedAt: timestamp(row.updated_at),
  };
}
