import { randomUUID } from 'node:crypto';
import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { Organization } from '../organizations/organization.entity.js';

export enum GroupKind {
  /** Members managed by admins in the portal. */
  STANDARD = 'STANDARD',
  /** Members and teams kept in sync by an identity provider through SCIM. */
  SCIM = 'SCIM',
}

@Entity({ tableName: 'group' })
@Unique({ name: 'group_organization_name_unique', properties: ['organization', 'nameKey'] })
export class Group {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'nameKey';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @Property({ type: 'text' })
  name!: string;

  /** lower(name): uniqueness per organization and the keyset sort key. */
  @Property({ type: 'text', generated: '(lower(name)) stored' })
  nameKey?: string;

  @Enum({ items: () => GroupKind, type: 'text' })
  kind!: GroupKind;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
