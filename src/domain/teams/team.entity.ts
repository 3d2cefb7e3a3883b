import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { Group } from '../groups/group.entity.js';
import { Organization } from '../organizations/organization.entity.js';

/** A SCIM Group pushed by the identity provider inside a SCIM group (or made by admins in a STANDARD one). */
@Entity({ tableName: 'team' })
@Unique({ name: 'team_group_display_name_unique', properties: ['group', 'displayNameKey'] })
@Unique({ name: 'team_group_external_id_unique', properties: ['group', 'externalId'] })
@Index({ properties: ['organization'] })
export class Team {
  [OptionalProps]?: 'externalId' | 'version' | 'createdAt' | 'updatedAt' | 'displayNameKey';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  // Held by the tenant-scoped key (organization_id, group_id) → group (migration tenant_scoped_keys).
  @ManyToOne(() => Organization, { deleteRule: 'cascade', createForeignKeyConstraint: false })
  organization!: Rel<Organization>;

  @ManyToOne(() => Group, { deleteRule: 'cascade', createForeignKeyConstraint: false })
  group!: Rel<Group>;

  @Property({ type: 'text' })
  displayName!: string;

  @Property({ type: 'text', generated: '(lower(display_name)) stored' })
  displayNameKey?: string;

  @Property({ type: 'text', nullable: true })
  externalId: string | null = null;

  @Property({ type: 'integer', default: 1 })
  version: number = 1;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
